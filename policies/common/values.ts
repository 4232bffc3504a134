import { UnknownValueError } from "@pulumi/policy";

/**
 * Reads a value that may be unknown during `pulumi preview` (an output of a resource not created
 * yet). Returns `undefined` instead of letting the unknown-value error end the rule; use it only
 * where "unknown" may safely count as "no match".
 */
export function ifKnown<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof UnknownValueError) return undefined;
    throw err;
  }
}

/** A value or a list of values as a list; `undefined` and `null` as an empty one. */
export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Providers send some booleans as strings ("true"). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

export function isFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** A number, or a string holding one; otherwise undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** A JSON document given as text or as an object; `undefined` when it cannot be parsed. */
export function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
