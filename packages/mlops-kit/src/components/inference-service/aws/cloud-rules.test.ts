import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { defaultCall } from "@mlops-kit/testing/src/mocks";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { componentNameProblem, NAME_RULES } from "../../../core/naming";
import { MlopsVpc } from "../../network/component";
import type { MlopsVpcArgs } from "../../network/spec";
import { InferenceService } from "../component";
import type { InferenceServiceArgs } from "../spec";
import { COUNTED_RULES, MANAGED_RULE_GROUPS } from "./waf";

// What a real account checks and mocks do not: names, zones, disks, AMIs, registries, WAF, DNS.

const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1";
const T = {
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  policy: "aws:autoscaling/policy:Policy",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  tg: "aws:lb/targetGroup:TargetGroup",
  listener: "aws:lb/listener:Listener",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  association: "aws:wafv2/webAclAssociation:WebAclAssociation",
  ipSet: "aws:wafv2/ipSet:IpSet",
  record: "aws:route53/record:Record",
  validation: "aws:acm/certificateValidation:CertificateValidation",
} as const;

interface Run {
  plan: Plan;
  invokes: { token: string; inputs: Record<string, unknown> }[];
}

async function run(
  args: Partial<InferenceServiceArgs> = {},
  { profile = "dev", network = {}, name = "api" }: { profile?: string; network?: MlopsVpcArgs; name?: string } = {},
): Promise<Run> {
  const invokes: Run["invokes"] = [];
  const config = { "mlops:cloud": "aws", "mlops:profile": profile, "aws:region": "us-east-1" };
  const answer = defaultCall(config);
  const plan = await synth(
    () => {
      const vpc = new MlopsVpc("core", network);
      new InferenceService(name, {
        network: vpc.network,
        image: IMAGE,
        compute: { cpu: 2, memoryGiB: 4 },
        loadBalancer: { tls: { domain: "api.example.com" } },
        ...args,
      });
    },
    {
      project: "p",
      stack: profile,
      config,
      mocks: {
        call: (a) => {
          invokes.push({ token: a.token, inputs: a.inputs });
          return answer(a);
        },
      },
    },
  );
  return { plan, invokes };
}

const amiLookups = (r: Run) => r.invokes.filter((i) => i.token === "aws:ssm/getParameter:getParameter").map((i) => String(i.inputs.name));

describe("GIVEN the network", () => {
  it("WHEN it spans one zone THEN the service is refused before anything registers: an ALB needs two", async () => {
    await expect(run({}, { network: { zones: 1 } })).rejects.toThrow(
      'InferenceService "api": network spans 1 zone; an Application Load Balancer needs subnets in at least 2 zones',
    );
  });

  it("WHEN it has no NAT THEN an image outside private ECR is refused, even ECR Public, and ECR is accepted", async () => {
    await expect(run({ image: "public.ecr.aws/acme/model:1" }, { network: { nat: "none" } })).rejects.toThrow(
      'InferenceService "api": image ("public.ecr.aws/acme/model:1") is not in a private ECR repository, and the network has no NAT',
    );
    const ok = await run({}, { network: { nat: "none" } });
    expect(resourcesOfType(ok.plan, T.lt)).toHaveLength(1);
  });
});

describe("GIVEN the instances", () => {
  it("WHEN diskGiB is below 30 THEN it is refused: the ECS-optimized AMIs have a 30 GiB root snapshot", async () => {
    await expect(run({ diskGiB: 20 })).rejects.toThrow('InferenceService "api": diskGiB (20) must be >= 30 on aws');
    const ok = await run({ diskGiB: 30 });
    expect((resource(ok.plan, T.lt, "api-lt").inputs.blockDeviceMappings as { ebs: { volumeSize: number } }[])[0]?.ebs.volumeSize).toBe(30);
  });

  it("WHEN the type is Graviton THEN the arm64 AMI is read; x86 types read the x86 one", async () => {
    expect(amiLookups(await run({ aws: { instanceType: "m7g.large" } }))).toEqual([
      "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
    ]);
    expect(amiLookups(await run())).toEqual(["/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"]);
  });

  it("WHEN the AMI is pinned and the service gains a GPU or a Graviton type THEN its launch template is another resource, which starts from that variant's AMI", async () => {
    // Pulumi keeps an ignored property's old value on every update of the same resource: with one
    // template, the CPU AMI kept in state would boot the GPU instances without their driver.
    const names = async (args: Partial<InferenceServiceArgs>) => {
      const r = await run(args);
      const lt = resourcesOfType(r.plan, T.lt);
      expect(lt).toHaveLength(1);
      expect(lt[0]?.inputs.tags).toMatchObject({ Name: lt[0]?.name });
      return { name: lt[0]?.name, amis: amiLookups(r) };
    };
    expect(await names({})).toEqual({ name: "api-lt", amis: [expect.stringMatching(/amazon-linux-2023\/recommended\//)] });
    expect(await names({ compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } } })).toEqual({
      name: "api-lt-gpu",
      amis: [expect.stringMatching(/\/gpu\//)],
    });
    expect(await names({ aws: { instanceType: "m7g.large" } })).toEqual({
      name: "api-lt-arm64",
      amis: [expect.stringMatching(/\/arm64\//)],
    });
  });

  it("WHEN the type is a Graviton GPU type THEN it is refused: Amazon Linux 2023 has no arm64 ECS GPU AMI", async () => {
    await expect(run({ compute: { cpu: 4, memoryGiB: 8, gpu: { type: "t4" } }, aws: { instanceType: "g5g.xlarge" } })).rejects.toThrow(
      "aws.instanceType (g5g.xlarge) is an arm64 (Graviton) GPU type",
    );
  });

  it("WHEN aws.amiId is set THEN the template runs it and no parameter is read", async () => {
    const r = await run({ aws: { amiId: "ami-0abcdef1234567890" } });
    expect(resource(r.plan, T.lt, "api-lt").inputs.imageId).toBe("ami-0abcdef1234567890");
    expect(amiLookups(r)).toEqual([]);
  });

  it("WHEN there is a GPU THEN the group scales on requests (60 a minute per instance by default), not on CPU", async () => {
    const { plan } = await run({ compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } } });
    const policies = resourcesOfType(plan, T.policy);
    expect(policies.map((p) => p.name)).toEqual(["api-requests"]);
    expect(policies[0]?.inputs.targetTrackingConfiguration).toMatchObject({
      predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget" },
      targetValue: 60,
    });
  });

  it("WHEN autoRollback is asked for THEN the refresh rolls back", async () => {
    const { plan } = await run({ rollout: { autoRollback: true } });
    const refresh = resource(plan, "aws:autoscaling/group:Group", "api-asg").inputs.instanceRefresh as {
      preferences: { autoRollback: boolean };
    };
    expect(refresh.preferences.autoRollback).toBe(true);
  });

  it("WHEN the health check has its own path THEN the target group checks that path", async () => {
    const { plan } = await run({ healthCheck: { path: "/v1/models/ready" } });
    expect((resource(plan, T.tg, "api-tg").inputs.healthCheck as { path: string }).path).toBe("/v1/models/ready");
  });
});

describe("GIVEN the load balancer", () => {
  it("WHEN the idle timeout is longer than the request timeout THEN the ALB's one timeout is the longer", async () => {
    const { plan } = await run({
      loadBalancer: { tls: { domain: "api.example.com" }, idleTimeoutSeconds: 120, requestTimeoutSeconds: 30 },
    });
    expect(resource(plan, T.lb, "api-lb").inputs.idleTimeout).toBe(120);
  });

  it("THEN by default a regional web ACL with AWS managed rule groups blocks on the ALB, and large request bodies only count", async () => {
    const { plan } = await run();
    const acl = resource(plan, T.webAcl, "api-waf").inputs;
    expect(acl).toMatchObject({ scope: "REGIONAL", defaultAction: { allow: {} } });
    const rules = acl.rules as {
      name: string;
      overrideAction: unknown;
      statement: { managedRuleGroupStatement: { ruleActionOverrides: { name: string }[] } };
    }[];
    expect(rules.map((r) => r.name)).toEqual([...MANAGED_RULE_GROUPS]);
    for (const r of rules) expect(r.overrideAction).toEqual({ none: {} });
    expect(rules[0]?.statement.managedRuleGroupStatement.ruleActionOverrides.map((o) => o.name)).toEqual(
      COUNTED_RULES.AWSManagedRulesCommonRuleSet,
    );
    expect(resource(plan, T.association, "api-waf").inputs.resourceArn).toBe(
      `arn:aws:mock:loadbalancer:${String(resource(plan, T.lb, "api-lb").inputs.name)}`,
    );
  });

  it("WHEN the WAF is in detection mode THEN the managed rules count instead of blocking; WHEN off THEN no web ACL", async () => {
    const detection = await run({ loadBalancer: { tls: { domain: "api.example.com" }, waf: { mode: "detection" } } });
    const rules = resource(detection.plan, T.webAcl, "api-waf").inputs.rules as { overrideAction: unknown }[];
    expect(rules.length).toBe(MANAGED_RULE_GROUPS.length);
    for (const r of rules) expect(r.overrideAction).toEqual({ count: {} });
    const off = await run({ loadBalancer: { tls: { domain: "api.example.com" }, waf: { enabled: false } } });
    expect(resourcesOfType(off.plan, T.webAcl)).toEqual([]);
  });

  it("WHEN the allow-list outgrows a security group THEN the web ACL's IP set holds it and the group admits everyone on 80/443", async () => {
    const allowedCidrs = Array.from({ length: 40 }, (_, i) => `10.${i}.0.0/16`);
    const { plan } = await run({ loadBalancer: { tls: { domain: "api.example.com" }, allowedCidrs } });
    expect(resource(plan, T.ipSet, "api-allowed").inputs.addresses).toEqual(allowedCidrs);
    const rules = resource(plan, T.webAcl, "api-waf").inputs.rules as { name: string; action?: unknown }[];
    expect(rules[0]).toMatchObject({ name: "allowed-client-ranges", action: { block: {} } });
    // A not-statement negates exactly one statement: `statement`, as the SDK types it (not a list).
    expect((rules[0] as { statement?: unknown }).statement).toEqual({
      notStatement: { statement: { ipSetReferenceStatement: { arn: expect.any(String) } } },
    });
    for (const rule of resource(plan, T.sg, "api-lb").inputs.ingress as { cidrBlocks: string[] }[]) {
      expect(rule.cidrBlocks).toEqual(["0.0.0.0/0"]);
    }
    await expect(run({ loadBalancer: { tls: { domain: "api.example.com" }, allowedCidrs, waf: { enabled: false } } })).rejects.toThrow(
      "loadBalancer.allowedCidrs (40 ranges on 2 ports) needs more than the 60 inbound rules a security group holds",
    );
  });

  it("WHEN a Route 53 zone is given THEN the certificate is validated there and awaited, and the domain aliases the ALB", async () => {
    const { plan } = await run({ aws: { hostedZoneId: "Z0123456789ABC" } });
    expect(resource(plan, T.record, "api-cert-validation").inputs).toMatchObject({ zoneId: "Z0123456789ABC", allowOverwrite: true });
    expect(resource(plan, T.validation, "api-cert").inputs.certificateArn).toBe("arn:aws:mock:certificate:api-cert");
    expect(resource(plan, T.record, "api-domain").inputs).toMatchObject({ zoneId: "Z0123456789ABC", name: "api.example.com", type: "A" });
    const https = resource(plan, T.listener, "api-https");
    expect(https.propertyDependencies.certificateArn).toEqual([resource(plan, T.validation, "api-cert").urn]);
  });

  it("WHEN a Route 53 zone is given without a domain THEN it is refused", async () => {
    await expect(
      run({ loadBalancer: { tls: { certificateId: "arn:aws:acm:us-east-1:1:certificate/x" } }, aws: { hostedZoneId: "Z1" } }),
    ).rejects.toThrow(/aws\.hostedZoneId .*validates the certificate of loadBalancer\.tls\.domain/);
  });

  it("WHEN in prod THEN the access-log bucket is kept and not force-destroyed", async () => {
    const { plan } = await run({}, { profile: "prod" });
    const bucket = resource(plan, "aws:s3/bucket:Bucket", "api-lb-logs");
    expect(bucket.inputs.forceDestroy).toBe(false);
    expect(bucket.retainOnDelete).toBe(true);
  });
});

/** Every AWS type the two components create that takes tags. */
const TAGGABLE = [
  "aws:kms/key:Key",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:iam/role:Role",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:lb/targetGroup:TargetGroup",
  "aws:lb/listener:Listener",
  "aws:acm/certificate:Certificate",
  "aws:s3/bucket:Bucket",
  "aws:wafv2/webAcl:WebAcl",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/eip:Eip",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/flowLog:FlowLog",
];

describe("GIVEN tags", () => {
  it("THEN every resource of every taggable type carries the default tags, the instance profile included", async () => {
    const { plan } = await run();
    const present = new Set(plan.resources.map((r) => r.type));
    for (const type of TAGGABLE) expect(present.has(type), type).toBe(true);
    const taggable = plan.resources.filter((r) => TAGGABLE.includes(r.type));
    expect(taggable.length).toBeGreaterThan(30);
    for (const r of taggable) expect(r.inputs.tags, `${r.type} ${r.name}`).toMatchObject({ "managed-by": "mlops-kit" });
    // The Auto Scaling group tags through its own list, propagated to the instances.
    const asgTags = resource(plan, "aws:autoscaling/group:Group", "api-asg").inputs.tags as { key: string; propagateAtLaunch: boolean }[];
    expect(asgTags).toContainEqual({ key: "managed-by", value: "mlops-kit", propagateAtLaunch: true });
  });
});

/** Physical-name limits of the AWS types the components name, explicitly or through Pulumi's auto-name. */
const NAME_LIMITS: Record<string, { prop: string; max: number; pattern: RegExp }> = {
  "aws:lb/loadBalancer:LoadBalancer": { prop: "name", max: 32, pattern: NAME_RULES.awsLoadBalancer.pattern },
  "aws:lb/targetGroup:TargetGroup": { prop: "name", max: 32, pattern: NAME_RULES.awsLoadBalancer.pattern },
  "aws:s3/bucket:Bucket": { prop: "bucket", max: 63, pattern: NAME_RULES.awsS3Bucket.pattern },
  "aws:iam/role:Role": { prop: "name", max: 64, pattern: /^[\w+=,.@-]+$/ },
  "aws:iam/instanceProfile:InstanceProfile": { prop: "name", max: 128, pattern: /^[\w+=,.@-]+$/ },
  "aws:iam/rolePolicy:RolePolicy": { prop: "name", max: 128, pattern: /^[\w+=,.@-]+$/ },
  "aws:cloudwatch/logGroup:LogGroup": { prop: "name", max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/ },
  "aws:ec2/launchTemplate:LaunchTemplate": { prop: "name", max: 128, pattern: /^[a-zA-Z0-9().\-/_]{3,}$/ },
  "aws:ec2/securityGroup:SecurityGroup": { prop: "name", max: 255, pattern: /^[\x20-\x7e]+$/ },
  "aws:autoscaling/group:Group": { prop: "name", max: 255, pattern: /^[\x20-\x7e]+$/ },
  "aws:autoscaling/policy:Policy": { prop: "name", max: 255, pattern: /^[\x20-\x7e]+$/ },
  "aws:wafv2/webAcl:WebAcl": { prop: "name", max: 128, pattern: /^[\w-]+$/ },
  "aws:wafv2/ipSet:IpSet": { prop: "name", max: 128, pattern: /^[\w-]+$/ },
};

/** The name AWS sees: the explicit one, or Pulumi's auto-name (`<resource name>-` + 7 characters). */
const physical = (r: Plan["resources"][number], prop: string) => {
  const explicit = r.inputs[prop];
  return typeof explicit === "string" ? explicit : `${r.name}-a1b2c3d`;
};

describe("GIVEN any accepted component name", () => {
  const names = fc.oneof(
    fc.constantFrom("a", "internal-api", "x".repeat(40), `a${"-b".repeat(19)}c`.slice(0, 40)),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/),
  );
  it("THEN every AWS physical name of the network and the service is valid for its type", async () => {
    await fc.assert(
      fc.asyncProperty(
        names.filter((n) => componentNameProblem(n) === undefined),
        async (name) => {
          // Interface endpoints listed, so the endpoint security group (named) is in the plan too.
          const { plan } = await run({}, { name, network: { aws: { interfaceEndpoints: ["ecr.api"] } } });
          const named = plan.resources.filter((r) => NAME_LIMITS[r.type]);
          expect(named.length).toBeGreaterThanOrEqual(17);
          for (const r of named) {
            const limit = NAME_LIMITS[r.type] as (typeof NAME_LIMITS)[string];
            const n = physical(r, limit.prop);
            expect(n.length, `${r.type} ${n}`).toBeLessThanOrEqual(limit.max);
            expect(n, r.type).toMatch(limit.pattern);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("GIVEN a network known only once it resolves (a stack reference)", () => {
  it("WHEN it spans one zone THEN the deployment fails naming the network", async () => {
    const config = { "mlops:cloud": "aws", "mlops:profile": "dev", "aws:region": "us-east-1" };
    const { output } = await import("@pulumi/pulumi");
    await expect(
      synth(
        () => {
          new InferenceService("api", {
            network: output({
              cloud: "aws" as const,
              name: "remote",
              networkId: "vpc-1",
              cidr: "10.0.0.0/16",
              region: "us-east-1",
              zones: ["us-east-1a"],
              publicSubnetIds: ["subnet-1"],
              privateSubnetIds: ["subnet-2"],
              isolatedSubnetIds: ["subnet-3"],
              reservedCidr: "10.0.224.0/19",
            }),
            image: IMAGE,
            compute: { cpu: 2, memoryGiB: 4 },
            loadBalancer: { tls: { domain: "api.example.com" } },
          });
        },
        { project: "p", stack: "dev", config },
      ),
    ).rejects.toThrow("network spans 1 zone");
  });
});
