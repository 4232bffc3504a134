/** Money and quantities as the reports show them: the only place amounts are rounded. */
import type { UsdRange } from "./report";

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** `$1,234.50`; a negative amount as `-$3.20`. */
export function usd(amount: number): string {
  const c = cents(amount);
  const text = Math.abs(c).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${c < 0 ? "-" : ""}$${text}`;
}

/** A unit price, to the fraction of a cent it was listed at: `$0.045`, `$0.0000166667`. */
export function unitUsd(amount: number): string {
  return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 10 })}`;
}

/** One amount when the bounds round to the same cent, else `min–max`. */
export function usdRange(r: UsdRange): string {
  return cents(r.min) === cents(r.max) ? usd(r.max) : `${usd(r.min)}–${usd(r.max)}`;
}

/** A change: `+$3.20`, `-$1.00`, `$0.00`; a range when the bounds differ. */
export function usdChange(r: UsdRange): string {
  const signed = (x: number) => (cents(x) > 0 ? `+${usd(x)}` : usd(x));
  return cents(r.min) === cents(r.max) ? signed(r.max) : `${signed(r.min)}–${signed(r.max)}`;
}

/** A quantity with at most three decimals: `730`, `0.5`, `12.125`. */
export function quantity(r: UsdRange): string {
  const q = (x: number) => String(Math.round(x * 1000) / 1000);
  return r.min === r.max ? q(r.max) : `${q(r.min)}–${q(r.max)}`;
}
