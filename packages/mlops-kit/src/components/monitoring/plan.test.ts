import { describe, expect, it } from "vitest";
import type { DeployContext } from "../../core/context";
import type { KnownService } from "../inference-service/ref";
import { planMonitoringStack, SLO_PROFILE_DEFAULTS } from "./plan";
import { serviceAlarms } from "./plan-aws";
import { AZURE_METRIC_WINDOWS_MINUTES, AZURE_QUERY_WINDOWS_MINUTES, isoWindow } from "./plan-azure";
import { serviceConditions } from "./plan-gcp";
import { monitoringStackSchema } from "./spec";

const ctx = (cloud: DeployContext["cloud"], profile: DeployContext["profile"] = "dev"): DeployContext => ({
  cloud,
  profile,
  scope: { project: "p", stack: profile },
  tags: { "managed-by": "mlops-kit" },
  region: cloud === "azure" ? "westeurope" : "eu-west-1",
});
const svc = (name: string, scheme: KnownService["scheme"] = "public", cloud: KnownService["cloud"] = "aws"): KnownService => ({
  cloud,
  name,
  scheme,
  minInstances: 2,
  maxInstances: 6,
});
const spec = (extra: Record<string, unknown> = {}) => monitoringStackSchema.parse({ services: [{}], ...extra });

describe("GIVEN the profile defaults", () => {
  it("THEN dev and prod objectives are exactly these", () => {
    expect(SLO_PROFILE_DEFAULTS.dev).toEqual({
      availabilityPercent: 99,
      availabilityWindowMinutes: 60,
      errorRatePercent: 10,
      latencyP95Ms: 1000,
      latencyP99Ms: 3000,
      saturationMinutes: 30,
      unhealthyMinutes: 10,
    });
    expect(SLO_PROFILE_DEFAULTS.prod).toEqual({
      availabilityPercent: 99.9,
      availabilityWindowMinutes: 60,
      errorRatePercent: 5,
      latencyP95Ms: 500,
      latencyP99Ms: 1500,
      saturationMinutes: 15,
      unhealthyMinutes: 5,
    });
  });

  it("WHEN a service has its own SLOs THEN they override the stack's, field by field", () => {
    const plan = planMonitoringStack(
      "obs",
      spec({ services: [{}, {}], slo: { latencyP95Ms: 700 }, serviceSlos: { b: { latencyP99Ms: 9000 } } }),
      [svc("a"), svc("b")],
      ctx("aws", "prod"),
    );
    expect(plan.services.map((s) => [s.name, s.slo.latencyP95Ms, s.slo.latencyP99Ms, s.slo.errorRatePercent])).toEqual([
      ["a", 700, 1500, 5],
      ["b", 700, 9000, 5],
    ]);
  });
});

describe("GIVEN the CloudWatch alarm table of one service", () => {
  const [s] = planMonitoringStack("obs", spec(), [svc("api")], ctx("aws")).services;
  const alarms = serviceAlarms(s as NonNullable<typeof s>, (slo) => `n-${slo}`);
  it("THEN each SLO has exactly this metric, statistic, period, threshold and evaluation", () => {
    const row = (a: (typeof alarms)[number]) => [
      a.slo,
      a.metric?.metricName ??
        a.queries
          ?.filter((q) => q.metric)
          .map((q) => q.metric?.metricName)
          .join("+"),
      a.metric?.extendedStatistic ?? a.metric?.statistic ?? a.queries?.find((q) => q.metric)?.metric?.stat,
      a.metric?.periodSeconds ?? a.queries?.find((q) => q.metric)?.metric?.periodSeconds,
      a.comparisonOperator,
      a.threshold,
      a.evaluationPeriods,
      a.datapointsToAlarm,
      a.treatMissingData,
    ];
    expect(alarms.map(row)).toEqual([
      [
        "availability",
        "HTTPCode_Target_5XX_Count+HTTPCode_ELB_5XX_Count+RequestCount",
        "Sum",
        3600,
        "GreaterThanThreshold",
        1,
        1,
        1,
        "notBreaching",
      ],
      [
        "errorRate",
        "HTTPCode_Target_5XX_Count+HTTPCode_ELB_5XX_Count+RequestCount",
        "Sum",
        300,
        "GreaterThanThreshold",
        10,
        1,
        1,
        "notBreaching",
      ],
      ["latencyP95", "TargetResponseTime", "p95", 60, "GreaterThanThreshold", 1, 5, 3, "notBreaching"],
      ["latencyP99", "TargetResponseTime", "p99", 60, "GreaterThanThreshold", 3, 5, 3, "notBreaching"],
      ["saturation", "GroupInServiceInstances+GroupMaxSize", "Maximum", 60, "GreaterThanOrEqualToThreshold", 1, 30, 30, "missing"],
      ["unhealthy", "UnHealthyHostCount", "Maximum", 60, "GreaterThanThreshold", 0, 10, 10, "breaching"],
    ]);
  });

  it("THEN period × evaluation periods stays within CloudWatch's day for the longest windows allowed", () => {
    const [long] = planMonitoringStack(
      "obs",
      spec({ slo: { availabilityWindowMinutes: 1440, saturationMinutes: 1440, unhealthyMinutes: 1440 } }),
      [svc("api")],
      ctx("aws"),
    ).services;
    for (const a of serviceAlarms(long as NonNullable<typeof long>, (x) => x)) {
      const period = a.metric?.periodSeconds ?? a.queries?.find((q) => q.metric)?.metric?.periodSeconds ?? 0;
      expect(period * a.evaluationPeriods).toBeLessThanOrEqual(86400);
    }
  });
});

describe("GIVEN the AWS plan's names", () => {
  it("THEN alarm names fit CloudWatch's charset and differ between stacks, and the composite names all six", () => {
    const a = planMonitoringStack("obs", spec(), [svc("a-very-long-service-name-of-forty-chars")], ctx("aws"));
    const b = planMonitoringStack("obs", spec(), [svc("a-very-long-service-name-of-forty-chars")], ctx("aws", "prod"));
    expect(a.aws?.alarms).toHaveLength(6);
    for (const al of a.aws?.alarms ?? []) expect(al.alarmName).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
    expect(a.aws?.alarms[0]?.alarmName).not.toBe(b.aws?.alarms[0]?.alarmName);
    expect(a.aws?.composites[0]?.rule.match(/ALARM\(/g)).toHaveLength(6);
  });

  it("THEN only public services get Route 53 checks, and the internal one is listed as skipped", () => {
    const plan = planMonitoringStack("obs", spec({ services: [{}, {}] }), [svc("pub"), svc("priv", "internal")], ctx("aws"));
    expect(plan.aws?.healthChecks.map((h) => h.service)).toEqual(["pub"]);
    expect(plan.uptimeSkipped).toEqual(["priv"]);
  });
});

describe("GIVEN one cloud", () => {
  it("THEN only its part is planned, and another cloud's refusals do not apply", () => {
    const plan = planMonitoringStack("obs", spec({ budget: { monthlyAmount: 10, currency: "EUR" } }), [svc("a", "public", "gcp")], {
      ...ctx("gcp"),
      region: undefined,
    });
    expect([plan.aws, plan.azure, plan.gcp?.conditions.length]).toEqual([undefined, undefined, 5]);
  });
});

describe("GIVEN a budget in euros on AWS", () => {
  it("THEN it is refused: AWS Budgets counts in US dollars", () => {
    expect(() => planMonitoringStack("obs", spec({ budget: { monthlyAmount: 10, currency: "EUR" } }), [svc("a")], ctx("aws"))).toThrow(
      'MonitoringStack "obs": budget.currency is not supported on aws: AWS Budgets measures cost in USD, not EUR',
    );
  });
});

describe("GIVEN the Cloud Monitoring conditions", () => {
  it("THEN a public service is read on the global ALB and an internal one on the regional internal ALB", () => {
    const plan = planMonitoringStack(
      "obs",
      spec({ services: [{}, {}] }),
      [svc("pub", "public", "gcp"), svc("priv", "internal", "gcp")],
      ctx("gcp"),
    );
    const types = (name: string) =>
      serviceConditions(plan.services.find((s) => s.name === name) as NonNullable<(typeof plan.services)[number]>).map(
        (c) => c.filter.metricType,
      );
    expect(types("pub")).toEqual([
      "loadbalancing.googleapis.com/https/request_count",
      "loadbalancing.googleapis.com/https/request_count",
      "loadbalancing.googleapis.com/https/total_latencies",
      "loadbalancing.googleapis.com/https/total_latencies",
      "compute.googleapis.com/instance_group/size",
    ]);
    expect(types("priv")[2]).toBe("loadbalancing.googleapis.com/https/internal/total_latencies");
    expect(plan.gcp?.notAlerted.map((n) => n.slo)).toEqual(["unhealthy"]);
  });
});

describe("GIVEN Azure's fixed alert windows", () => {
  it.each([
    [1, AZURE_METRIC_WINDOWS_MINUTES, "PT1M"],
    [4, AZURE_METRIC_WINDOWS_MINUTES, "PT5M"],
    [20, AZURE_METRIC_WINDOWS_MINUTES, "PT30M"],
    [61, AZURE_METRIC_WINDOWS_MINUTES, "PT6H"],
    [1440, AZURE_METRIC_WINDOWS_MINUTES, "P1D"],
    [45, AZURE_QUERY_WINDOWS_MINUTES, "PT45M"],
    [90, AZURE_QUERY_WINDOWS_MINUTES, "PT2H"],
  ])("WHEN %i minutes are asked THEN the window is the smallest that covers them", (minutes, allowed, iso) => {
    expect(isoWindow(minutes, allowed)).toBe(iso);
  });

  it("THEN a stack without a location is refused, naming azure.location", () => {
    expect(() => planMonitoringStack("obs", spec(), [svc("a", "public", "azure")], { ...ctx("azure"), region: undefined })).toThrow(
      'MonitoringStack "obs": azure.location is required when the stack does not set azure-native:location',
    );
  });
});

describe("GIVEN services that do not fit the stack", () => {
  it("THEN a service on another cloud, a service watched twice and an unknown serviceSlos key are each named", () => {
    expect(() =>
      planMonitoringStack(
        "obs",
        spec({ services: [{}, {}, {}], serviceSlos: { nope: {} } }),
        [svc("a"), svc("a"), svc("g", "public", "gcp")],
        ctx("aws"),
      ),
    ).toThrow(
      [
        'MonitoringStack "obs" has 3 problems:',
        '  - services.1 watches InferenceService "a" again (services.0)',
        '  - services.2 is InferenceService "g" on gcp; this stack is on aws',
        "  - serviceSlos.nope names no watched service; services: a, g",
      ].join("\n"),
    );
  });

  it("THEN p99 below p95 is refused", () => {
    expect(() => planMonitoringStack("obs", spec({ slo: { latencyP95Ms: 900, latencyP99Ms: 800 } }), [svc("a")], ctx("aws"))).toThrow(
      'MonitoringStack "obs": serviceSlos.a latencyP99Ms (800) must be >= latencyP95Ms (900)',
    );
  });
});
