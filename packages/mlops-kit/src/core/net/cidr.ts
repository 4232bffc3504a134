/** IPv4 CIDR arithmetic, pure and exact (addresses as unsigned 32-bit numbers). */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/p`. Returns a reason string instead of throwing, so spec validation can
 * report it against the field.
 */
export function parseCidr(text: string): Cidr | string {
  const m = CIDR_RE.exec(text);
  if (!m) return "is not an IPv4 CIDR block like 10.0.0.0/16";
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return "has an octet above 255";
  const prefix = Number(m[5]);
  if (prefix > 32) return "has a prefix length above 32";
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (base % size(prefix) !== 0) {
    return `has host bits set (the network address for /${prefix} is ${formatCidr({ base: base - (base % size(prefix)), prefix })})`;
  }
  return { base, prefix };
}

/** Parses a CIDR already known to be valid. */
export function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (typeof c === "string") throw new Error(`invalid CIDR "${text}": ${c}`);
  return c;
}

export function formatCidr(c: Cidr): string {
  const b = c.base;
  return `${Math.floor(b / 2 ** 24) % 256}.${Math.floor(b / 2 ** 16) % 256}.${Math.floor(b / 2 ** 8) % 256}.${b % 256}/${c.prefix}`;
}

/** Number of addresses in a block of this prefix length. */
export function size(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** The `index`-th block of prefix `newPrefix` inside `parent`. */
export function subnet(parent: Cidr, newPrefix: number, index: number): Cidr {
  if (newPrefix < parent.prefix || newPrefix > 32) {
    throw new Error(`cannot carve /${newPrefix} out of ${formatCidr(parent)}`);
  }
  const count = 2 ** (newPrefix - parent.prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`${formatCidr(parent)} holds ${count} /${newPrefix} blocks; index ${index} is out of range`);
  }
  return { base: parent.base + index * size(newPrefix), prefix: newPrefix };
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && end(inner) <= end(outer);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < end(b) && b.base < end(a);
}

function end(c: Cidr): number {
  return c.base + size(c.prefix);
}
