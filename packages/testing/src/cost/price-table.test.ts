import { describe, expect, it } from "vitest";
import { PriceTable } from "./price-table";
import { type PriceRow, UnpricedError } from "./types";

const row = (key: string, region: string, usd: number, change: Partial<PriceRow> = {}): PriceRow => ({
  key,
  region,
  unit: "hour",
  usd,
  source: "https://example.com/pricing (the table)",
  read: "2026-11-30",
  ...change,
});

const table = (rows: PriceRow[], missing = [{ key: "x:vm:big", region: "west", reason: "big is not offered in west" }]) =>
  new PriceTable({ cloud: "x", label: "X", regions: ["east", "west"], rows, missing });

describe("PriceTable", () => {
  const t = table([row("x:vm:small", "east", 1), row("x:vm:small", "global", 3), row("x:ip:hour", "global", 0.005)]);

  it("GIVEN a region's own row and a global one THEN the region's wins, and global serves the rest", () => {
    expect(t.find("x:vm:small", "east")?.usd).toBe(1);
    expect(t.find("x:vm:small", "west")?.usd).toBe(3);
    expect(t.find("x:ip:hour", "west")?.usd).toBe(0.005);
    expect(t.find("x:vm:big", "east")).toBeUndefined();
  });

  it("GIVEN a key with no row THEN require throws UnpricedError naming the resource and the known reason", () => {
    expect(t.require("x:vm:small", "west", "group api")).toBe("x:vm:small");
    const err = (() => {
      try {
        t.require("x:vm:big", "west", "group api");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UnpricedError);
    expect((err as UnpricedError).reason).toBe("group api: big is not offered in west");
    expect(() => t.require("x:vm:big", "east")).toThrow("x:vm:big: no east price in the X table (no source for it was read)");
  });

  it("GIVEN sound rows THEN no problems; GIVEN each fault THEN it is named", () => {
    expect(t.problems()).toEqual([]);
    const cases: [Partial<PriceRow>, string][] = [
      [{ key: "y:vm:small" }, "y:vm:small in east: key is not x:<service>:<item>"],
      [{ region: "north" }, "x:vm:small in north: not a reference region"],
      [{ unit: " " }, "x:vm:small in east: unit is empty"],
      [{ usd: 0 }, "x:vm:small in east: usd 0 is not a positive price"],
      [{ usd: Number.NaN }, "x:vm:small in east: usd NaN is not a positive price"],
      [{ source: "the page" }, "x:vm:small in east: source does not say where the price was read"],
      [{ read: "Nov 2026" }, 'x:vm:small in east: read "Nov 2026" is not a YYYY-MM-DD date'],
    ];
    for (const [change, problem] of cases) expect(table([row("x:vm:small", "east", 1, change)]).problems()).toEqual([problem]);
    expect(table([row("x:vm:small", "east", 1), row("x:vm:small", "east", 2)]).problems()).toEqual(["x:vm:small in east: listed twice"]);
  });

  it("GIVEN a key listed as missing that the table prices THEN that is a problem (the list went stale)", () => {
    expect(table([row("x:vm:big", "west", 9)]).problems()).toEqual(["x:vm:big in west: listed as missing, but the table prices it"]);
  });
});
