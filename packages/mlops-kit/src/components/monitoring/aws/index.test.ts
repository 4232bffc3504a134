import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { shortHash } from "../../../core/naming";
import { MonitoringStack } from "../component";
import { CONFIG, serviceInfo } from "../fixtures";
import type { MonitoringStackArgs } from "../spec";
import { consoleHost, dashboardUrl } from "./dashboard";
import { emailSubscriptionName } from "./topic";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const SUB = "aws:sns/topicSubscription:TopicSubscription";

const args = (extra: Partial<MonitoringStackArgs> = {}): MonitoringStackArgs => ({
  services: [serviceInfo("aws"), serviceInfo("aws", "batch-api", "internal")],
  slo: { availabilityPercent: 99.5, latencyP95Ms: 800, latencyP99Ms: 2000, saturationMinutes: 20, unhealthyMinutes: 4 },
  serviceSlos: { "batch-api": { latencyP95Ms: 4000, latencyP99Ms: 9000 } },
  models: [{ name: "fraud-v3", driftScoreMax: 0.45, periodMinutes: 30 }],
  notifications: { emails: ["oncall@example.com"], webhooks: [pulumi.secret("https://hooks.example.com/T000/B000/XXXX")] },
  budget: { monthlyAmount: 2500, thresholdsPercent: [50, 90, 110] },
  ...extra,
});

const planOf = (a: MonitoringStackArgs, profile = "dev") =>
  synth(() => new MonitoringStack("obs", a), { project: "p", stack: profile, config: { ...CONFIG.aws, "mlops:profile": profile } });

describe("GIVEN a MonitoringStack on AWS watching a public and an internal service", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await planOf(args());
  });

  it("THEN the alert topic is encrypted with its own rotating key, which CloudWatch and Budgets may use", () => {
    const topic = resource(p, "aws:sns/topic:Topic", "obs-alerts");
    expect(topic.inputs.kmsMasterKeyId).toBe("arn:aws:mock:key:obs-alerts-key");
    const key = resource(p, "aws:kms/key:Key", "obs-alerts-key");
    expect(key.inputs.enableKeyRotation).toBe(true);
    const policy = JSON.parse(String(key.inputs.policy));
    expect(policy.Statement[1].Principal.Service).toEqual(["cloudwatch.amazonaws.com", "budgets.amazonaws.com"]);
    expect(policy.Statement[1].Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  it("THEN an email and an https webhook subscribe, the webhook's URL secret", () => {
    const email = resource(p, SUB, emailSubscriptionName("obs-alerts", "oncall@example.com"));
    expect(email.inputs).toMatchObject({ protocol: "email", endpoint: "oncall@example.com" });
    const hook = resource(p, SUB, "obs-alerts-webhook-0");
    expect(hook.inputs.protocol).toBe("https");
    expect(JSON.stringify(p)).not.toContain("hooks.example.com");
  });

  it("THEN each service has six SLO alarms keyed by its own dimensions, with the service's thresholds", () => {
    const alarms = resourcesOfType(p, ALARM).filter((a) => a.name.startsWith("obs-fraud-api-") && !a.name.endsWith("uptime"));
    expect(alarms.map((a) => a.name).sort()).toEqual(
      ["availability", "errorRate", "latencyP95", "latencyP99", "saturation", "unhealthy"].map((s) => `obs-fraud-api-${s}`).sort(),
    );
    const p95 = resource(p, ALARM, "obs-fraud-api-latencyP95").inputs;
    expect(p95).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      extendedStatistic: "p95",
      threshold: 0.8,
      dimensions: { LoadBalancer: "app/fraud-api-lb/50dc6c495c0c9188" },
    });
    expect(resource(p, ALARM, "obs-batch-api-latencyP99").inputs.threshold).toBe(9);
    const unhealthy = resource(p, ALARM, "obs-fraud-api-unhealthy").inputs;
    expect(unhealthy).toMatchObject({ evaluationPeriods: 4, treatMissingData: "breaching" });
    expect(unhealthy.dimensions).toEqual({
      TargetGroup: "targetgroup/fraud-api-tg/73e2d6bc24d8a067",
      LoadBalancer: "app/fraud-api-lb/50dc6c495c0c9188",
    });
  });

  it("THEN availability is metric math over the window: both 5xx counts over requests, above 0.5 %", () => {
    const a = resource(p, ALARM, "obs-fraud-api-availability").inputs;
    expect(a.threshold).toBe(0.5);
    const queries = a.metricQueries as { id: string; expression?: string; metric?: { metricName: string; period: number } }[];
    expect(queries.find((q) => q.expression)?.expression).toBe("100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests");
    expect(queries.filter((q) => q.metric).map((q) => [q.metric?.metricName, q.metric?.period])).toEqual([
      ["HTTPCode_Target_5XX_Count", 3600],
      ["HTTPCode_ELB_5XX_Count", 3600],
      ["RequestCount", 3600],
    ]);
  });

  it("THEN saturation compares the group's in-service instances with its maximum size", () => {
    const s = resource(p, ALARM, "obs-fraud-api-saturation").inputs;
    const queries = s.metricQueries as { id: string; metric?: { metricName: string; dimensions: Record<string, string> } }[];
    expect(queries.map((q) => q.metric?.metricName).filter(Boolean)).toEqual(["GroupInServiceInstances", "GroupMaxSize"]);
    expect(queries[0]?.metric?.dimensions).toEqual({ AutoScalingGroupName: "fraud-api-asg-1a2b3c" });
    expect(s).toMatchObject({ evaluationPeriods: 20, datapointsToAlarm: 20 });
  });

  it("THEN the SLO alarms notify through one composite alarm per service, created after them", () => {
    for (const a of resourcesOfType(p, ALARM).filter((x) => /-(availability|errorRate|latencyP9[59]|saturation|unhealthy)$/.test(x.name))) {
      expect(a.inputs.alarmActions).toBeUndefined();
    }
    const c = resource(p, COMPOSITE, "obs-fraud-api-slo");
    expect(c.inputs.alarmActions).toEqual(["arn:aws:mock:topic:obs-alerts"]);
    expect(String(c.inputs.alarmRule).split(" OR ")).toHaveLength(6);
    expect(c.inputs.alarmRule).toContain(`ALARM("${resource(p, ALARM, "obs-fraud-api-latencyP99").inputs.name}")`);
    expect(c.dependsOn).toHaveLength(7);
  });

  it("THEN only the public service gets a Route 53 health check, alarmed in us-east-1 to a us-east-1 topic", () => {
    const checks = resourcesOfType(p, "aws:route53/healthCheck:HealthCheck");
    expect(checks.map((c) => c.name)).toEqual(["obs-fraud-api-uptime"]);
    expect(checks[0]?.inputs).toMatchObject({
      type: "HTTPS",
      fqdn: "fraud-api.ml.example.com",
      port: 443,
      resourcePath: "/v2/ready",
      measureLatency: true,
      regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
    });
    const alarm = resource(p, ALARM, "obs-fraud-api-uptime").inputs;
    expect(alarm).toMatchObject({
      region: "us-east-1",
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      alarmActions: ["arn:aws:mock:topic:obs-uptime-alerts"],
    });
    expect(resource(p, "aws:sns/topic:Topic", "obs-uptime-alerts").inputs.region).toBe("us-east-1");
  });

  it("THEN model drift alarms on MLOps/ModelHealth by Model notify the topic", () => {
    const drift = resource(p, ALARM, "obs-model-fraud-v3-drift").inputs;
    expect(drift).toMatchObject({
      namespace: "MLOps/ModelHealth",
      metricName: "DriftScore",
      dimensions: { Model: "fraud-v3" },
      threshold: 0.45,
      period: 1800,
      alarmActions: ["arn:aws:mock:topic:obs-alerts"],
    });
  });

  it("THEN the monthly budget notifies the topic at 50, 90 and 110 % of actual spend", () => {
    const b = resource(p, "aws:budgets/budget:Budget", "obs-budget").inputs;
    expect(b).toMatchObject({ budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "2500", limitUnit: "USD" });
    expect((b.notifications as { threshold: number }[]).map((n) => n.threshold)).toEqual([50, 90, 110]);
  });

  it("THEN the dashboard draws a row per service", () => {
    const body = JSON.parse(String(resource(p, "aws:cloudwatch/dashboard:Dashboard", "obs-dashboard").inputs.dashboardBody));
    expect(body.widgets).toHaveLength(8);
  });

  it("THEN every child is parented to the component", () => {
    const component = resource(p, "mlops:index:MonitoringStack", "obs");
    const children = p.resources.filter((r) => r.custom);
    expect(children.length).toBeGreaterThan(20);
    for (const r of children) expect(r.parent).toBe(component.urn);
  });
});

describe("GIVEN the alert topics and what publishes to them", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await planOf(args());
  });

  it("WHEN a webhook subscribes THEN `pulumi up` waits up to 5 minutes for its endpoint to confirm, and fails if it never does", () => {
    for (const name of ["obs-alerts-webhook-0", "obs-uptime-alerts-webhook-0"]) {
      expect(resource(p, SUB, name).inputs).toMatchObject({ endpointAutoConfirms: true, confirmationTimeoutInMinutes: 5 });
    }
    expect(resource(p, SUB, emailSubscriptionName("obs-alerts", "oncall@example.com")).inputs.endpointAutoConfirms).toBeUndefined();
  });

  it("WHEN the budget and the alarms with actions are created THEN it is after their topic's policy lets CloudWatch and Budgets publish", () => {
    const policy = resource(p, "aws:sns/topicPolicy:TopicPolicy", "obs-alerts-policy").urn;
    const uptimePolicy = resource(p, "aws:sns/topicPolicy:TopicPolicy", "obs-uptime-alerts-policy").urn;
    expect(resource(p, "aws:budgets/budget:Budget", "obs-budget").dependsOn).toEqual([policy]);
    expect(resource(p, ALARM, "obs-model-fraud-v3-drift").dependsOn).toEqual([policy]);
    expect(resource(p, COMPOSITE, "obs-fraud-api-slo").dependsOn).toContain(policy);
    expect(resource(p, ALARM, "obs-fraud-api-uptime").dependsOn).toEqual([uptimePolicy]);
  });

  it("WHEN an address is removed from the list THEN the other addresses' subscriptions keep their names (no replacement, no new confirmation)", async () => {
    const names = async (emails: string[]) =>
      resourcesOfType(await planOf(args({ notifications: { emails } })), SUB)
        .map((r) => r.name)
        .filter((n) => n.startsWith("obs-alerts-email-"));
    const before = await names(["a@example.com", "b@example.com"]);
    const after = await names(["b@example.com"]);
    expect(after).toEqual([`obs-alerts-email-${shortHash("b@example.com")}`]);
    expect(before).toContain(after[0]);
  });

  it("WHEN the partition is GovCloud or China THEN the dashboard link opens that partition's console", () => {
    expect(consoleHost("aws")).toBe("console.aws.amazon.com");
    expect(dashboardUrl("aws-us-gov", "us-gov-west-1", "d")).toBe(
      "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#dashboards:name=d",
    );
    expect(dashboardUrl("aws-cn", "cn-north-1", "d")).toBe(
      "https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards:name=d",
    );
  });
});

describe("GIVEN the prod profile", () => {
  it("THEN the default objectives are prod's and the topic key is kept on destroy", async () => {
    const p = await planOf({ services: [serviceInfo("aws")] }, "prod");
    expect(resource(p, ALARM, "obs-fraud-api-latencyP95").inputs.threshold).toBe(0.5);
    expect(resource(p, ALARM, "obs-fraud-api-availability").inputs.threshold).toBe(0.1);
    expect(resource(p, "aws:kms/key:Key", "obs-alerts-key").retainOnDelete).toBe(true);
  });
});
