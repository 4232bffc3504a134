import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { defaultCall } from "@mlops-kit/testing/src/mocks";
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { physicalName } from "../../../core/naming";
import { MlopsVpc } from "../component";
import type { MlopsVpcArgs } from "../spec";
import type { TIER_TAGS } from "./index";

// What a real account checks and mocks do not: zones, endpoint services, key policies, tags.

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const SUBNET = "aws:ec2/subnet:Subnet";

interface Run {
  plan: Plan;
  invokes: { token: string; inputs: Record<string, unknown> }[];
}

async function run(
  args: MlopsVpcArgs = {},
  {
    region = "eu-west-1",
    answer,
  }: { region?: string; answer?: (a: pulumi.runtime.MockCallArgs) => Record<string, unknown> | undefined } = {},
): Promise<Run> {
  const invokes: Run["invokes"] = [];
  const config = { "mlops:cloud": "aws", "mlops:profile": "dev", "aws:region": region };
  const base = defaultCall(config);
  const plan = await synth(
    () => {
      new MlopsVpc("core", args);
    },
    {
      project: "p",
      stack: "dev",
      config,
      mocks: {
        call: (a) => {
          invokes.push({ token: a.token, inputs: a.inputs });
          return answer?.(a) ?? base(a);
        },
      },
    },
  );
  return { plan, invokes };
}

describe("GIVEN an MlopsVpc on AWS", () => {
  it("THEN its zones are Availability Zones that need no opt-in (no Local or Wavelength Zones)", async () => {
    const { invokes } = await run();
    const zones = invokes.filter((i) => i.token === "aws:index/getAvailabilityZones:getAvailabilityZones");
    expect(zones.length).toBeGreaterThan(0);
    for (const z of zones) {
      expect(z.inputs.filters).toEqual([
        { name: "opt-in-status", values: ["opt-in-not-required"] },
        { name: "zone-type", values: ["availability-zone"] },
      ]);
    }
  });

  it("THEN each endpoint's service name is the one AWS lists, asked for in both spellings (China uses cn.com.amazonaws for some)", async () => {
    const { plan, invokes } = await run(
      { aws: { interfaceEndpoints: ["ecr.api"] } },
      {
        region: "cn-north-1",
        answer: (a) =>
          a.token === "aws:ec2/getVpcEndpointService:getVpcEndpointService" && a.inputs.serviceType === "Interface"
            ? { serviceName: "cn.com.amazonaws.cn-north-1.ecr.api", availabilityZones: ["cn-north-1a", "cn-north-1b"] }
            : undefined,
      },
    );
    const lookups = invokes.filter((i) => i.token === "aws:ec2/getVpcEndpointService:getVpcEndpointService");
    expect(lookups.map((l) => l.inputs)).toContainEqual({
      serviceType: "Interface",
      filters: [{ name: "service-name", values: ["com.amazonaws.cn-north-1.ecr.api", "cn.com.amazonaws.cn-north-1.ecr.api"] }],
    });
    expect(resource(plan, ENDPOINT, "core-ecr-api").inputs.serviceName).toBe("cn.com.amazonaws.cn-north-1.ecr.api");
    expect(resource(plan, ENDPOINT, "core-s3").inputs.serviceName).toBe("com.amazonaws.cn-north-1.s3");
  });

  it("WHEN a service is offered in some zones only THEN its endpoint sits only in those zones' subnets", async () => {
    const { plan } = await run(
      { zones: 3, aws: { interfaceEndpoints: ["sagemaker.runtime", "sts"] } },
      {
        answer: (a) => {
          const names = (a.inputs.filters as { values: string[] }[] | undefined)?.[0]?.values ?? [];
          return names[0]?.endsWith("sagemaker.runtime") ? { serviceName: names[0], availabilityZones: ["eu-west-1b"] } : undefined;
        },
      },
    );
    expect(resource(plan, ENDPOINT, "core-sagemaker-runtime").inputs.subnetIds).toEqual(["core-private-1-id"]);
    expect(resource(plan, ENDPOINT, "core-sts").inputs.subnetIds).toEqual(["core-private-0-id", "core-private-1-id", "core-private-2-id"]);
  });

  it("WHEN a service is offered in none of the network's zones THEN the deployment fails naming it", async () => {
    await expect(
      run(
        { aws: { interfaceEndpoints: ["sts"] } },
        {
          answer: (a) =>
            a.token === "aws:ec2/getVpcEndpointService:getVpcEndpointService" && a.inputs.serviceType === "Interface"
              ? { serviceName: "com.amazonaws.eu-west-1.sts", availabilityZones: ["eu-west-1c"] }
              : undefined,
        },
      ),
    ).rejects.toThrow("the endpoint service sts is offered in none of the network's zones (eu-west-1a, eu-west-1b)");
  });

  it("WHEN nat is none THEN Systems Manager's three endpoints keep the instances manageable", async () => {
    const { plan } = await run({ nat: "none" });
    const names = resourcesOfType(plan, ENDPOINT).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["core-ssm", "core-ssmmessages", "core-ec2messages"]));
    expect(resource(plan, ENDPOINT, "core-ssmmessages").inputs).toMatchObject({ vpcEndpointType: "Interface", privateDnsEnabled: true });
  });

  it("THEN the flow-log key admits CloudWatch Logs for the network's own log group only", async () => {
    const { plan } = await run();
    const group = physicalName("awsScopedLogGroup", ["core", "flow-logs"], { project: "p", stack: "dev" });
    expect(resource(plan, "aws:cloudwatch/logGroup:LogGroup", "core-flow-logs").inputs.name).toBe(group);
    const policy = JSON.parse(String(resource(plan, "aws:kms/key:Key", "core-flow-logs").inputs.policy));
    const logs = policy.Statement.find((s: { Sid: string }) => s.Sid === "CloudWatchLogsEncrypts");
    expect(logs.Condition).toEqual({
      ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [`arn:aws:logs:eu-west-1:123456789012:log-group:${group}`] },
    });
  });

  it("THEN each tier's subnets carry their load balancer role tag: elb on public, internal-elb on private, none on isolated", async () => {
    const { plan } = await run();
    const subnets = resourcesOfType(plan, SUBNET);
    expect(subnets).toHaveLength(6);
    for (const s of subnets) {
      const tier = String((s.inputs.tags as Record<string, string>)["mlops-tier"]) as keyof typeof TIER_TAGS;
      const tags = s.inputs.tags as Record<string, string>;
      expect(tags["kubernetes.io/role/elb"]).toBe(tier === "public" ? "1" : undefined);
      expect(tags["kubernetes.io/role/internal-elb"]).toBe(tier === "private" ? "1" : undefined);
    }
  });
});
