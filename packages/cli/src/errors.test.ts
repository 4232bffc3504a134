import { describe, expect, it } from "vitest";
import { count } from "./check";
import { classify, UserError } from "./errors";

const OWN = ["/repo/packages/mlops-kit", "/repo/packages/testing", "/repo/packages/cli"];

/** An error whose stack shows the given frames, innermost first. */
function thrownAt(message: string, ...files: string[]): Error {
  const err = new TypeError(message);
  err.stack = [`TypeError: ${message}`, ...files.map((f, i) => `    at fn${i} (${f})`)].join("\n");
  return err;
}

describe("classify: the user's mistakes and mlops-kit's defects", () => {
  it.each([
    [
      "thrown in the user's program",
      thrownAt("x is undefined", "/home/me/proj/index.ts:4:9", "/repo/packages/testing/src/project.ts:30:1"),
      { kind: "user", text: "x is undefined\n    at index.ts:4:9" },
    ],
    [
      "thrown by the Pulumi SDK for the user's call",
      thrownAt(
        "Missing resource name argument",
        "/home/me/proj/node_modules/@pulumi/pulumi/resource.js:10:1",
        "/home/me/proj/index.ts:2:1",
      ),
      { kind: "user", text: "Missing resource name argument\n    at index.ts:2:1" },
    ],
    [
      "thrown inside the library",
      thrownAt("cannot read x", "/repo/packages/mlops-kit/dist/index.js:100:5", "/home/me/proj/index.ts:2:1"),
      { kind: "internal", text: expect.stringMatching(/^TypeError: cannot read x\n {4}at fn0 \(\/repo\/packages\/mlops-kit\/dist/) },
    ],
    [
      "thrown inside the CLI",
      thrownAt("render failed", "/repo/packages/cli/src/check.ts:9:9"),
      { kind: "internal", text: expect.stringContaining("render failed") },
    ],
    ["null", null, { kind: "user", text: "the program threw null" }],
    ["a plain object", { code: 1 }, { kind: "user", text: "the program threw an object that is not an Error ([object Object])" }],
    ["a UserError", new UserError("--out x: no directory"), { kind: "user", text: "--out x: no directory" }],
  ] as const)("GIVEN an error %s THEN %j", (_what, err, expected) => {
    expect(classify(err, OWN, "/home/me/proj")).toEqual(expected);
  });

  it("GIVEN a library SpecError re-thrown by Pulumi with a prefix THEN the library's own words", () => {
    const err = Object.assign(new Error('error serializing property "x": MlopsVpc "a": cidr bad'), {
      name: "SpecError",
      summary: 'MlopsVpc "a": cidr bad',
    });
    expect(classify(err, OWN, "/")).toEqual({ kind: "user", text: 'MlopsVpc "a": cidr bad' });
  });
});

describe("count: singular and plural in summaries", () => {
  it.each([
    [0, "advisory violations"],
    [1, "advisory violation"],
    [2, "advisory violations"],
  ])("GIVEN %i THEN %s", (n, words) => {
    expect(count(n, "advisory violation")).toBe(`${n} ${words}`);
  });

  it("GIVEN one policy THEN not 'policys'", () => {
    expect(count(1, "policy", "policies")).toBe("1 policy");
    expect(count(3, "policy", "policies")).toBe("3 policies");
  });
});
