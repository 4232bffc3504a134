// The benchmark harness itself: its arithmetic, its graph walk and its child protocol. No timing is
// asserted here; `npm run bench` measures.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { SynthReport } from "./children/synth";
import { CREATION_TIMES, creationKey, creationSeconds, DEFAULT_SECONDS } from "./creation-times";
import { backendSdkModules } from "./lib/backends";
import { interleave, runChild } from "./lib/child";
import { criticalPath, type GraphResource } from "./lib/critical-path";
import { dependencyClosure, type LockPackages, resolveKey } from "./lib/footprint";
import { sdkModuleOf } from "./lib/replay";
import { fitLine, fitPowerLaw, median } from "./lib/stats";

describe("stats", () => {
  it("GIVEN linear data THEN the fitted exponent is 1", () => {
    const xs = [1, 10, 50, 200];
    const fit = fitPowerLaw(
      xs,
      xs.map((x) => 3.5 * x),
    );
    expect(fit.exponent).toBeCloseTo(1, 10);
    expect(fit.coefficient).toBeCloseTo(3.5, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  it("GIVEN quadratic data THEN the fitted exponent is 2", () => {
    const xs = [1, 10, 50];
    expect(
      fitPowerLaw(
        xs,
        xs.map((x) => x * x),
      ).exponent,
    ).toBeCloseTo(2, 10);
  });

  it("GIVEN a line THEN fitLine gives its slope and intercept", () => {
    expect(fitLine([0, 1, 2], [1, 3, 5])).toEqual({ slope: 2, intercept: 1 });
  });

  it("GIVEN odd and even counts THEN median is the middle value or the mean of the two", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("interleave", () => {
  it("GIVEN two variants THEN rounds alternate their order and the warm-up round is dropped", () => {
    const calls: string[] = [];
    let n = 0;
    const runs = interleave(
      {
        a: () => {
          calls.push("a");
          return n++;
        },
        b: () => {
          calls.push("b");
          return n++;
        },
      },
      3,
      1,
    );
    expect(calls).toEqual(["a", "b", "b", "a", "a", "b", "b", "a"]);
    expect(runs.a).toEqual([3, 4, 7]);
    expect(runs.b).toEqual([2, 5, 6]);
  });
});

describe("critical path", () => {
  const r = (name: string, dependencies: string[] = [], extra: Partial<GraphResource> = {}): GraphResource => ({
    urn: name,
    type: `t:${name}`,
    name,
    custom: true,
    dependencies,
    ...extra,
  });
  const seconds: Record<string, number> = { "t:vpc": 5, "t:nat": 120, "t:route": 5, "t:lb": 180, "t:asg": 240, "t:subnet": 5 };
  const weight = (x: GraphResource) => seconds[x.type] ?? 1;

  it("GIVEN a small plan THEN the path is the longest weighted chain, first to last", () => {
    const plan = [
      r("vpc"),
      r("subnet", ["vpc"]),
      r("nat", ["subnet"]),
      r("route", ["nat"]),
      r("lb", ["subnet"]),
      r("asg", ["route", "subnet"]),
    ];
    const cp = criticalPath(plan, weight);
    expect(cp.path.map((l) => l.name)).toEqual(["vpc", "subnet", "nat", "route", "asg"]);
    expect(cp.totalSeconds).toBe(375);
    expect(cp.slowest.name).toBe("asg");
    expect(cp.ratio).toBeCloseTo(375 / 240, 10);
    expect(cp.path.map((l) => l.start)).toEqual([0, 5, 10, 130, 135]);
  });

  it("GIVEN a dependency on a component THEN it stands for every custom resource under it", () => {
    const plan = [r("net", [], { custom: false }), r("vpc", [], { parent: "net" }), r("nat", ["vpc"], { parent: "net" }), r("lb", ["net"])];
    const cp = criticalPath(plan, weight);
    expect(cp.path.map((l) => l.name)).toEqual(["vpc", "nat", "lb"]);
    expect(cp.totalSeconds).toBe(305);
  });

  it("GIVEN a cycle THEN it says so", () => {
    expect(() => criticalPath([r("a", ["b"]), r("b", ["a"])], weight)).toThrow("dependency cycle");
  });
});

describe("creation times", () => {
  it("THEN every row has a positive time, a basis and a source", () => {
    for (const [type, row] of Object.entries(CREATION_TIMES)) {
      expect(row.seconds, type).toBeGreaterThan(0);
      expect(row.basis.length, type).toBeGreaterThan(10);
      expect(row.source, type).toMatch(/^https:\/\//);
    }
  });

  it("GIVEN a VPC endpoint THEN interface and gateway endpoints weigh differently; an unknown type takes the default", () => {
    const endpoint = "aws:ec2/vpcEndpoint:VpcEndpoint";
    expect(creationKey({ type: endpoint, inputs: { vpcEndpointType: "Interface" } })).toBe(`${endpoint}#Interface`);
    expect(creationSeconds({ type: endpoint, inputs: { vpcEndpointType: "Gateway" } })).toBeLessThan(
      creationSeconds({ type: endpoint, inputs: { vpcEndpointType: "Interface" } }),
    );
    expect(creationSeconds({ type: "aws:iam/rolePolicy:RolePolicy" })).toBe(DEFAULT_SECONDS);
  });
});

describe("install footprint", () => {
  const lock: LockPackages = {
    "": { dependencies: { app: "1" } },
    "node_modules/kit": { resolved: "packages/kit", link: true },
    "packages/kit": {
      dependencies: { zod: "1" },
      peerDependencies: { core: "1", aws: "1", gcp: "1" },
      peerDependenciesMeta: { aws: { optional: true }, gcp: { optional: true } },
    },
    "node_modules/zod": {},
    "node_modules/core": { dependencies: { semver: "2" } },
    "node_modules/core/node_modules/semver": {},
    "node_modules/semver": {},
    "node_modules/aws": { dependencies: { core: "1", mime: "1" } },
    "node_modules/mime": {},
    "node_modules/gcp": { dependencies: { core: "1" } },
  };

  it("GIVEN a nested copy THEN a dependency resolves to the nearest node_modules", () => {
    expect(resolveKey(lock, "node_modules/core", "semver")).toBe("node_modules/core/node_modules/semver");
    expect(resolveKey(lock, "node_modules/aws", "semver")).toBe("node_modules/semver");
  });

  it("GIVEN optional peers THEN only the SDK asked for is in the closure", () => {
    expect([...dependencyClosure(lock, ["kit", "aws"])].sort()).toEqual([
      "node_modules/aws",
      "node_modules/core",
      "node_modules/core/node_modules/semver",
      "node_modules/mime",
      "node_modules/zod",
      "packages/kit",
    ]);
  });
});

describe("backend modules", () => {
  it("GIVEN a cloud's backends, split over files in components/<component>/<cloud>/ THEN every provider module they import is listed, and only that cloud's", () => {
    const aws = backendSdkModules("aws");
    // imported by the network (network/aws/index.ts) and by the service's load balancer (inference-service/aws/load-balancer.ts)
    expect(aws).toEqual(expect.arrayContaining(["@pulumi/aws/ec2/vpc", "@pulumi/aws/lb/loadBalancer", "@pulumi/aws/s3/bucket"]));
    expect(backendSdkModules("azure")).toEqual(
      expect.arrayContaining(["@pulumi/azure-native/network/applicationGateway", "@pulumi/azure-native/storage/storageAccount"]),
    );
    // and by the monitoring stack's backends (monitoring/<cloud>/)
    expect([...backendSdkModules("aws"), ...backendSdkModules("gcp"), ...backendSdkModules("azure")]).toEqual(
      expect.arrayContaining([
        "@pulumi/aws/cloudwatch/metricAlarm",
        "@pulumi/aws/route53/healthCheck",
        "@pulumi/gcp/monitoring/alertPolicy",
        "@pulumi/azure-native/monitor/scheduledQueryRule",
      ]),
    );
    for (const cloud of ["aws", "gcp", "azure"]) {
      const own = cloud === "azure" ? "@pulumi/azure-native/" : `@pulumi/${cloud}/`;
      expect(backendSdkModules(cloud).filter((m) => !m.startsWith(own))).toEqual([]);
    }
  });
});

describe("replay", () => {
  it("GIVEN type tokens THEN they map to the class and the module it is defined in", () => {
    expect(sdkModuleOf("aws:ec2/vpc:Vpc")).toEqual({ module: "@pulumi/aws/ec2/vpc", className: "Vpc" });
    expect(sdkModuleOf("gcp:compute/uRLMap:URLMap")).toEqual({ module: "@pulumi/gcp/compute/urlmap", className: "URLMap" });
    expect(sdkModuleOf("azure-native:network:Subnet")).toEqual({ module: "@pulumi/azure-native/network/subnet", className: "Subnet" });
  });

  it("GIVEN a hand-made plan THEN a replay child registers its custom resources and reports in JSON", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-bench-"));
    const plan = path.join(dir, "plan.json");
    const resources = [
      { type: "aws:s3/bucket:Bucket", name: "logs", custom: true, inputs: { bucket: "logs" } },
      { type: "aws:ec2/vpc:Vpc", name: "core", custom: true, inputs: { cidrBlock: "10.0.0.0/16" } },
      { type: "mlops:index:MlopsVpc", name: "core", custom: false, inputs: {} },
    ];
    fs.writeFileSync(plan, JSON.stringify({ resources }));
    try {
      const { report } = runChild<SynthReport>("synth.ts", { mode: "replay-sdk", stack: "aws-dev", plan });
      expect(report).toMatchObject({ mode: "replay-sdk", custom: 2, fallbacks: 0 });
      expect(report.sdkModules["@pulumi/gcp"]).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
