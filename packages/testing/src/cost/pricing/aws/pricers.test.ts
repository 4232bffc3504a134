import { describe, expect, it } from "vitest";
import type { PlanResource } from "../../../plan";
import { planOf, planResource, ref } from "../../../policy-fixtures";
import { type CostLine, type PricingContext, UnpricedError, type UsageAssumptions } from "../../types";
import { SPOT_ASSUMPTION } from "./compute";
import { AWS_FREE, AWS_PRICERS } from "./pricers";
import { AWS_PRICES, AWS_TABLE, findAwsPrice } from "./prices";

const USAGE: UsageAssumptions = {
  natGb: 100,
  loadBalancerGb: 50,
  requestsMillions: 2,
  logGb: 5,
  storageGb: 20,
  registryGb: 10,
  endpointGb: 30,
  buildMinutes: 300,
  featureRequestsMillions: 1,
  onlineStoreGb: 1,
  trainingHours: 40,
};

function ctxFor(resources: readonly PlanResource[], region = "us-east-1"): PricingContext {
  // planOf sorts a copy
  const plan = planOf([...resources]);
  return { cloud: "aws", region, plan, usage: USAGE, byUrn: (urn) => plan.resources.find((r) => r.urn === urn) };
}

function price(r: PlanResource, others: readonly PlanResource[] = [], region = "us-east-1"): CostLine[] {
  const pricer = AWS_PRICERS[r.type];
  if (!pricer) throw new Error(`no pricer for ${r.type}`);
  return pricer(r, ctxFor([r, ...others], region));
}

const lt = (name: string, instanceType: string | undefined, volumeSize: number, volumeType = "gp3") =>
  planResource("aws:ec2/launchTemplate:LaunchTemplate", name, {
    ...(instanceType ? { instanceType } : {}),
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize, volumeType, encrypted: "true" } }],
  });

// One resource of every billed shape: running them all collects every key a pricer can return.
const apiLt = lt("api", "t3.large", 50);
const gpuLt = lt("gpu", undefined, 200);
const systemLt = lt("system", undefined, 100);
const build = (size: string): Fixture => [
  planResource("aws:codebuild/project:Project", size, { environment: { type: "LINUX_CONTAINER", computeType: `BUILD_GENERAL1_${size}` } }),
  [],
];
type Fixture = readonly [PlanResource, readonly PlanResource[]];
const FIXTURE_LIST = [
  [planResource("aws:ec2/natGateway:NatGateway", "nat", { connectivityType: "public" }), []],
  [planResource("aws:ec2/eip:Eip", "nat", { domain: "vpc" }), []],
  [planResource("aws:ec2/vpcEndpoint:VpcEndpoint", "ecr", { vpcEndpointType: "Interface", subnetIds: ["a", "b", "c"] }), []],
  [planResource("aws:lb/loadBalancer:LoadBalancer", "lb", { loadBalancerType: "application", internal: false, subnets: ["a", "b"] }), []],
  [
    planResource("aws:autoscaling/group:Group", "api", { minSize: 1, maxSize: 3, launchTemplate: ref(apiLt, { id: "lt", version: "1" }) }),
    [apiLt],
  ],
  [
    planResource("aws:eks/nodeGroup:NodeGroup", "gpu", {
      instanceTypes: ["g4dn.xlarge"],
      capacityType: "SPOT",
      scalingConfig: { minSize: 0, maxSize: 2, desiredSize: 0 },
      launchTemplate: ref(gpuLt, { id: "lt", version: "1" }),
    }),
    [gpuLt],
  ],
  [
    planResource("aws:eks/nodeGroup:NodeGroup", "system", {
      instanceTypes: ["t3.large"],
      capacityType: "ON_DEMAND",
      scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
      launchTemplate: ref(systemLt, { id: "lt", version: "1" }),
    }),
    [systemLt],
  ],
  [planResource("aws:eks/cluster:Cluster", "training", { version: "1.35" }), []],
  [planResource("aws:kms/key:Key", "key", {}), []],
  [planResource("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 90 }), []],
  [planResource("aws:cloudwatch/metricAlarm:MetricAlarm", "standard", { period: 60, metricName: "CPUUtilization" }), []],
  [planResource("aws:cloudwatch/metricAlarm:MetricAlarm", "fast", { period: 10, metricName: "CPUUtilization" }), []],
  [planResource("aws:cloudwatch/dashboard:Dashboard", "dash", {}), []],
  [planResource("aws:s3/bucket:Bucket", "bucket", {}), []],
  [planResource("aws:ecr/repository:Repository", "repo", {}), []],
  [planResource("aws:route53/healthCheck:HealthCheck", "up", { type: "HTTPS", measureLatency: true, requestInterval: 30 }), []],
  build("SMALL"),
  build("MEDIUM"),
  build("LARGE"),
  [planResource("aws:wafv2/webAcl:WebAcl", "waf", { scope: "REGIONAL", rules: [{ name: "a" }, { name: "b" }] }), []],
  [planResource("aws:codepipeline/pipeline:Pipeline", "delivery", { pipelineType: "V2" }), []],
  [planResource("aws:scheduler/schedule:Schedule", "retrain", { scheduleExpression: "cron(0 3 ? * MON *)" }), []],
] as const satisfies readonly Fixture[];
const FIXTURES: readonly Fixture[] = FIXTURE_LIST;
const [nat, , endpoint, alb, asg, gpuPool, systemPool, , , logs, alarm, fastAlarm, , , , healthCheck, , , , waf, pipeline, schedule] =
  FIXTURE_LIST;

/** The line at `i`, or a failed test. */
function at(lines: CostLine[], i: number): CostLine {
  const line = lines[i];
  if (!line) throw new Error(`no line ${i} in ${JSON.stringify(lines)}`);
  return line;
}

describe("AWS pricers: every key they return", () => {
  // A cluster on a version past standard support on the day the prices were read bills the extended rate.
  const legacy: Fixture = [planResource("aws:eks/cluster:Cluster", "legacy", { version: "1.33" }), []];
  const keys = new Set([...FIXTURES, legacy].flatMap(([r, others]) => price(r, others).map((l) => l.priceKey)));

  it("GIVEN one resource of every billed shape THEN each key it is priced by has a us-east-1 (or global) row", () => {
    expect(keys.size).toBeGreaterThan(20);
    for (const key of keys) expect(findAwsPrice(key, "us-east-1"), key).toBeDefined();
  });

  it("GIVEN the service rows THEN every one is used by some pricer (no row is dead weight)", () => {
    const serviceKeys = new Set(AWS_PRICES.filter((p) => !p.key.startsWith("aws:ec2:")).map((p) => p.key));
    expect([...serviceKeys].filter((k) => !keys.has(k))).toEqual([]);
  });

  it("GIVEN us-west-2 THEN each key is priced there or the table says why not, which the estimator reports", () => {
    const missing = new Set<string>();
    for (const [r, others] of FIXTURES) {
      for (const line of price(r, others, "us-west-2")) if (!findAwsPrice(line.priceKey, "us-west-2")) missing.add(line.priceKey);
    }
    expect(missing.size).toBeGreaterThan(0);
    for (const key of missing)
      expect(AWS_TABLE.whyMissing(key, "us-west-2")).toMatch(/^aws:[a-z0-9]+:\S+: no us-west-2 price in the AWS table/);
  });

  it("GIVEN the pricers and the free list THEN no type is in both", () => {
    expect(Object.keys(AWS_PRICERS).filter((t) => t in AWS_FREE)).toEqual([]);
  });
});

const byItem = (lines: CostLine[]) => Object.fromEntries(lines.map((l) => [l.item, l]));

describe("AWS pricers: exact lines", () => {
  it("GIVEN a NAT gateway THEN 730 hours fixed and natGb GB processed", () => {
    expect(price(nat[0])).toEqual([
      { item: "NAT gateway hours", kind: "fixed", priceKey: "aws:vpc:nat-gateway-hour", quantity: { min: 730, max: 730 } },
      {
        item: "NAT gateway data processed",
        kind: "usage",
        priceKey: "aws:vpc:nat-gateway-gb",
        quantity: { min: 100, max: 100 },
        assumption: "natGb: 100 GB processed a month",
      },
    ]);
  });

  it("GIVEN an internet-facing ALB in two subnets THEN 730 hours, loadBalancerGb LCU-hours, and 2 x 730 public IPv4 hours", () => {
    const lines = byItem(price(alb[0]));
    expect(lines["Application load balancer hours"]).toMatchObject({
      kind: "fixed",
      priceKey: "aws:elb:alb-hour",
      quantity: { min: 730, max: 730 },
    });
    expect(lines["Load balancer capacity units"]).toMatchObject({
      kind: "usage",
      priceKey: "aws:elb:alb-lcu-hour",
      quantity: { min: 50, max: 50 },
    });
    expect(lines["Public IPv4 address hours"]).toMatchObject({
      kind: "fixed",
      priceKey: "aws:vpc:public-ipv4-hour",
      quantity: { min: 1460, max: 1460 },
    });
  });

  it("GIVEN an internal ALB THEN no public address line", () => {
    const internal = planResource("aws:lb/loadBalancer:LoadBalancer", "lb", { internal: true, subnets: ["a", "b"] });
    expect(price(internal).map((l) => l.item)).toEqual(["Application load balancer hours", "Load balancer capacity units"]);
  });

  it("GIVEN an interface endpoint in 3 zones THEN 3 x 730 endpoint hours; a gateway endpoint costs nothing", () => {
    expect(at(price(endpoint[0]), 0)).toMatchObject({ priceKey: "aws:vpc:interface-endpoint-az-hour", quantity: { min: 2190, max: 2190 } });
    expect(price(planResource("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcEndpointType: "Gateway", routeTableIds: ["r"] }))).toEqual([]);
  });

  it("GIVEN a scaling group of 1 to 3 t3.large with a 50 GB gp3 root THEN instance hours 730 to 2190 and 50 to 150 GB-months, read off its launch template", () => {
    const [r, others] = asg;
    expect(price(r, others)).toEqual([
      { item: "t3.large instance hours", kind: "fixed", priceKey: "aws:ec2:t3.large", quantity: { min: 730, max: 2190 } },
      { item: "gp3 volume storage", kind: "fixed", priceKey: "aws:ebs:gp3-gb-month", quantity: { min: 50, max: 150 } },
    ]);
  });

  it("GIVEN a spot GPU pool scaling from zero to 2 THEN nothing while idle, trainingHours x 2 at most, priced at on-demand with the spot assumption", () => {
    const [r, others] = gpuPool;
    const lines = price(r, others);
    const hours = at(lines, 0);
    const disk = at(lines, 1);
    expect(hours).toMatchObject({ kind: "usage", priceKey: "aws:ec2:g4dn.xlarge", quantity: { min: 0, max: 80 } });
    expect(hours.assumption).toBe(`trainingHours (40 h a month) at the upper bound of 2 nodes, none while idle; ${SPOT_ASSUMPTION}`);
    expect(disk).toMatchObject({ kind: "usage", priceKey: "aws:ebs:gp3-gb-month", quantity: { min: 0, max: (200 * 2 * 40) / 730 } });
  });

  it("GIVEN an on-demand pool of 2 to 4 THEN fixed instance hours 1460 to 2920 and no spot assumption", () => {
    const [r, others] = systemPool;
    const hours = at(price(r, others), 0);
    expect(hours).toEqual({
      item: "t3.large instance hours",
      kind: "fixed",
      priceKey: "aws:ec2:t3.large",
      quantity: { min: 1460, max: 2920 },
    });
  });

  it("GIVEN a log group kept 731 days THEN its storage is counted a year in, and the line says so rather than calling 365 its retention", () => {
    const long = planResource("aws:cloudwatch/logGroup:LogGroup", "audit", { retentionInDays: 731 });
    expect(at(price(long), 1)).toMatchObject({
      quantity: { min: (5 * 365) / 30, max: (5 * 365) / 30 },
      assumption: "logGb: 5 GB a month kept 365 days (its retention is 731 days, counted a year in)",
    });
  });

  it("GIVEN a key that rotates every 180 days THEN the key and its first two rotations are 3 key-months; without rotation 1", () => {
    const rotating = planResource("aws:kms/key:Key", "k", { enableKeyRotation: true, rotationPeriodInDays: 180 });
    expect(price(rotating).map((l) => [l.priceKey, l.kind, l.quantity.min, l.quantity.max, l.assumption])).toEqual([
      ["aws:kms:key-month", "fixed", 1, 1, undefined],
      ["aws:kms:key-month", "fixed", 2, 2, "rotated every 180 days: from the second rotation (day 360) on; later rotations are not billed"],
    ]);
    expect(at(price(planResource("aws:kms/key:Key", "y", { enableKeyRotation: true })), 1).assumption).toMatch(/every 365 days/);
    expect(price(planResource("aws:kms/key:Key", "n", { enableKeyRotation: false })).map((l) => l.quantity.max)).toEqual([1]);
  });

  it("GIVEN a log group kept 90 days THEN logGb ingested and three months of it stored", () => {
    const lines = price(logs[0]);
    const ingest = at(lines, 0);
    const storage = at(lines, 1);
    expect(ingest.quantity).toEqual({ min: 5, max: 5 });
    expect(storage).toMatchObject({ priceKey: "aws:cloudwatch:logs-storage-gb-month", quantity: { min: 15, max: 15 } });
  });

  it("GIVEN an HTTPS health check that measures latency THEN the check and 2 optional features", () => {
    expect(price(healthCheck[0]).map((l) => [l.priceKey, l.quantity.min])).toEqual([
      ["aws:route53:health-check-month", 1],
      ["aws:route53:health-check-feature-month", 2],
    ]);
  });

  it("GIVEN alarms of 60 s and 10 s periods THEN a standard and a high-resolution alarm metric", () => {
    expect(at(price(alarm[0]), 0).priceKey).toBe("aws:cloudwatch:alarm-metric-month");
    expect(at(price(fastAlarm[0]), 0).priceKey).toBe("aws:cloudwatch:alarm-metric-high-res-month");
  });

  it("GIVEN a web ACL with 2 rules THEN the ACL, 2 rule-months and requestsMillions", () => {
    expect(price(waf[0]).map((l) => [l.priceKey, l.quantity.max])).toEqual([
      ["aws:waf:web-acl-month", 1],
      ["aws:waf:rule-month", 2],
      ["aws:waf:million-requests", 2],
    ]);
  });
});

describe("AWS pricers: pipelines and schedules", () => {
  it("GIVEN a V2 pipeline THEN buildMinutes action minutes as usage, at $0.002 a minute, the free minutes named and not taken off", () => {
    const [line] = price(pipeline[0]);
    expect(line).toEqual({
      item: "Pipeline action execution minutes",
      kind: "usage",
      priceKey: "aws:codepipeline:v2-action-minute",
      quantity: { min: 300, max: 300 },
      assumption: "buildMinutes: 300 action minutes a month; the account's 100 free minutes a month are not taken off",
    });
    // 300 minutes x $0.002 = $0.60 by hand
    expect(300 * (findAwsPrice("aws:codepipeline:v2-action-minute", "us-west-2")?.usd ?? 0)).toBeCloseTo(0.6, 10);
  });

  it("GIVEN a V1 pipeline THEN UnpricedError: V1 is billed per active pipeline, which is not priced", () => {
    const v1 = planResource("aws:codepipeline/pipeline:Pipeline", "old", { pipelineType: "V1" });
    expect(() => price(v1)).toThrow("aws:codepipeline/pipeline:Pipeline old: a V1 pipeline is not priced; only V2");
  });

  it("GIVEN a weekly schedule THEN 730 / 24 / 7 = 4.345 invocations a month, as millions, with the free tier named", () => {
    const [line] = price(schedule[0]);
    expect(line?.kind).toBe("usage");
    expect(line?.priceKey).toBe("aws:scheduler:million-invocations");
    expect(line?.quantity.max).toBeCloseTo(730 / 24 / 7 / 1e6, 15);
    expect(line?.assumption).toBe(
      "4.35 invocations a month from cron(0 3 ? * MON *); the account's first 14 million a month are free and not taken off",
    );
  });

  it("GIVEN a schedule in us-west-2 THEN its line's key has no row there: the Scheduler price read is a us-east-1 price", () => {
    expect(price(schedule[0], [], "us-west-2").map((l) => l.priceKey)).toEqual(["aws:scheduler:million-invocations"]);
    expect(findAwsPrice("aws:scheduler:million-invocations", "us-west-2")).toBeUndefined();
  });

  it("GIVEN a schedule expression that cannot be read THEN UnpricedError names it", () => {
    const odd = planResource("aws:scheduler/schedule:Schedule", "odd", { scheduleExpression: "cron(0 3 L * ? *)" });
    expect(() => price(odd)).toThrow("aws:scheduler/schedule:Schedule odd: cannot count the invocations of cron(0 3 L * ? *)");
  });
});

describe("AWS pricers: what they refuse to price", () => {
  const unpricedMessage = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(UnpricedError);
      return (e as Error).message;
    }
    throw new Error("priced");
  };

  it("GIVEN a pool of a type the table has no row for THEN the table says no source was read, while a catalog type is priced in us-west-2", () => {
    const m7i = lt("m7i", "m7i.xlarge", 20);
    const outside = planResource("aws:autoscaling/group:Group", "g", { minSize: 1, maxSize: 1, launchTemplate: ref(m7i) });
    expect(at(price(outside, [m7i], "us-west-2"), 0).priceKey).toBe("aws:ec2:m7i.xlarge");
    expect(AWS_TABLE.whyMissing("aws:ec2:m7i.xlarge", "us-west-2")).toBe(
      "aws:ec2:m7i.xlarge: no us-west-2 price in the AWS table (no source for it was read)",
    );
    // A zero-size volume: gp3 storage has no us-west-2 row, and the instance row is what is tested.
    const m6i = lt("m6i", "m6i.xlarge", 0);
    const group = planResource("aws:autoscaling/group:Group", "g", { minSize: 1, maxSize: 1, launchTemplate: ref(m6i) });
    expect(at(price(group, [m6i], "us-west-2"), 0).priceKey).toBe("aws:ec2:m6i.xlarge");
  });

  it("GIVEN a launch template with a gp2 or io2 volume THEN its lines name their keys (no row: the estimator lists them), its instances still priced", () => {
    const gp2 = lt("old", "t3.large", 20, "gp2");
    const group = planResource("aws:autoscaling/group:Group", "g", { minSize: 1, maxSize: 2, launchTemplate: ref(gp2) });
    expect(price(group, [gp2]).map((l) => [l.item, l.priceKey, l.quantity.max])).toEqual([
      ["t3.large instance hours", "aws:ec2:t3.large", 1460],
      ["gp2 volume storage", "aws:ebs:gp2-gb-month", 40],
    ]);
    expect(findAwsPrice("aws:ebs:gp2-gb-month", "us-east-1")).toBeUndefined();
    const io2 = planResource("aws:ec2/launchTemplate:LaunchTemplate", "db", {
      instanceType: "t3.large",
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 100, volumeType: "io2", iops: 4000 } }],
    });
    const fast = planResource("aws:autoscaling/group:Group", "f", { minSize: 1, maxSize: 1, launchTemplate: ref(io2) });
    // A provisioned-IOPS volume bills its IOPS too: a line, so it is listed rather than left out unsaid.
    expect(price(fast, [io2]).map((l) => [l.priceKey, l.quantity.max])).toEqual([
      ["aws:ec2:t3.large", 730],
      ["aws:ebs:io2-gb-month", 100],
      ["aws:ebs:io2-iops-month", 4000],
    ]);
  });

  it("GIVEN a volume that leaves its type or an io1's IOPS unset THEN UnpricedError names the input: what it bills is not in the plan", () => {
    const untyped = planResource("aws:ec2/launchTemplate:LaunchTemplate", "ami", {
      instanceType: "t3.large",
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20 } }],
    });
    const group = planResource("aws:autoscaling/group:Group", "g", { minSize: 1, maxSize: 1, launchTemplate: ref(untyped) });
    expect(unpricedMessage(() => price(group, [untyped]))).toBe(
      "aws:ec2/launchTemplate:LaunchTemplate ami: blockDeviceMappings[0].ebs.volumeType is not a known string (undefined)",
    );
    const io1 = lt("io", "t3.large", 20, "io1");
    const other = planResource("aws:autoscaling/group:Group", "h", { minSize: 1, maxSize: 1, launchTemplate: ref(io1) });
    expect(unpricedMessage(() => price(other, [io1]))).toBe(
      "aws:ec2/launchTemplate:LaunchTemplate io: blockDeviceMappings[0].ebs.iops is not a known number (undefined)",
    );
  });

  it("GIVEN a CodeBuild project on an ARM or XLARGE environment THEN its minutes name a key the table lacks, and an unset type is refused", () => {
    const project = (type: unknown, computeType: string) =>
      planResource("aws:codebuild/project:Project", "ci", { environment: { ...(type ? { type } : {}), computeType } });
    expect(price(project("LINUX_CONTAINER", "BUILD_GENERAL1_SMALL"))[0]?.priceKey).toBe("aws:codebuild:linux-small-minute");
    expect(price(project("ARM_CONTAINER", "BUILD_GENERAL1_LARGE"))[0]?.priceKey).toBe("aws:codebuild:arm-large-minute");
    const xlarge = price(project("LINUX_CONTAINER", "BUILD_GENERAL1_XLARGE"))[0];
    expect(xlarge).toMatchObject({ item: "Build minutes (BUILD_GENERAL1_XLARGE)", priceKey: "aws:codebuild:linux-xlarge-minute" });
    expect(findAwsPrice("aws:codebuild:linux-xlarge-minute", "us-east-1")).toBeUndefined();
    expect(unpricedMessage(() => price(project(undefined, "BUILD_GENERAL1_SMALL")))).toBe(
      "aws:codebuild/project:Project ci: environment.type is not a known string (undefined)",
    );
  });

  it("GIVEN a launch template that maps no EBS volume THEN UnpricedError: the AMI's root volume is billed but not in the plan", () => {
    const bare = planResource("aws:ec2/launchTemplate:LaunchTemplate", "bare", { instanceType: "t3.large" });
    const group = planResource("aws:autoscaling/group:Group", "g", { minSize: 1, maxSize: 2, launchTemplate: ref(bare) });
    expect(unpricedMessage(() => price(group, [bare]))).toBe(
      "aws:ec2/launchTemplate:LaunchTemplate bare: no EBS volume in blockDeviceMappings, so the root volume is the AMI's, whose type and size are not in the plan",
    );
  });

  it("GIVEN a scaling group whose launch template is not in the plan THEN UnpricedError, not a zero", () => {
    const group = planResource("aws:autoscaling/group:Group", "g", { minSize: 1, maxSize: 1 });
    expect(unpricedMessage(() => price(group))).toBe("aws:autoscaling/group:Group g: its launch template is not in the plan");
  });

  it("GIVEN EKS 1.33 past its standard support (2026-07-29) on the extended policy THEN it bills the extended-support rate, saying why", () => {
    const cluster = (inputs: Record<string, unknown>) => planResource("aws:eks/cluster:Cluster", "c", inputs);
    expect(price(cluster({ version: "1.33" }))).toEqual([
      {
        item: "EKS cluster hours (extended support)",
        kind: "fixed",
        priceKey: "aws:eks:cluster-extended-hour",
        quantity: { min: 730, max: 730 },
        assumption:
          "EKS 1.33 left standard support on 2026-07-29, before the prices were read (2026-11-30), and the upgrade policy keeps it on extended support",
      },
    ]);
    expect(findAwsPrice("aws:eks:cluster-extended-hour", "us-west-2")?.usd).toBe(0.6);
    expect(price(cluster({ version: "1.31", upgradePolicy: { supportType: "EXTENDED" } }))[0]?.assumption).toMatch(
      /EKS 1.31 left standard support on 2025-11-26/,
    );
    expect(unpricedMessage(() => price(cluster({ version: "1.20" })))).toBe(
      "aws:eks/cluster:Cluster c: when EKS 1.20's standard support ends is not in EKS_STANDARD_SUPPORT_ENDS",
    );
    // STANDARD support type: EKS upgrades the cluster at the end of standard support instead.
    const standard = [
      cluster({ version: "1.33", upgradePolicy: { supportType: "STANDARD" } }),
      cluster({ version: "1.34" }),
      cluster({ version: "1.40" }),
      cluster({}),
    ];
    for (const c of standard)
      expect(price(c)).toEqual([
        { item: "EKS cluster hours", kind: "fixed", priceKey: "aws:eks:cluster-hour", quantity: { min: 730, max: 730 } },
      ]);
  });

  it("GIVEN a SageMaker MLflow tracking server THEN UnpricedError says no source was read for the reference regions", () => {
    const mlflow = planResource("aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer", "m", { trackingServerSize: "Small" });
    expect(unpricedMessage(() => price(mlflow))).toMatch(/no source for that price was read in us-east-1 or us-west-2/);
  });
});
