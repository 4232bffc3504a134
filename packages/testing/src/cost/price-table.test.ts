import { describe, expect, it } from "vitest";
import { PriceTable } from "./price-table";
import type { PriceRow } from "./types";

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

  it("GIVEN lines some of whose keys have no row THEN missingFrom names each such item with the known reason, else the generic one", () => {
    const line = (item: string, priceKey: string) => ({ item, kind: "fixed" as const, priceKey, quantity: { min: 1, max: 1 } });
    const lines = [line("small hours", "x:vm:small"), line("big hours", "x:vm:big")];
    expect(t.missingFrom(lines, "west")).toEqual(["big hours (big is not offered in west)"]);
    expect(t.missingFrom(lines, "east")).toEqual(["big hours (x:vm:big: no east price in the X table (no source for it was read))"]);
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
