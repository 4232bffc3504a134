import { checkPolicies, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./prod-deletion-safety";

const logs = (opts: { protect?: boolean; retainOnDelete?: boolean } = {}) =>
  planResource("gcp:logging/projectBucketConfig:ProjectBucketConfig", "logs", {}, opts);
const keys = (opts: { protect?: boolean; retainOnDelete?: boolean } = {}) => planResource("gcp:storage/bucket:Bucket", "keys", {}, opts);
const stateless = planResource("gcp:compute/network:Network", "net", {});
const run = async (resources: ReturnType<typeof logs>[], stack: string, stackConfig: Record<string, string> = {}) =>
  (await checkPolicies(rule, resources, { stack, stackConfig })).violations.map((v) => [v.enforcementLevel, v.name, v.detail]);

describe(rule.name, () => {
  it("GIVEN a prod stack whose stateful resources have retainOnDelete or protect THEN it passes", async () => {
    expect(await run([logs({ retainOnDelete: true }), keys({ protect: true }), stateless], "gcp-prod")).toEqual([]);
  });

  it("GIVEN a dev stack without either option THEN it does not apply", async () => {
    expect(await run([logs(), keys()], "gcp-dev")).toEqual([]);
  });

  it("GIVEN a prod stack with an unprotected, unretained stateful resource THEN it fails, mandatory", async () => {
    expect(await run([logs({ retainOnDelete: true }), keys()], "gcp-prod")).toEqual([
      ["mandatory", "keys", expect.stringContaining("has neither protect nor retainOnDelete")],
    ]);
  });

  it("GIVEN mlops:profile prod in a stack not named prod THEN it fails too", async () => {
    expect(await run([logs()], "staging", { "mlops:profile": "prod" })).toEqual([
      ["mandatory", "logs", expect.stringContaining("neither protect")],
    ]);
  });

  it("GIVEN a prod stack with a ModelRegistry resource (AiMetadataStore) neither retained nor protected THEN it fails, mandatory", async () => {
    const store = planResource("gcp:vertex/aiMetadataStore:AiMetadataStore", "metadata", {}, {});
    expect(await run([store], "gcp-prod")).toEqual([["mandatory", "metadata", expect.stringContaining("neither protect")]]);
  });
});
