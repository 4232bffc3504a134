import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeployContext } from "../../core/context";
import { type Cidr, cidr, contains, formatCidr, overlaps, size } from "../../core/net/cidr";
import { parseSpec } from "../../core/spec";
import { planMlopsVpc, subnetCidr, TIERS, tierBlock } from "./plan";
import { type MlopsVpcArgs, mlopsVpcSchema } from "./spec";

const ctx = (over: Partial<DeployContext> = {}): DeployContext => ({
  cloud: "aws",
  profile: "dev",
  scope: { project: "p", stack: "dev" },
  tags: { "managed-by": "mlops-kit" },
  region: "us-east-1",
  ...over,
});
const plan = (args: MlopsVpcArgs, c: Partial<DeployContext> = {}) =>
  planMlopsVpc("core", parseSpec(mlopsVpcSchema, "MlopsVpc", "core", args), ctx(c));

describe("planMlopsVpc: the subnet layout", () => {
  it("GIVEN the default /16 THEN tiers and zone slots are exactly these", () => {
    const p = plan({ zones: 3 });
    expect(p.tiers.private.cidr).toBe("10.0.0.0/17");
    expect(p.tiers.isolated.cidr).toBe("10.0.128.0/18");
    expect(p.tiers.public.cidr).toBe("10.0.192.0/19");
    expect(p.reservedCidr).toBe("10.0.224.0/19");
    expect(p.tiers.private.subnets.map((s) => s.cidr)).toEqual(["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"]);
    expect(p.tiers.isolated.subnets.map((s) => s.cidr)).toEqual(["10.0.128.0/21", "10.0.136.0/21", "10.0.144.0/21"]);
    expect(p.tiers.public.subnets.map((s) => s.cidr)).toEqual(["10.0.192.0/22", "10.0.196.0/22", "10.0.200.0/22"]);
    expect(p.tiers.public.subnets.map((s) => s.name)).toEqual(["core-public-0", "core-public-1", "core-public-2"]);
  });

  it("GIVEN a /21 on AWS THEN the public subnets are /27, the smallest an Application Load Balancer takes", () => {
    expect(plan({ cidr: "192.168.0.0/21" }).tiers.public.subnets[0]?.cidr).toBe("192.168.6.0/27");
  });

  it("GIVEN a /22 on AWS THEN it is refused: its /28 public subnets cannot host a load balancer", () => {
    expect(() => plan({ cidr: "192.168.0.0/22" })).toThrow(
      'MlopsVpc "core": cidr (192.168.0.0/22) gives /28 public subnets; an Application Load Balancer needs at least a /27 with 8 free addresses: use a /21 or larger on aws',
    );
    expect(plan({ cidr: "192.168.0.0/22" }, { cloud: "gcp", region: "us-central1" }).tiers.public.cidr).toBe("192.168.3.0/25");
  });

  it("GIVEN nat none on AWS THEN the Systems Manager endpoints join the interface endpoints, once", () => {
    expect(plan({ nat: "none" }).privateEndpoints.awsInterfaceServices.slice(-3)).toEqual(["ssm", "ssmmessages", "ec2messages"]);
    expect(plan({ nat: "none", aws: { interfaceEndpoints: ["ssm", "ecr.api"] } }).privateEndpoints.awsInterfaceServices).toEqual([
      "ssm",
      "ecr.api",
      "ssmmessages",
      "ec2messages",
    ]);
    expect(plan({ nat: "single" }).privateEndpoints.awsInterfaceServices).not.toContain("ssm");
  });

  it.each([
    ["dev", "single", []],
    ["dev", "perZone", []],
    [
      "dev",
      "none",
      ["ecr.api", "ecr.dkr", "sagemaker.api", "sagemaker.runtime", "sts", "logs", "kms", "ssm", "ssmmessages", "ec2messages"],
    ],
    ["prod", "single", ["ecr.api", "ecr.dkr", "sagemaker.api", "sagemaker.runtime", "sts", "logs", "kms"]],
    ["prod", "perZone", ["ecr.api", "ecr.dkr", "sagemaker.api", "sagemaker.runtime", "sts", "logs", "kms"]],
  ] as const)("GIVEN profile %s and nat %s on AWS THEN the default interface endpoints are %j", (profile, nat, services) => {
    expect(plan({ nat }, { profile }).privateEndpoints.awsInterfaceServices).toEqual(services);
  });

  it("GIVEN dev with NAT and interface endpoints listed THEN exactly those are kept (the switch back to private API traffic)", () => {
    expect(
      plan({ nat: "single", aws: { interfaceEndpoints: ["ecr.api", "ecr.dkr"] } }, { profile: "dev" }).privateEndpoints
        .awsInterfaceServices,
    ).toEqual(["ecr.api", "ecr.dkr"]);
  });

  const NEUTRAL = { cloud: "gcp", region: "us-central1" } as const;
  const arbNetwork = fc
    .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 16, max: 22 }))
    .map(([addr, prefix]): Cidr => ({ base: addr - (addr % size(prefix)), prefix }));

  it("property: subnets never overlap and stay inside the network, for every size and zone count", () => {
    fc.assert(
      fc.property(arbNetwork, fc.integer({ min: 1, max: 6 }), (network, zones) => {
        // The layout is the same on every cloud; AWS alone refuses a /22 (its ALB needs /27 public subnets).
        const p = plan({ cidr: formatCidr(network), zones }, NEUTRAL);
        const all = TIERS.flatMap((t) => p.tiers[t].subnets.map((s) => cidr(s.cidr)));
        expect(all).toHaveLength(3 * zones);
        for (const [i, a] of all.entries()) {
          expect(contains(network, a)).toBe(true);
          for (const b of all.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
          expect(overlaps(a, cidr(p.reservedCidr))).toBe(false);
        }
        for (const t of TIERS) for (const s of p.tiers[t].subnets) expect(contains(cidr(p.tiers[t].cidr), cidr(s.cidr))).toBe(true);
      }),
    );
  });

  it("property: growth is append-only — adding zones keeps every existing subnet's CIDR", () => {
    fc.assert(
      fc.property(arbNetwork, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (network, n, more) => {
        const before = plan({ cidr: formatCidr(network), zones: n }, NEUTRAL);
        const after = plan({ cidr: formatCidr(network), zones: Math.min(6, n + more) }, NEUTRAL);
        for (const t of TIERS) {
          expect(after.tiers[t].subnets.slice(0, n)).toEqual(before.tiers[t].subnets);
          expect(after.tiers[t].cidr).toBe(before.tiers[t].cidr);
        }
      }),
    );
  });

  it("a zone slot depends only on the network, the tier and the index", () => {
    const n = cidr("10.20.0.0/16");
    expect(formatCidr(subnetCidr(n, "private", 5))).toBe("10.20.80.0/20");
    expect(formatCidr(tierBlock(n, "reserved"))).toBe("10.20.224.0/19");
  });
});

describe("planMlopsVpc: profile defaults and overrides", () => {
  it.each([
    ["dev", 2, "single", [0], 30, false],
    ["prod", 3, "perZone", [0, 1, 2], 365, true],
  ] as const)(
    "GIVEN profile %s THEN %i zones, NAT %s in zones %j, %i days of flow logs, retain=%s",
    (profile, zones, nat, gw, days, retain) => {
      const p = plan({}, { profile });
      expect(p.zones).toBe(zones);
      expect(p.nat.mode).toBe(nat);
      expect(p.nat.gatewayZones).toEqual(gw);
      expect(p.flowLogs.retentionDays).toBe(days);
      expect(p.retainLogs).toBe(retain);
    },
  );

  it("GIVEN prod but explicit zones, nat and retention THEN the spec wins", () => {
    const p = plan({ zones: 2, nat: "single", flowLogs: { retentionDays: 90 } }, { profile: "prod" });
    expect([p.zones, p.nat.mode, p.flowLogs.retentionDays]).toEqual([2, "single", 90]);
  });

  it("GIVEN a single NAT THEN every private zone routes through zone 0; perZone routes each through its own", () => {
    expect(plan({ zones: 3, nat: "single" }).nat.natZoneFor).toEqual([0, 0, 0]);
    expect(plan({ zones: 3, nat: "perZone" }).nat.natZoneFor).toEqual([0, 1, 2]);
    expect(plan({ zones: 3, nat: "none" }).nat.gatewayZones).toEqual([]);
  });

  it.each([
    [1, 1],
    [30, 30],
    [31, 60],
    [400, 400],
    [1000, 1096],
  ])("GIVEN %i retention days THEN CloudWatch keeps them %i days (the next period it accepts)", (days, expected) => {
    expect(plan({ flowLogs: { retentionDays: days } }).aws.logRetentionDays).toBe(expected);
  });

  it("GIVEN Azure and more than 365 days of flow logs THEN the spec is rejected naming the field", () => {
    expect(() => plan({ flowLogs: { retentionDays: 400 } }, { cloud: "azure", region: "westeurope" })).toThrow(
      'MlopsVpc "core": flowLogs.retentionDays (400) must be <= 365 on azure',
    );
  });

  it.each([
    ["gcp", 3650, undefined],
    ["gcp", 3651, 'MlopsVpc "core": flowLogs.retentionDays (3651) must be <= 3650 on gcp'],
    ["azure", 365, undefined],
    ["aws", 3653, undefined],
  ] as const)("GIVEN %s and %i days of flow logs THEN the plan's answer is %s", (cloud, days, error) => {
    const run = () => plan({ flowLogs: { retentionDays: days } }, { cloud, region: "somewhere" });
    if (error === undefined) expect(run().flowLogs.retentionDays).toBe(days);
    else expect(run).toThrow(error);
  });

  it.each([
    ["dev", 7],
    ["prod", 30],
  ] as const)("GIVEN profile %s THEN a deleted flow-log key is kept %i days before it goes", (profile, days) => {
    expect(plan({}, { profile }).aws.keyDeletionWindowDays).toBe(days);
  });

  it("GIVEN Azure and four zones THEN the spec is rejected naming zones; three are accepted", () => {
    const azure = { cloud: "azure", region: "westeurope" } as const;
    expect(() => plan({ zones: 4 }, azure)).toThrow('MlopsVpc "core": zones (4) must be <= 3 on azure');
    expect(plan({ zones: 3 }, azure).zones).toBe(3);
  });

  it("GIVEN GCP without a region anywhere THEN the error names gcp.region and the stack setting", () => {
    expect(() => plan({}, { cloud: "gcp", region: undefined })).toThrow(/gcp\.region is required: set it, or set the stack's gcp:region/);
  });

  it("GIVEN Azure THEN the flow-log storage account name is a valid, stable storage account name", () => {
    const a = plan({}, { cloud: "azure", region: "westeurope" }).azure;
    expect(a.flowLogStorageAccountName).toMatch(/^[a-z0-9]{3,24}$/);
    expect(a.flowLogStorageAccountName).toBe(plan({}, { cloud: "azure", region: "westeurope" }).azure.flowLogStorageAccountName);
    expect(a.networkWatcher).toEqual({ name: "NetworkWatcher_westeurope", resourceGroupName: "NetworkWatcherRG", create: false });
  });
});
