import { checkPolicies, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./service-slo-alerts";

const service = planResource("mlops:index:InferenceService", "api");
const backend = planResource("gcp:compute/backendService:BackendService", "api-backend", {}, { parent: service.urn });
const policy = (name: string, filter: string, channels: string[] = ["projects/p/notificationChannels/1"]) =>
  planResource("gcp:monitoring/alertPolicy:AlertPolicy", name, {
    displayName: name,
    combiner: "OR",
    notificationChannels: channels,
    conditions: ref(backend, [{ displayName: name, conditionThreshold: { filter } }]),
  });
const availability = (channels?: string[]) =>
  policy(
    "api-availability",
    'metric.type="loadbalancing.googleapis.com/https/request_count" AND metric.label.response_code_class=500',
    channels,
  );
const latency = () => policy("api-latency", 'metric.type="loadbalancing.googleapis.com/https/total_latencies"');
const run = async (resources: ReturnType<typeof planResource>[], stack = "prod") =>
  (await checkPolicies(rule, resources, { stack })).violations.map((v) => [v.enforcementLevel, v.detail]);

describe(rule.name, () => {
  it("GIVEN availability and latency policies with channels THEN it passes", async () => {
    expect(await run([service, backend, availability(), latency()])).toEqual([]);
  });

  it("GIVEN a prod stack with no availability policy THEN it fails, mandatory", async () => {
    expect(await run([service, backend, latency()])).toEqual([["mandatory", expect.stringContaining('"api" has no availability alert')]]);
  });

  it("GIVEN an availability policy without channels THEN it fails", async () => {
    expect(await run([service, backend, availability([]), latency()])).toEqual([
      ["mandatory", expect.stringContaining("availability alerts that notify nobody")],
    ]);
  });

  it("GIVEN a dev stack with an unwatched service THEN it is advisory", async () => {
    expect((await run([service, backend], "dev")).map(([level]) => level)).toEqual(["advisory", "advisory"]);
  });
});
