import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { commonFields, parseSpec } from "./spec";

const schema = z.strictObject({ ...commonFields, nested: z.optional(z.strictObject({ known: z.optional(z.string()) })) });
const parse = (args: unknown) => parseSpec(schema, "Thing", "t", args);

describe("parseSpec and the common fields", () => {
  it.each([
    [{ tags: { "aws:team": "x" } }, 'Thing "t": tags key "aws:team" uses the prefix "aws:", which AWS reserves'],
    [{ tags: { "AWS:team": "x" } }, 'Thing "t": tags key "AWS:team" uses the prefix "aws:", which AWS reserves'],
    [{ nested: { knwon: "x" } }, 'Thing "t": nested.knwon is not a known field (check its spelling)'],
    [{ nestd: {} }, 'Thing "t": nestd is not a known field (check its spelling)'],
  ])("GIVEN %j THEN it fails with: %s", (args, message) => {
    expect(() => parse(args)).toThrow(message);
  });

  it("GIVEN tags AWS allows THEN they pass unchanged", () => {
    expect(parse({ tags: { team: "ml", "cost:center": "42" } })).toEqual({ tags: { team: "ml", "cost:center": "42" } });
  });
});
