import { describe, expect, it } from "vitest";
import type { DeployContext } from "../../core/context";
import { physicalName } from "../../core/naming";
import { parseSpec } from "../../core/spec";
import { planInferenceService } from "./plan";
import { awsArchitecture, awsImageProblem } from "./plan-aws";
import { type InferenceServiceArgs, inferenceServiceSchema } from "./spec";

const ctx: DeployContext = { cloud: "aws", profile: "dev", scope: { project: "p", stack: "dev" }, tags: {}, region: "us-east-1" };
const network = { cloud: "aws", name: "core", cidr: "10.0.0.0/16" } as unknown as InferenceServiceArgs["network"];
const plan = (over: Partial<InferenceServiceArgs> = {}) =>
  planInferenceService(
    "api",
    parseSpec(inferenceServiceSchema, "InferenceService", "api", {
      network,
      image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1",
      compute: { cpu: 2, memoryGiB: 4 },
      loadBalancer: { tls: { domain: "api.example.com" } },
      ...over,
    }),
    ctx,
  );

describe("planAwsService", () => {
  it.each([
    ["m6i.large", "x86_64"],
    ["m7g.large", "arm64"],
    ["c7gn.xlarge", "arm64"],
    ["im4gn.large", "arm64"],
    ["is4gen.large", "arm64"],
    ["t4g.micro", "arm64"],
    ["a1.large", "arm64"],
    ["g5g.xlarge", "arm64"],
    ["g4dn.xlarge", "x86_64"],
    ["g4ad.xlarge", "x86_64"],
    ["m7i-flex.large", "x86_64"],
    ["m7a.large", "x86_64"],
  ] as const)("GIVEN %s THEN the architecture is %s", (type, arch) => {
    expect(awsArchitecture(type)).toBe(arch);
  });

  it.each([
    ["123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1", true, undefined],
    ["123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/m:1", false, undefined],
    ["public.ecr.aws/a/m:1", true, undefined],
    ["public.ecr.aws/a/m:1", false, "is not in a private ECR repository"],
    ["docker.io/library/nginx:1", true, "is not in ECR"],
  ] as const)("GIVEN image %s and internet egress %s THEN the problem is %s", (image, egress, problem) => {
    const found = awsImageProblem(image, egress);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it("GIVEN spot for a GPU THEN the types are the chosen one and its catalog equivalents at up to twice the price, cheapest first", () => {
    const p = plan({ compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } }, spot: { enabled: true } });
    expect(p.aws.spotInstanceTypes).toEqual(["g4dn.xlarge", "g4dn.2xlarge"]);
    expect(plan({ compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } } }).aws.spotInstanceTypes).toEqual(["g4dn.xlarge"]);
  });

  it("GIVEN an overridden type and spot THEN only that type", () => {
    expect(plan({ aws: { instanceType: "m7g.large" }, spot: { enabled: true } }).aws.spotInstanceTypes).toEqual(["m7g.large"]);
  });

  it.each([
    [10, 25, 0, 3, 0, 100],
    [10, 50, 50, 5, 5, 50],
    [3, 25, 10, 1, 0, 90],
    [4, 100, 0, 4, 0, 100],
  ])(
    "GIVEN max %i, surge %i%% and unavailable %i%% THEN exactly %i surge and %i unavailable instances, %i%% healthy",
    (max, surge, unavailable, s, u, healthy) => {
      const r = plan({ scaling: { min: 1, max }, rollout: { maxSurgePercent: surge, maxUnavailablePercent: unavailable } }).rollout;
      expect([r.maxSurgeInstances, r.maxUnavailableInstances, r.minHealthyPercent]).toEqual([s, u, healthy]);
    },
  );

  it("GIVEN the scheme changes THEN the load balancer and the target group get new names, since both are replaced beside the old ones", () => {
    const pub = plan().aws;
    const internal = plan({ loadBalancer: { scheme: "internal", tls: { domain: "api.example.com" } } }).aws;
    expect(internal.loadBalancerName).not.toBe(pub.loadBalancerName);
    expect(internal.targetGroupName).not.toBe(pub.targetGroupName);
    for (const n of [internal.loadBalancerName, internal.targetGroupName]) expect(n.length).toBeLessThanOrEqual(32);
    // Public keeps the names earlier versions gave: an upgrade replaces nothing.
    expect(pub.loadBalancerName).toBe(physicalName("awsLoadBalancer", ["api", "lb"], ctx.scope));
    expect(pub.targetGroupName).toBe(physicalName("awsLoadBalancer", ["api", "tg", "8080"], ctx.scope));
  });

  it("GIVEN no AMI setting THEN the AMI is pinned; WHEN latest THEN it follows the parameter", () => {
    expect(plan().aws.amiUpdates).toBe("pinned");
    expect(plan({ aws: { amiUpdates: "latest" } }).aws.amiUpdates).toBe("latest");
  });
});
