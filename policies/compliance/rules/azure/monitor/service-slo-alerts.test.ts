import { checkPolicies, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./service-slo-alerts";

const service = planResource("mlops:index:InferenceService", "api");
const gateway = planResource("azure-native:network:ApplicationGateway", "api-gateway", {}, { parent: service.urn });
const group = (receivers: unknown[]) =>
  planResource("azure-native:monitor:ActionGroup", "alerts", { enabled: true, emailReceivers: receivers });
const withReceiver = group([{ name: "a", emailAddress: "a@example.com" }]);
const queryAlert = (name: string, query: string, g = withReceiver) =>
  planResource("azure-native:monitor:ScheduledQueryRule", name, {
    criteria: ref(gateway, { allOf: [{ query }] }),
    actions: ref(g, { actionGroups: ["/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/actionGroups/alerts"] }),
  });
const availability = (g = withReceiver) =>
  queryAlert("api-availability", "AGWAccessLogs | summarize failed = countif(HttpStatus >= 500)", g);
const latency = (g = withReceiver) => queryAlert("api-latency", "AGWAccessLogs | summarize percentile(TimeTaken, 95)", g);
const run = async (resources: ReturnType<typeof planResource>[], stack = "prod") =>
  (await checkPolicies(rule, resources, { stack })).violations.map((v) => [v.enforcementLevel, v.detail]);

describe(rule.name, () => {
  it("GIVEN availability and latency log alerts on the gateway notifying an action group with a receiver THEN it passes", async () => {
    expect(await run([service, gateway, withReceiver, availability(), latency()])).toEqual([]);
  });

  it("GIVEN a metric alert on the gateway's total time THEN it counts as the latency alert", async () => {
    const metric = planResource("azure-native:monitor:MetricAlert", "api-latency", {
      criteria: ref(gateway, { allOf: [{ metricName: "ApplicationGatewayTotalTime" }] }),
      actions: ref(withReceiver, [
        { actionGroupId: "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/actionGroups/alerts" },
      ]),
    });
    expect(await run([service, gateway, withReceiver, availability(), metric])).toEqual([]);
  });

  it("GIVEN a prod stack with no latency alert THEN it fails, mandatory", async () => {
    expect(await run([service, gateway, withReceiver, availability()])).toEqual([
      ["mandatory", expect.stringContaining('"api" has no latency alert')],
    ]);
  });

  it("GIVEN alerts whose action group has no receiver THEN it fails", async () => {
    const empty = group([]);
    expect((await run([service, gateway, empty, availability(empty), latency(empty)])).map(([, d]) => d)).toEqual([
      expect.stringContaining("availability alerts that notify nobody"),
      expect.stringContaining("latency alerts that notify nobody"),
    ]);
  });

  it("GIVEN a dev stack with an unwatched service THEN it is advisory", async () => {
    expect((await run([service, gateway], "dev")).map(([level]) => level)).toEqual(["advisory", "advisory"]);
  });
});
