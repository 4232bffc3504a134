import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { awsTags, azureTags, defaultTags, gcpLabels, tagProblems } from "./tags";

describe("tags", () => {
  it("default tags name the tool, component, name, project and stack", () => {
    expect(defaultTags({ component: "MlopsVpc", name: "core", project: "p", stack: "dev" })).toEqual({
      "managed-by": "mlops-kit",
      "mlops-component": "MlopsVpc",
      "mlops-name": "core",
      "pulumi-project": "p",
      "pulumi-stack": "dev",
    });
  });

  it("GCP labels are lowercased and stripped of disallowed characters", () => {
    expect(gcpLabels({ "Cost Center": "ML/Platform", "9key": "v" })).toEqual({ cost_center: "ml_platform", k9key: "v" });
  });

  it("GIVEN a value longer than GCP's 63 characters THEN the label value is cut to 63", () => {
    expect(gcpLabels({ team: "x".repeat(100) }).team).toBe("x".repeat(63));
  });

  it("Azure tag names lose the characters Azure rejects", () => {
    expect(azureTags({ "a/b?c": "x" })).toEqual({ a_b_c: "x" });
  });

  it("AWS tags keep allowed punctuation", () => {
    expect(awsTags({ "team:owner": "ml@acme.io" })).toEqual({ "team:owner": "ml@acme.io" });
  });

  it("property: every GCP label is valid (key ^[a-z][a-z0-9_-]{0,62}$, value ^[a-z0-9_-]{0,63}$)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 100 }), fc.string({ maxLength: 100 })), (tags) => {
        for (const [k, v] of Object.entries(gcpLabels(tags))) {
          expect(k).toMatch(/^[a-z][a-z0-9_-]{0,62}$/);
          expect(v).toMatch(/^[a-z0-9_-]{0,63}$/);
        }
      }),
    );
  });
});

describe("tagProblems: what a cloud would refuse, found before anything registers", () => {
  const defaults = defaultTags({ component: "MlopsVpc", name: "core", project: "p", stack: "dev" });
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, "v"]));
  const withUser = (user: Record<string, string>) => [{ ...defaults, ...user }, Object.keys(user)] as const;

  it.each([
    // 5 defaults + 3 keys the AWS backend adds (Name, tier, load balancer role)
    ["aws", 42, 0],
    ["aws", 43, 1],
    ["azure", 45, 0],
    ["azure", 46, 1],
    ["gcp", 59, 0],
    ["gcp", 60, 1],
  ] as const)("GIVEN %s and %i user tags THEN %i problems", (cloud, n, problems) => {
    const [tags, user] = withUser(many(n));
    expect(tagProblems(cloud, tags, user)).toHaveLength(problems);
  });

  it("GIVEN too many AWS tags THEN the message counts what mlops-kit adds", () => {
    const [tags, user] = withUser(many(43));
    expect(tagProblems("aws", tags, user)).toEqual([
      "has 43 tags; with the 8 that mlops-kit adds that makes 51, over aws's limit of 50 per resource",
    ]);
  });

  it.each([
    ["gcp", { "Cost Center": "a", cost_center: "b" }, 'keys "Cost Center" and "cost_center" are the same key on gcp ("cost_center")'],
    ["gcp", { "Managed-By": "me" }, 'keys "managed-by" and "Managed-By" are the same key on gcp ("managed-by")'],
    ["azure", { Team: "a", team: "b" }, 'keys "Team" and "team" are the same key on azure ("team")'],
    ["aws", { "a#b": "x", a_b: "y" }, 'keys "a#b" and "a_b" are the same key on aws ("a_b")'],
    ["gcp", { team: "x".repeat(64) }, '"team" has a value longer than gcp\'s 63 characters'],
    ["aws", { team: "x".repeat(257) }, '"team" has a value longer than aws\'s 256 characters'],
  ] as const)("GIVEN %s and %j THEN refused", (cloud, user, message) => {
    const [tags, keys] = withUser(user);
    expect(tagProblems(cloud, tags, keys)).toEqual([message]);
  });

  it("GIVEN the same keys on AWS (case-sensitive) THEN accepted", () => {
    const [tags, keys] = withUser({ Team: "a", team: "b" });
    expect(tagProblems("aws", tags, keys)).toEqual([]);
  });

  it("property: tags accepted for GCP render to as many distinct labels, within the count", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 70 }), fc.string({ maxLength: 70 }), { maxKeys: 70 }), (user) => {
        const [tags, keys] = withUser(user);
        fc.pre(tagProblems("gcp", tags, keys).length === 0);
        const labels = gcpLabels(tags);
        expect(Object.keys(labels)).toHaveLength(Object.keys(tags).length);
        expect(Object.keys(labels).length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 200 },
    );
  });
});
