import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountScopedName, componentNameProblem, NAME_RULES, type NameKind, physicalName, shortHash } from "./naming";

const scope = { project: "mlops-platform", stack: "aws-prod" };
const kinds = Object.keys(NAME_RULES) as NameKind[];

describe("physicalName", () => {
  it.each([
    ["azureStorageAccount", ["platform", "flowlogs"], /^platformflowlogs[a-z0-9]{6}$/],
    ["awsS3Bucket", ["Models", "Artifacts"], /^models-artifacts-[a-z0-9]{6}$/],
    ["gcpResource", ["core", "private"], /^core-private$/],
    ["azureKeyVault", ["9lives"], /^m-9lives-[a-z0-9]{6}$/],
  ] as const)("GIVEN %s and %j THEN the name matches %s", (kind, words, pattern) => {
    expect(physicalName(kind, words, scope)).toMatch(pattern);
  });

  it("GIVEN a name longer than the kind allows THEN it is cut and keeps a hash, so long names stay distinct", () => {
    const a = physicalName("azureStorageAccount", ["a-very-long-platform-name", "flowlogs"], scope);
    const b = physicalName("azureStorageAccount", ["a-very-long-platform-name", "flowlogz"], scope);
    expect(a).toHaveLength(24);
    expect(a).not.toBe(b);
  });

  it("GIVEN two stacks THEN a globally unique name differs between them", () => {
    expect(physicalName("awsS3Bucket", ["models"], scope)).not.toBe(
      physicalName("awsS3Bucket", ["models"], { ...scope, stack: "aws-dev" }),
    );
  });

  it("property: every name is valid for its kind, whatever the words", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.array(fc.string({ minLength: 0, maxLength: 80 }), { minLength: 1, maxLength: 4 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        (kind, words, stack) => {
          const name = physicalName(kind, words, { project: "p", stack });
          const rule = NAME_RULES[kind];
          expect(name).toMatch(rule.pattern);
          expect(name.length).toBeGreaterThanOrEqual(rule.min);
          expect(name.length).toBeLessThanOrEqual(rule.max);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("property: names are stable — the same inputs give the same name", () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(fc.string(), { minLength: 1, maxLength: 3 }), (kind, words) => {
        expect(physicalName(kind, words, scope)).toBe(physicalName(kind, [...words], { ...scope }));
      }),
    );
  });

  it("pins the hash so that a change to it (which would rename real resources) is noticed", () => {
    expect(shortHash("a", "b")).toMatchInlineSnapshot(`"1d3srk"`);
    expect(physicalName("awsS3Bucket", ["models"], scope)).toMatchInlineSnapshot(`"models-23x6g1"`);
  });
});

describe("component names", () => {
  it.each([
    ["api", undefined],
    ["fraud-detection-2", undefined],
    ["a", undefined],
    ["a".repeat(40), undefined],
  ])("GIVEN %s THEN it is accepted", (name, problem) => {
    expect(componentNameProblem(name)).toBe(problem);
  });

  it.each([
    ["", "a component name is required"],
    ["Fraud_Detection", "must be a lowercase DNS label"],
    ["2fast", "must be a lowercase DNS label"],
    ["ends-", "must be a lowercase DNS label"],
    ["two--hyphens", "must be a lowercase DNS label"],
    ["with space", "must be a lowercase DNS label"],
    ["café", "must be a lowercase DNS label"],
    ["a".repeat(41), "is 41 characters; a component name has at most 40"],
  ])("GIVEN %j THEN it is refused: %s", (name, problem) => {
    expect(componentNameProblem(name)).toContain(problem);
  });

  it("GIVEN any accepted name THEN it matches the rule every cloud's derived names rely on", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        if (componentNameProblem(name) !== undefined) return;
        expect(name).toMatch(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$|^[a-z]$/);
      }),
    );
  });
});

describe("accountScopedName", () => {
  const planned = physicalName("azureStorageAccount", ["platform", "flowlogs"], scope);

  it("GIVEN two accounts THEN the same planned name becomes two valid names of the same length, each stable", () => {
    const a = accountScopedName(planned, "00000000-0000-0000-0000-000000000000");
    const b = accountScopedName(planned, "11111111-2222-3333-4444-555555555555");
    expect(a).not.toBe(b);
    expect(a).toBe(accountScopedName(planned, "00000000-0000-0000-0000-000000000000"));
    for (const name of [a, b]) {
      expect(name).toHaveLength(planned.length);
      expect(name).toMatch(NAME_RULES.azureStorageAccount.pattern);
      expect(name.slice(0, -6)).toBe(planned.slice(0, -6));
    }
  });
});
