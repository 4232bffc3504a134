import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cidr, cidr, contains, formatCidr, overlaps, parseCidr, size, subnet } from "./cidr";

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/16", "10.0.0.0/16"],
    ["192.168.4.0/22", "192.168.4.0/22"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["255.255.255.255/32", "255.255.255.255/32"],
  ])("round-trips %s", (text, expected) => {
    expect(formatCidr(cidr(text))).toBe(expected);
  });

  it.each([
    ["10.0.0.0", "is not an IPv4 CIDR block like 10.0.0.0/16"],
    ["10.0.0/16", "is not an IPv4 CIDR block like 10.0.0.0/16"],
    ["10.0.0.256/24", "has an octet above 255"],
    ["10.0.0.0/33", "has a prefix length above 32"],
    ["10.0.1.0/16", "has host bits set (the network address for /16 is 10.0.0.0/16)"],
  ])("rejects %s with a reason", (text, reason) => {
    expect(parseCidr(text)).toBe(reason);
  });
});

const arbCidr = (minPrefix: number, maxPrefix: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: minPrefix, max: maxPrefix }))
    .map(([addr, prefix]): Cidr => ({ base: addr - (addr % size(prefix)), prefix }));

describe("subnet", () => {
  it("carves the index-th block: 10.0.0.0/16 -> /20 #3 is 10.0.48.0/20", () => {
    expect(formatCidr(subnet(cidr("10.0.0.0/16"), 20, 3))).toBe("10.0.48.0/20");
  });

  it("refuses an index past the end", () => {
    expect(() => subnet(cidr("10.0.0.0/16"), 17, 2)).toThrow("holds 2 /17 blocks; index 2 is out of range");
  });

  it("property: blocks of one prefix are inside the parent and pairwise disjoint", () => {
    fc.assert(
      fc.property(arbCidr(8, 28), fc.integer({ min: 1, max: 4 }), (parent, bits) => {
        const count = 2 ** bits;
        const blocks = Array.from({ length: count }, (_, i) => subnet(parent, parent.prefix + bits, i));
        for (const [i, a] of blocks.entries()) {
          expect(contains(parent, a)).toBe(true);
          for (const b of blocks.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
        }
      }),
    );
  });

  it("property: format and parse are inverse", () => {
    fc.assert(
      fc.property(arbCidr(0, 32), (c) => {
        expect(parseCidr(formatCidr(c))).toEqual(c);
      }),
    );
  });
});
