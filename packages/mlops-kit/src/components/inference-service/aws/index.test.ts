import { type Plan, type PlanResource, resource, resourcesOfType, SECRET_PLACEHOLDER, synth } from "@mlops-kit/testing";
import { defaultCall, defaultNewResource } from "@mlops-kit/testing/src/mocks";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { physicalName } from "../../../core/naming";
import { MlopsVpc } from "../../network/component";
import { execStart, parseCloudConfig, systemdWords } from "../boot-fixtures";
import { InferenceService } from "../component";
import type { InferenceServiceArgs } from "../spec";

const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1";
const DEV = { project: "p", stack: "dev" };
const LB_NAME = physicalName("awsLoadBalancer", ["api", "lb"], DEV);
const TG_NAME = physicalName("awsLoadBalancer", ["api", "tg", "8080"], DEV);
const LOG_GROUP = physicalName("awsScopedLogGroup", ["api", "logs"], DEV);
const CPU_AMI = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
const GPU_AMI = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id";
const ASG_ROLE = "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

const T = {
  key: "aws:kms/key:Key",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  asg: "aws:autoscaling/group:Group",
  policy: "aws:autoscaling/policy:Policy",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  tg: "aws:lb/targetGroup:TargetGroup",
  listener: "aws:lb/listener:Listener",
  cert: "aws:acm/certificate:Certificate",
  bucket: "aws:s3/bucket:Bucket",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
} as const;

// The default mocks echo inputs; these add the computed outputs the service reads.
const LB_SUFFIX = "app/api-lb/50dc6c495c0c9188";
const TG_SUFFIX = "targetgroup/api-tg/73e2d6bc24d8a067";
const DNS_NAME = "api-lb-123456789.us-east-1.elb.amazonaws.com";
function newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
  const base = defaultNewResource(args);
  const state: Record<string, unknown> = { ...base.state };
  if (args.type === T.lt) state.latestVersion = 3;
  if (args.type === T.lb) Object.assign(state, { arnSuffix: LB_SUFFIX, dnsName: DNS_NAME });
  if (args.type === T.tg) state.arnSuffix = TG_SUFFIX;
  return { id: base.id, state };
}

/** Regions whose access logs an Elastic Load Balancing account writes (a few of them). */
const ELB_ACCOUNT_REGIONS = new Set(["us-east-1", "us-west-2", "eu-west-1"]);

interface Deployment {
  plan: Plan;
  /** Provider functions the program called, with their arguments. */
  invokes: { token: string; inputs: Record<string, unknown> }[];
}

async function deploy(
  args: Partial<InferenceServiceArgs> = {},
  profile: "dev" | "prod" = "dev",
  { region = "us-east-1" }: { region?: string } = {},
): Promise<Deployment> {
  const invokes: Deployment["invokes"] = [];
  const answer = defaultCall({ "aws:region": region });
  const plan = await synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      const svc = new InferenceService("api", {
        network: vpc.network,
        image: IMAGE,
        compute: { cpu: 2, memoryGiB: 4 },
        loadBalancer: { tls: { domain: "api.example.com" } },
        ...args,
      });
      return { url: svc.url, address: svc.address, loadBalancerId: svc.loadBalancerId, scalingGroupId: svc.scalingGroupId };
    },
    {
      project: "p",
      stack: profile,
      config: { "mlops:cloud": "aws", "mlops:profile": profile, "aws:region": region },
      mocks: {
        newResource,
        call: (a) => {
          invokes.push({ token: a.token, inputs: a.inputs });
          // As the provider does for regions it has no Elastic Load Balancing account for.
          if (a.token === "aws:elb/getServiceAccount:getServiceAccount" && !ELB_ACCOUNT_REGIONS.has(region)) {
            throw new Error(`unsupported AWS Region: ${region}`);
          }
          return answer(a);
        },
      },
    },
  );
  return { plan, invokes };
}

/** The one launch template's user data, whatever its AMI variant (`api-lt`, `api-lt-gpu`, ...). */
const userData = (p: Plan) => {
  const [lt, ...others] = resourcesOfType(p, T.lt);
  if (!lt || others.length > 0) throw new Error("expected exactly one launch template");
  return Buffer.from(String(lt.inputs.userData), "base64").toString("utf8");
};
const UNIT = "/etc/systemd/system/mlops-model.service";
/** The words of the container's `docker run`, as systemd reads them from the user data's unit. */
const dockerRun = (p: Plan) => systemdWords(execStart(parseCloudConfig(userData(p)).file(UNIT)));
const json = (r: PlanResource, field: string) => JSON.parse(String(r.inputs[field]));
const ingressRules = (p: Plan, sgId: string) => resourcesOfType(p, T.ingressRule).filter((r) => r.inputs.securityGroupId === sgId);
const egressRules = (p: Plan, sgId: string) => resourcesOfType(p, T.egressRule).filter((r) => r.inputs.securityGroupId === sgId);
const urnOf = (p: Plan, type: string, name: string) => resource(p, type, name).urn;

/** Every resource `start` waits for, directly or through others. */
function waitsFor(p: Plan, start: PlanResource): PlanResource[] {
  const byUrn = new Map(p.resources.map((r) => [r.urn, r]));
  const seen = new Set<string>();
  const queue = [...start.dependencies];
  while (queue.length > 0) {
    const urn = queue.pop() as string;
    if (seen.has(urn)) continue;
    seen.add(urn);
    queue.push(...(byUrn.get(urn)?.dependencies ?? []));
  }
  return [...seen].map((u) => byUrn.get(u)).filter((r): r is PlanResource => r !== undefined);
}

describe("GIVEN a CPU service with a managed certificate in the dev profile", () => {
  let d: Deployment;
  let p: Plan;
  beforeAll(async () => {
    d = await deploy();
    p = d.plan;
  });

  it("THEN the launch template requires IMDSv2 with a hop limit of 1", () => {
    expect(resource(p, T.lt, "api-lt").inputs.metadataOptions).toEqual({
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
    });
  });

  it("THEN instances get no public IP, only the instance security group, and the catalog's cheapest fit", () => {
    const lt = resource(p, T.lt, "api-lt").inputs;
    expect(lt.networkInterfaces).toEqual([
      { deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: ["api-instance-id"] },
    ]);
    expect(lt.vpcSecurityGroupIds).toBeUndefined();
    expect(lt.instanceType).toBe("t3.medium");
    expect(lt.updateDefaultVersion).toBe(true);
    expect(lt.iamInstanceProfile).toEqual({ arn: "arn:aws:mock:instanceprofile:api-instance" });
  });

  it("THEN the root volume is an encrypted 50 GiB gp3 volume under the service's rotating key", () => {
    expect(resource(p, T.lt, "api-lt").inputs.blockDeviceMappings).toEqual([
      {
        deviceName: "/dev/xvda",
        ebs: { volumeType: "gp3", volumeSize: 50, encrypted: "true", kmsKeyId: "arn:aws:mock:key:api-key", deleteOnTermination: "true" },
      },
    ]);
    expect(resource(p, T.key, "api-key").inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 7 });
  });

  it("THEN the key lets the Auto Scaling service-linked role encrypt volumes and create grants for them", () => {
    const policy = json(resource(p, T.key, "api-key"), "policy");
    const forAsg = policy.Statement.filter((s: { Principal: { AWS?: string } }) => s.Principal.AWS === ASG_ROLE);
    expect(forAsg.map((s: { Action: unknown }) => s.Action)).toEqual([
      [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:DescribeKey",
      ],
      "kms:CreateGrant",
    ]);
    expect(forAsg[1].Condition).toEqual({ Bool: { "kms:GrantIsForAWSResource": true } });
    expect(resource(p, T.asg, "api-asg").inputs.serviceLinkedRoleArn).toBe(ASG_ROLE);
  });

  it("THEN the AMI is the ECS-optimized Amazon Linux 2023 image read from its public SSM parameter", () => {
    const ssm = d.invokes.filter((i) => i.token === "aws:ssm/getParameter:getParameter");
    expect(ssm.map((i) => i.inputs.name)).toEqual([CPU_AMI]);
    expect(resource(p, T.lt, "api-lt").inputs.imageId).toBe("ami-0123456789abcdef0");
  });

  it("THEN the user data is cloud-init that pulls from the image's ECR registry and runs the container as a restarting unit on its port, logging to CloudWatch", () => {
    const config = parseCloudConfig(userData(p));
    expect(config.file("/usr/local/sbin/mlops-prepare")).toContain("dnf install -y amazon-ecr-credential-helper");
    expect(JSON.parse(config.file("/root/.docker/config.json"))).toEqual({
      credHelpers: { "123456789012.dkr.ecr.us-east-1.amazonaws.com": "ecr-login" },
    });
    const unit = config.file(UNIT);
    expect(unit).toContain(`ExecStartPre=/usr/bin/docker pull "${IMAGE}"\n`);
    expect(unit).toContain("Restart=always\n");
    const run = dockerRun(p);
    expect(run).toEqual(
      expect.arrayContaining([
        "--publish=8080:8080",
        "--log-driver=awslogs",
        `--log-opt=awslogs-group=${LOG_GROUP}`,
        "--log-opt=awslogs-region=us-east-1",
      ]),
    );
    expect(run).not.toContain("--gpus=all");
    expect(run.at(-1)).toBe(IMAGE);
  });

  it("THEN container logs go to a log group kept 30 days under the key, which admits CloudWatch Logs of this region", () => {
    expect(resource(p, T.logGroup, "api-logs").inputs).toMatchObject({
      retentionInDays: 30,
      kmsKeyId: "arn:aws:mock:key:api-key",
      deletionProtectionEnabled: false,
    });
    const policy = json(resource(p, T.key, "api-key"), "policy");
    const logs = policy.Statement.find((s: { Sid: string }) => s.Sid === "CloudWatchLogsEncrypts");
    expect(logs.Principal).toEqual({ Service: "logs.us-east-1.amazonaws.com" });
  });

  it("THEN the instance role has no wildcard action, pulls only its repository and writes only its log group", () => {
    const trust = json(resource(p, T.role, "api-instance"), "assumeRolePolicy");
    expect(trust.Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    const statements = json(resource(p, T.rolePolicy, "api-instance"), "policy").Statement as {
      Sid: string;
      Action: string | string[];
      Resource: string;
    }[];
    for (const s of statements) for (const a of [s.Action].flat()) expect(a).not.toMatch(/\*/);
    expect(Object.fromEntries(statements.map((s) => [s.Sid, s.Resource]))).toEqual({
      EcrToken: "*",
      EcrPull: "arn:aws:ecr:us-east-1:123456789012:repository/model",
      ContainerLogs: `arn:aws:mock:loggroup:${LOG_GROUP}:log-stream:*`,
    });
    expect(statements.find((s) => s.Resource === "*")?.Action).toBe("ecr:GetAuthorizationToken");
    expect(resource(p, T.attachment, "api-instance-ssm").inputs.policyArn).toBe("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  });

  it("THEN the instance security group admits the container port from the load balancer's group only, and sends HTTPS out", () => {
    const sg = resource(p, T.sg, "api-instance");
    expect(sg.inputs.ingress).toBeUndefined();
    expect(sg.inputs.egress).toBeUndefined();
    const ingress = ingressRules(p, "api-instance-id");
    expect(ingress.map((r) => r.inputs)).toEqual([
      expect.objectContaining({ referencedSecurityGroupId: "api-lb-id", ipProtocol: "tcp", fromPort: 8080, toPort: 8080 }),
    ]);
    expect(ingress[0]?.inputs.cidrIpv4).toBeUndefined();
    expect(egressRules(p, "api-instance-id").map((r) => r.inputs)).toEqual([
      expect.objectContaining({ cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 }),
    ]);
  });

  it("THEN the load balancer's security group admits only 80 and 443 from the allowed ranges and reaches only the instances", () => {
    const sg = resource(p, T.sg, "api-lb").inputs;
    expect((sg.ingress as Record<string, unknown>[]).map((r) => [r.protocol, r.fromPort, r.toPort, r.cidrBlocks])).toEqual([
      ["tcp", 80, 80, ["0.0.0.0/0"]],
      ["tcp", 443, 443, ["0.0.0.0/0"]],
    ]);
    expect(sg.egress).toEqual([
      expect.objectContaining({ protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: ["api-instance-id"] }),
    ]);
    expect((sg.egress as Record<string, unknown>[])[0]?.cidrBlocks).toBeUndefined();
    expect(ingressRules(p, "api-lb-id")).toEqual([]);
    expect(egressRules(p, "api-lb-id")).toEqual([]);
  });

  it("THEN the ALB is internet-facing in the public subnets, drops invalid headers and is not deletion-protected in dev", () => {
    expect(resource(p, T.lb, "api-lb").inputs).toMatchObject({
      loadBalancerType: "application",
      internal: false,
      subnets: ["core-public-0-id", "core-public-1-id"],
      securityGroups: ["api-lb-id"],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: false,
      // The longer of the idle timeout (60) and the request timeout (300): an ALB has one timeout for both.
      idleTimeout: 300,
      name: LB_NAME,
      // The bucket's name is the provider's auto-name, unknown offline.
      accessLogs: { prefix: "access-logs", enabled: true },
    });
  });

  it("THEN HTTPS on 443 uses the TLS 1.3 policy and the DNS-validated certificate for the domain", () => {
    expect(resource(p, T.listener, "api-https").inputs).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: "arn:aws:mock:certificate:api-cert",
      defaultActions: [{ type: "forward", targetGroupArn: `arn:aws:mock:targetgroup:${TG_NAME}` }],
    });
    expect(resource(p, T.cert, "api-cert").inputs).toMatchObject({ domainName: "api.example.com", validationMethod: "DNS" });
  });

  it("THEN HTTP on 80 answers with a 301 redirect to HTTPS on 443", () => {
    expect(resource(p, T.listener, "api-http").inputs).toMatchObject({
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    expect(resourcesOfType(p, T.listener)).toHaveLength(2);
  });

  it("THEN the access-log bucket blocks public access, enforces bucket ownership, encrypts with SSE-S3 and keeps versions", () => {
    const bucket = resource(p, T.bucket, "api-lb-logs");
    // No explicit name: Pulumi's auto-name (random, kept in state) cannot collide across accounts.
    expect(bucket.inputs.bucket).toBeUndefined();
    // Not retained in dev: `pulumi destroy` empties it.
    expect(bucket.inputs.forceDestroy).toBe(true);
    expect(bucket.retainOnDelete).toBe(false);
    expect(resource(p, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "api-lb-logs").inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(resource(p, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "api-lb-logs").inputs.rule).toEqual({
      objectOwnership: "BucketOwnerEnforced",
    });
    expect(
      resource(p, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "api-lb-logs").inputs.rules,
    ).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    expect(resource(p, "aws:s3/bucketVersioning:BucketVersioning", "api-lb-logs").inputs.versioningConfiguration).toEqual({
      status: "Enabled",
    });
    const rules = resource(p, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "api-lb-logs").inputs.rules as Record<
      string,
      unknown
    >[];
    expect(rules[0]).toMatchObject({ status: "Enabled", expiration: { days: 30 } });
  });

  it("THEN the bucket policy lets only Elastic Load Balancing write logs, under the prefix, and refuses plain HTTP", () => {
    const policy = json(resource(p, T.bucketPolicy, "api-lb-logs"), "policy");
    const bucketArn = "arn:aws:mock:bucket:api-lb-logs";
    const allow = policy.Statement.filter((s: { Effect: string }) => s.Effect === "Allow");
    expect(allow.map((s: { Principal: unknown }) => s.Principal)).toEqual([
      { AWS: "arn:aws:iam::127311923021:root" },
      { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
    ]);
    for (const s of allow) {
      expect(s.Action).toBe("s3:PutObject");
      expect(s.Resource).toBe(`${bucketArn}/access-logs/AWSLogs/123456789012/*`);
    }
    expect(policy.Statement.find((s: { Effect: string }) => s.Effect === "Deny")).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("THEN the ALB is created after the bucket policy, and waits for no NAT gateway, private route or endpoint", () => {
    const alb = resource(p, T.lb, "api-lb");
    expect(alb.dependsOn).toEqual([urnOf(p, T.bucketPolicy, "api-lb-logs")]);
    const upstream = waitsFor(p, alb);
    expect(upstream.map((r) => r.urn)).toContain(urnOf(p, "aws:ec2/route:Route", "core-public-internet"));
    const forbidden = upstream.filter(
      (r) =>
        r.type === "aws:ec2/natGateway:NatGateway" ||
        r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" ||
        (r.type === "aws:ec2/route:Route" && r.name.includes("private")) ||
        (r.type === "aws:ec2/routeTableAssociation:RouteTableAssociation" && r.name.includes("private")),
    );
    expect(forbidden.map((r) => r.name)).toEqual([]);
  });

  it("THEN the group's subnets arrive only once the private tier's NAT routes exist", () => {
    const asg = resource(p, T.asg, "api-asg");
    expect(asg.inputs.vpcZoneIdentifiers).toEqual(["core-private-0-id", "core-private-1-id"]);
    expect(asg.propertyDependencies.vpcZoneIdentifiers).toEqual(
      expect.arrayContaining([
        urnOf(p, "aws:ec2/route:Route", "core-private-0-egress"),
        urnOf(p, "aws:ec2/route:Route", "core-private-1-egress"),
      ]),
    );
  });

  it("THEN the target group checks health over HTTP on the port, round robin, with a 30 s drain and no stickiness", () => {
    expect(resource(p, T.tg, "api-tg").inputs).toEqual(
      expect.objectContaining({
        vpcId: "core-id",
        targetType: "instance",
        protocol: "HTTP",
        port: 8080,
        loadBalancingAlgorithmType: "round_robin",
        deregistrationDelay: 30,
        healthCheck: {
          enabled: true,
          protocol: "HTTP",
          port: "traffic-port",
          path: "/health",
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
          matcher: "200",
        },
        stickiness: { type: "lb_cookie", enabled: false, cookieDuration: 3600 },
      }),
    );
  });

  it("THEN the group replaces instances the ALB finds unhealthy, after the grace period, on a pinned template version", () => {
    const asg = resource(p, T.asg, "api-asg").inputs;
    expect(asg).toMatchObject({
      minSize: 1,
      maxSize: 3,
      healthCheckType: "ELB",
      healthCheckGracePeriod: 300,
      defaultInstanceWarmup: 300,
      targetGroupArns: [`arn:aws:mock:targetgroup:${TG_NAME}`],
      launchTemplate: { id: "api-lt-id", version: "3" },
    });
    expect(asg.mixedInstancesPolicy).toBeUndefined();
    expect(asg.capacityRebalance).toBeUndefined();
  });

  it("THEN a template change rolls the group with a 25% surge, no capacity lost, and no auto rollback (it would redeploy the new version)", () => {
    expect(resource(p, T.asg, "api-asg").inputs.instanceRefresh).toEqual({
      strategy: "Rolling",
      preferences: {
        minHealthyPercentage: 100,
        maxHealthyPercentage: 125,
        instanceWarmup: "300",
        skipMatching: false,
        autoRollback: false,
      },
    });
  });

  it("THEN the group waits for the instance permissions, so the first instances can pull and log", () => {
    expect(resource(p, T.asg, "api-asg").dependsOn).toEqual(
      [urnOf(p, T.rolePolicy, "api-instance"), urnOf(p, T.attachment, "api-instance-ssm")].sort(),
    );
  });

  it("THEN it scales on average CPU at 50% and not on request count", () => {
    const policies = resourcesOfType(p, T.policy);
    expect(policies.map((r) => r.name)).toEqual(["api-cpu"]);
    // The group's default warm-up (the grace period) applies, not a shorter one of the policy's.
    expect(policies[0]?.inputs.estimatedInstanceWarmup).toBeUndefined();
    expect(policies[0]?.inputs).toMatchObject({
      autoscalingGroupName: "api-asg",
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        targetValue: 50,
        disableScaleIn: false,
      },
    });
  });

  it("THEN the service answers at https://<domain> and reports the ALB and the group", () => {
    expect(p.outputs).toEqual({
      url: "https://api.example.com",
      address: DNS_NAME,
      loadBalancerId: `arn:aws:mock:loadbalancer:${LB_NAME}`,
      scalingGroupId: "api-asg",
    });
  });

  it("THEN every resource is a child of the component and every taggable one carries the default tags", () => {
    const component = resource(p, "mlops:index:InferenceService", "api");
    const own = p.resources.filter((r) => r.parent === component.urn);
    expect(own.length).toBeGreaterThan(20);
    expect(p.resources.filter((r) => r.name.startsWith("api-") && r.parent !== component.urn).map((r) => r.name)).toEqual([]);
    for (const r of own.filter((x) => "tags" in x.inputs)) {
      const tags =
        r.type === T.asg
          ? Object.fromEntries((r.inputs.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]))
          : r.inputs.tags;
      expect(tags, r.name).toMatchObject({ "managed-by": "mlops-kit", "mlops-component": "InferenceService", "mlops-name": "api" });
    }
    for (const t of resource(p, T.asg, "api-asg").inputs.tags as { propagateAtLaunch: boolean }[]) expect(t.propagateAtLaunch).toBe(true);
  });
});

describe("GIVEN the prod profile", () => {
  let p: Plan;
  beforeAll(async () => {
    p = (await deploy({}, "prod")).plan;
  });

  it("THEN the ALB is deletion-protected", () => {
    expect(resource(p, T.lb, "api-lb").inputs.enableDeletionProtection).toBe(true);
  });

  it("THEN the access logs, their bucket settings, the container logs and their key outlive the stack", () => {
    for (const r of p.resources.filter((x) => x.name === "api-lb-logs")) expect(r.retainOnDelete, r.type).toBe(true);
    expect(resourcesOfType(p, T.bucket)).toHaveLength(1);
    expect(resource(p, T.logGroup, "api-logs").retainOnDelete).toBe(true);
    expect(resource(p, T.logGroup, "api-logs").inputs).toMatchObject({ retentionInDays: 365, deletionProtectionEnabled: true });
    expect(resource(p, T.key, "api-key").retainOnDelete).toBe(true);
    expect(resource(p, T.key, "api-key").inputs.deletionWindowInDays).toBe(30);
    const rules = resource(p, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "api-lb-logs").inputs.rules as {
      expiration: unknown;
    }[];
    expect(rules[0]?.expiration).toEqual({ days: 365 });
  });

  it("THEN the group keeps 2 to 10 instances", () => {
    expect(resource(p, T.asg, "api-asg").inputs).toMatchObject({ minSize: 2, maxSize: 10 });
  });
});

describe("GIVEN a T4 GPU", () => {
  let d: Deployment;
  beforeAll(async () => {
    d = await deploy({ compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } } });
  });

  it("THEN it runs on g4dn.xlarge from the GPU AMI parameter, with a 200 GiB disk", () => {
    const lt = resource(d.plan, T.lt, "api-lt-gpu").inputs;
    expect(lt.instanceType).toBe("g4dn.xlarge");
    expect(d.invokes.filter((i) => i.token === "aws:ssm/getParameter:getParameter").map((i) => i.inputs.name)).toEqual([GPU_AMI]);
    expect((lt.blockDeviceMappings as { ebs: { volumeSize: number } }[])[0]?.ebs.volumeSize).toBe(200);
  });

  it("THEN the container gets every GPU and the group a 600 s grace period to load the model", () => {
    expect(dockerRun(d.plan)).toContain("--gpus=all");
    expect(resource(d.plan, T.asg, "api-asg").inputs.healthCheckGracePeriod).toBe(600);
  });
});

describe("GIVEN spot capacity", () => {
  it("WHEN in prod THEN a mixed instances policy keeps one on-demand instance and fills the rest with spot, over the catalog's equivalents", async () => {
    const { plan: p } = await deploy({ spot: { enabled: true } }, "prod");
    const asg = resource(p, T.asg, "api-asg").inputs;
    expect(asg.launchTemplate).toBeUndefined();
    expect(asg.capacityRebalance).toBe(true);
    expect(asg.mixedInstancesPolicy).toEqual({
      instancesDistribution: {
        onDemandBaseCapacity: 1,
        onDemandPercentageAboveBaseCapacity: 0,
        spotAllocationStrategy: "price-capacity-optimized",
      },
      launchTemplate: {
        launchTemplateSpecification: { launchTemplateId: "api-lt-id", version: "3" },
        // The chosen type first, then each catalog type that fits at up to twice its price.
        overrides: [{ instanceType: "t3.medium" }, { instanceType: "t3.large" }],
      },
    });
  });
});

describe("GIVEN a target of requests per instance", () => {
  it("THEN a second target-tracking policy follows the ALB's request count for this target group, once the listener routes to it", async () => {
    const { plan: p } = await deploy({ scaling: { targetRequestsPerInstance: 1000 } });
    const policy = resource(p, T.policy, "api-requests");
    expect(policy.inputs.targetTrackingConfiguration).toEqual({
      predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: `${LB_SUFFIX}/${TG_SUFFIX}` },
      targetValue: 1000,
      disableScaleIn: false,
    });
    expect(policy.dependsOn).toEqual([urnOf(p, T.listener, "api-https")]);
  });
});

describe("GIVEN TLS off in dev", () => {
  let p: Plan;
  beforeAll(async () => {
    p = (await deploy({ loadBalancer: { tls: { enabled: false } } })).plan;
  });

  it("THEN one plain HTTP listener on 80 forwards to the target group, with no certificate", () => {
    expect(resourcesOfType(p, T.listener).map((r) => r.inputs)).toEqual([
      expect.objectContaining({
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "forward", targetGroupArn: `arn:aws:mock:targetgroup:${TG_NAME}` }],
      }),
    ]);
    expect(resourcesOfType(p, T.cert)).toEqual([]);
  });

  it("THEN only port 80 is open, and the URL is http://<ALB>", () => {
    expect((resource(p, T.sg, "api-lb").inputs.ingress as { fromPort: number }[]).map((r) => r.fromPort)).toEqual([80]);
    expect(p.outputs.url).toBe(`http://${DNS_NAME}`);
  });
});

describe("GIVEN switches", () => {
  it("GIVEN an existing certificate THEN the HTTPS listener uses it and no certificate is requested", async () => {
    const arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c";
    const { plan: p } = await deploy({ loadBalancer: { tls: { certificateId: arn } } });
    expect(resource(p, T.listener, "api-https").inputs.certificateArn).toBe(arn);
    expect(resourcesOfType(p, T.cert)).toEqual([]);
    expect(p.outputs.url).toBe(`https://${DNS_NAME}`);
  });

  it("GIVEN an internal scheme THEN the ALB sits in the private subnets, admitting the network's range", async () => {
    const { plan: p } = await deploy({ loadBalancer: { scheme: "internal", tls: { domain: "api.example.com" } } });
    expect(resource(p, T.lb, "api-lb").inputs).toMatchObject({ internal: true, subnets: ["core-private-0-id", "core-private-1-id"] });
    for (const rule of resource(p, T.sg, "api-lb").inputs.ingress as { cidrBlocks: string[] }[])
      expect(rule.cidrBlocks).toEqual(["10.0.0.0/16"]);
  });

  it("GIVEN access logs off THEN no bucket, no access logs on the ALB, and nothing it must wait for", async () => {
    const { plan: p } = await deploy({ loadBalancer: { accessLogs: { enabled: false }, tls: { domain: "api.example.com" } } });
    expect(p.resources.filter((r) => r.type.startsWith("aws:s3/"))).toEqual([]);
    expect(resource(p, T.lb, "api-lb").inputs.accessLogs).toBeUndefined();
    expect(resource(p, T.lb, "api-lb").dependsOn).toEqual([]);
  });

  it("GIVEN least-requests balancing and stickiness THEN the target group uses them", async () => {
    const { plan: p } = await deploy({
      loadBalancer: { algorithm: "leastRequests", stickiness: { enabled: true, durationSeconds: 600 }, tls: { domain: "api.example.com" } },
    });
    expect(resource(p, T.tg, "api-tg").inputs).toMatchObject({
      loadBalancingAlgorithmType: "least_outstanding_requests",
      stickiness: { type: "lb_cookie", enabled: true, cookieDuration: 600 },
    });
  });

  it("GIVEN a command, args and env THEN the entrypoint, its words and an env file reach docker run, exactly", async () => {
    const { plan: p } = await deploy({
      command: ["python", "-m", "server"],
      args: ["--name", "it's"],
      env: { MODEL_NAME: "bert base", THREADS: "4" },
    });
    expect(parseCloudConfig(userData(p)).file("/etc/mlops/model.env")).toBe("MODEL_NAME=bert base\nTHREADS=4\n");
    const run = dockerRun(p);
    expect(run).toContain("--env-file=/etc/mlops/model.env");
    expect(run.slice(-7)).toEqual(["--entrypoint", "python", IMAGE, "-m", "server", "--name", "it's"]);
  });

  it("GIVEN a secret env value THEN the user data is secret in the plan", async () => {
    const { plan: p } = await deploy({ env: { API_TOKEN: pulumi.secret("s3cr3t") } });
    expect(resource(p, T.lt, "api-lt").inputs.userData).toBe(SECRET_PLACEHOLDER);
    expect(JSON.stringify(p)).not.toContain("s3cr3t");
  });

  it("GIVEN an image in ECR Public THEN the role gets no ECR permission and the instances no credential helper", async () => {
    const { plan: p } = await deploy({ image: "public.ecr.aws/acme/model:1" });
    const statements = json(resource(p, T.rolePolicy, "api-instance"), "policy").Statement as { Sid: string }[];
    expect(statements.map((s) => s.Sid)).toEqual(["ContainerLogs"]);
    expect(userData(p)).not.toContain("credHelpers");
    expect(parseCloudConfig(userData(p)).file(UNIT)).toContain('ExecStartPre=/usr/bin/docker pull "public.ecr.aws/acme/model:1"\n');
  });

  it("GIVEN an image in a registry the instances hold no credentials for THEN it is refused before anything registers", async () => {
    await expect(deploy({ image: "ghcr.io/acme/model:1" })).rejects.toThrow(
      'InferenceService "api": image ("ghcr.io/acme/model:1") is not in ECR: the instances hold credentials for ECR only.',
    );
  });

  it("GIVEN a region opened after August 2022 THEN the log delivery service alone may write the access logs", async () => {
    const { plan: p } = await deploy({}, "dev", { region: "ap-southeast-4" });
    const policy = json(resource(p, T.bucketPolicy, "api-lb-logs"), "policy");
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["ElbServiceDeliversAccessLogs", "DenyInsecureTransport"]);
    expect(json(resource(p, T.key, "api-key"), "policy").Statement[3].Principal).toEqual({ Service: "logs.ap-southeast-4.amazonaws.com" });
  });

  it("GIVEN a multi-line env value THEN the deployment fails naming the variable", async () => {
    await expect(deploy({ env: { PEM: "line1\nline2" } })).rejects.toThrow(
      'InferenceService "api": env.PEM ("line1\\nline2") must be a single line (no line breaks or NUL)',
    );
  });

  it("GIVEN an image that is no image reference THEN the deployment fails naming the field", async () => {
    await expect(deploy({ image: "my model" })).rejects.toThrow(
      'InferenceService "api": image ("my model") must be a container image reference',
    );
  });

  it("GIVEN a surge and unavailability within 100 points THEN the refresh keeps between 100 - unavailable and 100 + surge percent healthy", async () => {
    const { plan: p } = await deploy({ rollout: { maxSurgePercent: 60, maxUnavailablePercent: 40 } });
    const prefs = (resource(p, T.asg, "api-asg").inputs.instanceRefresh as { preferences: Record<string, number> }).preferences;
    expect([prefs.minHealthyPercentage, prefs.maxHealthyPercentage]).toEqual([60, 160]);
  });

  it("GIVEN overrides by role THEN they land in those resources' inputs, over ours", async () => {
    const { plan: p } = await deploy({
      aws: {
        overrides: {
          launchTemplate: { ebsOptimized: "true" },
          loadBalancer: { idleTimeout: 900 },
          targetGroup: { slowStart: 60 },
          autoScalingGroup: { maxInstanceLifetime: 604800 },
          logGroup: { retentionInDays: 90 },
        },
      },
    });
    expect(resource(p, T.lt, "api-lt").inputs.ebsOptimized).toBe("true");
    expect(resource(p, T.lb, "api-lb").inputs.idleTimeout).toBe(900);
    expect(resource(p, T.tg, "api-tg").inputs.slowStart).toBe(60);
    expect(resource(p, T.asg, "api-asg").inputs.maxInstanceLifetime).toBe(604800);
    expect(resource(p, T.logGroup, "api-logs").inputs.retentionInDays).toBe(90);
  });
});
