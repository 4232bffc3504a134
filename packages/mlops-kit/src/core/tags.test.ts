import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { awsTags, azureTags, defaultTags, gcpLabels } from "./tags";

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
