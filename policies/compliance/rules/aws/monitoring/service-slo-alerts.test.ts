import { checkPolicies, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./service-slo-alerts";

const service = planResource("mlops:index:InferenceService", "api");
const lb = planResource("aws:lb/loadBalancer:LoadBalancer", "api-lb", {}, { parent: service.urn });
const alarm = (name: string, inputs: Record<string, unknown>) =>
  planResource("aws:cloudwatch/metricAlarm:MetricAlarm", name, { name, ...inputs });
const availability = (extra: Record<string, unknown> = {}) =>
  alarm("api-availability", { metricQueries: ref(lb, [{ id: "e", metric: { metricName: "HTTPCode_Target_5XX_Count" } }]), ...extra });
const latency = (extra: Record<string, unknown> = {}) =>
  alarm("api-latency", { metricName: "TargetResponseTime", dimensions: ref(lb, { LoadBalancer: "app/api/1" }), ...extra });
const composite = planResource("aws:cloudwatch/compositeAlarm:CompositeAlarm", "api-slo", {
  alarmRule: 'ALARM("api-availability") OR ALARM("api-latency")',
  alarmActions: ["arn:aws:sns:eu-west-1:1:alerts"],
});
const run = async (resources: ReturnType<typeof planResource>[], stack = "prod") =>
  (await checkPolicies(rule, resources, { stack })).violations.map((v) => [v.enforcementLevel, v.detail]);

describe(rule.name, () => {
  it("GIVEN availability and latency alarms notifying through a composite alarm THEN it passes", async () => {
    expect(await run([service, lb, availability(), latency(), composite])).toEqual([]);
  });

  it("GIVEN alarms with their own actions THEN it passes", async () => {
    const actions = { alarmActions: ["arn:aws:sns:eu-west-1:1:alerts"] };
    expect(await run([service, lb, availability(actions), latency(actions)])).toEqual([]);
  });

  it("GIVEN a prod stack with no latency alarm THEN it fails, mandatory, naming the service", async () => {
    expect(await run([service, lb, availability(), composite])).toEqual([
      ["mandatory", expect.stringContaining('mlops:index:InferenceService "api" has no latency alert')],
    ]);
  });

  it("GIVEN alarms that notify nobody THEN it fails for each SLO", async () => {
    expect(await run([service, lb, availability(), latency()])).toEqual([
      ["mandatory", expect.stringContaining("availability alerts that notify nobody")],
      ["mandatory", expect.stringContaining("latency alerts that notify nobody")],
    ]);
  });

  it("GIVEN a composite alarm whose topic of this stack has no subscription THEN the alarms notify nobody", async () => {
    const topic = planResource("aws:sns/topic:Topic", "alerts");
    const silent = planResource("aws:cloudwatch/compositeAlarm:CompositeAlarm", "api-slo", {
      alarmRule: 'ALARM("api-availability") OR ALARM("api-latency")',
      alarmActions: ref(topic, ["arn:aws:sns:eu-west-1:1:alerts"]),
    });
    expect((await run([service, lb, availability(), latency(), topic, silent])).map(([, d]) => d)).toEqual([
      expect.stringContaining("availability alerts that notify nobody"),
      expect.stringContaining("latency alerts that notify nobody"),
    ]);
    const subscription = planResource("aws:sns/topicSubscription:TopicSubscription", "alerts-email-0", {
      topic: ref(topic),
      protocol: "email",
    });
    expect(await run([service, lb, availability(), latency(), topic, silent, subscription])).toEqual([]);
  });

  it("GIVEN a dev stack with an unwatched service THEN it is advisory", async () => {
    expect((await run([service, lb], "dev")).map(([level]) => level)).toEqual(["advisory", "advisory"]);
  });
});
