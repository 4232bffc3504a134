import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { SecurityGroup } from "@pulumi/aws/ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { MlopsVpc } from "../component";
import { DEFAULT_INTERFACE_ENDPOINTS, type MlopsVpcArgs } from "../spec";

const config = (profile = "dev") => ({ "mlops:cloud": "aws", "mlops:profile": profile, "aws:region": "eu-west-1" });
const plan = (args: MlopsVpcArgs = {}, profile = "dev") =>
  synth(
    () => {
      new MlopsVpc("core", args);
    },
    { project: "p", stack: profile, config: config(profile) },
  );

const V = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const NAT = "aws:ec2/natGateway:NatGateway";
const ROUTE = "aws:ec2/route:Route";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

describe("MlopsVpc on AWS, dev profile", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await plan();
  });

  it("THEN the VPC has DNS support and hostnames (interface endpoints need both)", () => {
    expect(resource(p, V, "core").inputs).toMatchObject({ cidrBlock: "10.0.0.0/16", enableDnsSupport: true, enableDnsHostnames: true });
  });

  it("THEN no subnet, public ones included, hands out public IPs", () => {
    const subnets = resourcesOfType(p, SUBNET);
    expect(subnets).toHaveLength(6);
    for (const s of subnets) expect(s.inputs.mapPublicIpOnLaunch).toBe(false);
  });

  it("THEN subnets sit in the planned CIDRs and distinct zones", () => {
    expect(resource(p, SUBNET, "core-private-1").inputs).toMatchObject({ cidrBlock: "10.0.16.0/20", availabilityZone: "eu-west-1b" });
    expect(resource(p, SUBNET, "core-public-0").inputs.tags).toMatchObject({ "mlops-tier": "public", "kubernetes.io/role/elb": "1" });
  });

  it("THEN the default security group is adopted with no rules", () => {
    const sg = resource(p, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "core-default");
    expect(sg.inputs.ingress).toBeUndefined();
    expect(sg.inputs.egress).toBeUndefined();
  });

  it("THEN one NAT gateway in public zone 0, after the internet gateway, and both private zones route through it", () => {
    const nats = resourcesOfType(p, NAT);
    expect(nats.map((n) => n.name)).toEqual(["core-nat-0"]);
    expect(nats[0]?.inputs.subnetId).toBe("core-public-0-id");
    expect(nats[0]?.dependsOn).toEqual([resource(p, "aws:ec2/internetGateway:InternetGateway", "core-igw").urn]);
    for (const i of [0, 1]) expect(resource(p, ROUTE, `core-private-${i}-egress`).inputs.natGatewayId).toBe("core-nat-0-id");
  });

  it("THEN only the public route table routes to the internet gateway, and the isolated tier has no default route", () => {
    const defaults = resourcesOfType(p, ROUTE).filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0");
    expect(defaults.filter((r) => r.inputs.gatewayId).map((r) => r.inputs.routeTableId)).toEqual(["core-public-id"]);
    expect(defaults.map((r) => r.inputs.routeTableId)).not.toContain("core-isolated-id");
  });

  it("THEN an S3 gateway endpoint serves the private and isolated route tables", () => {
    const s3 = resource(p, ENDPOINT, "core-s3");
    expect(s3.inputs).toMatchObject({ vpcEndpointType: "Gateway", serviceName: "com.amazonaws.eu-west-1.s3" });
    expect(s3.inputs.routeTableIds).toEqual(["core-private-0-id", "core-private-1-id", "core-isolated-id"]);
  });

  it("THEN no interface endpoint is made (the APIs are reached through the NAT gateway) and no endpoint security group", () => {
    expect(resourcesOfType(p, ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface")).toEqual([]);
    expect(resourcesOfType(p, "aws:ec2/securityGroup:SecurityGroup").map((g) => g.name)).not.toContain("core-endpoints");
  });
});

describe("MlopsVpc on AWS, dev profile with the prod interface endpoints", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await plan({ aws: { interfaceEndpoints: [...DEFAULT_INTERFACE_ENDPOINTS] } });
  });

  it("THEN interface endpoints for ECR, SageMaker, STS, Logs and KMS use private DNS in the private subnets", () => {
    const services = resourcesOfType(p, ENDPOINT)
      .filter((e) => e.inputs.vpcEndpointType === "Interface")
      .map((e) => String(e.inputs.serviceName).replace("com.amazonaws.eu-west-1.", ""));
    expect(services.sort()).toEqual(["ecr.api", "ecr.dkr", "kms", "logs", "sagemaker.api", "sagemaker.runtime", "sts"]);
    expect(resource(p, ENDPOINT, "core-ecr-dkr").inputs).toMatchObject({
      privateDnsEnabled: true,
      subnetIds: ["core-private-0-id", "core-private-1-id"],
      securityGroupIds: ["core-endpoints-id"],
    });
  });

  it("THEN the endpoint security group admits HTTPS from the VPC only", () => {
    const sg = resource(p, "aws:ec2/securityGroup:SecurityGroup", "core-endpoints");
    expect(sg.inputs.ingress).toEqual([
      expect.objectContaining({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }),
    ]);
  });

  it("THEN flow logs capture ALL traffic into a log group kept 30 days and encrypted with a rotating KMS key", () => {
    expect(resource(p, "aws:ec2/flowLog:FlowLog", "core-flow-logs").inputs).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      vpcId: "core-id",
    });
    const group = resource(p, "aws:cloudwatch/logGroup:LogGroup", "core-flow-logs");
    expect(group.inputs).toMatchObject({ retentionInDays: 30, deletionProtectionEnabled: false });
    expect(group.inputs.kmsKeyId).toMatch(/^arn:aws:mock:key:/);
    const key = resource(p, "aws:kms/key:Key", "core-flow-logs");
    expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 7 });
    const policy = JSON.parse(String(key.inputs.policy));
    expect(policy.Statement[1].Principal.Service).toBe("logs.eu-west-1.amazonaws.com");
  });

  it("THEN the flow-log role trusts only the flow-logs service of this account, and may only write to its log group", () => {
    const role = resource(p, "aws:iam/role:Role", "core-flow-logs");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    expect(trust.Statement[0].Principal).toEqual({ Service: "vpc-flow-logs.amazonaws.com" });
    expect(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"]).toBe("123456789012");
    const policy = JSON.parse(String(resource(p, "aws:iam/rolePolicy:RolePolicy", "core-flow-logs").inputs.policy));
    for (const s of policy.Statement) {
      for (const action of s.Action) expect(action).not.toContain("*");
      for (const r of s.Resource) expect(r).toMatch(/^arn:aws:mock:loggroup:/);
    }
  });

  it("THEN every resource carries the default tags", () => {
    for (const r of p.resources.filter((x) => x.custom && "tags" in x.inputs)) {
      expect(r.inputs.tags).toMatchObject({ "managed-by": "mlops-kit", "mlops-component": "MlopsVpc", "pulumi-stack": "dev" });
    }
  });
});

describe("MlopsVpc on AWS, prod profile", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await plan({}, "prod");
  });

  it("THEN three zones with a NAT gateway each, every private zone routing through its own", () => {
    expect(resourcesOfType(p, SUBNET)).toHaveLength(9);
    expect(resourcesOfType(p, NAT).map((n) => n.inputs.subnetId)).toEqual(["core-public-0-id", "core-public-1-id", "core-public-2-id"]);
    for (const i of [0, 1, 2]) expect(resource(p, ROUTE, `core-private-${i}-egress`).inputs.natGatewayId).toBe(`core-nat-${i}-id`);
  });

  it("THEN flow logs are kept 365 days, protected from deletion and retained with their key when the stack goes", () => {
    const group = resource(p, "aws:cloudwatch/logGroup:LogGroup", "core-flow-logs");
    expect(group.inputs).toMatchObject({ retentionInDays: 365, deletionProtectionEnabled: true });
    expect(group.retainOnDelete).toBe(true);
    expect(resource(p, "aws:kms/key:Key", "core-flow-logs").retainOnDelete).toBe(true);
    expect(resource(p, "aws:kms/key:Key", "core-flow-logs").inputs.deletionWindowInDays).toBe(30);
  });
});

describe("MlopsVpc on AWS, switches", () => {
  it("GIVEN nat none THEN no NAT gateway, no EIP and no private default route", async () => {
    const p = await plan({ nat: "none" });
    expect(resourcesOfType(p, NAT)).toEqual([]);
    expect(resourcesOfType(p, "aws:ec2/eip:Eip")).toEqual([]);
    expect(resourcesOfType(p, ROUTE).map((r) => r.name)).toEqual(["core-public-internet"]);
  });

  it("GIVEN privateEndpoints false THEN no endpoint and no endpoint security group", async () => {
    const p = await plan({ privateEndpoints: false });
    expect(resourcesOfType(p, ENDPOINT)).toEqual([]);
    expect(resourcesOfType(p, "aws:ec2/securityGroup:SecurityGroup")).toEqual([]);
  });

  it("GIVEN flow logs off THEN no flow log, log group, key or role", async () => {
    const p = await plan({ flowLogs: { enabled: false } });
    for (const t of ["aws:ec2/flowLog:FlowLog", "aws:cloudwatch/logGroup:LogGroup", "aws:kms/key:Key", "aws:iam/role:Role"]) {
      expect(resourcesOfType(p, t)).toEqual([]);
    }
  });

  it("GIVEN an override for the VPC THEN it lands in the VPC's inputs, over ours", async () => {
    const p = await plan({ aws: { overrides: { vpc: { instanceTenancy: "dedicated", enableDnsHostnames: false } } } });
    expect(resource(p, V, "core").inputs).toMatchObject({ instanceTenancy: "dedicated", enableDnsHostnames: false });
  });

  it("GIVEN custom interface endpoints THEN exactly those are created", async () => {
    const p = await plan({ aws: { interfaceEndpoints: ["ssm"] } });
    expect(resourcesOfType(p, ENDPOINT).map((e) => e.name)).toEqual(["core-s3", "core-ssm"]);
  });
});

describe("MlopsVpc on AWS: what consumers wait for", () => {
  it("GIVEN compute in the private tier and a load balancer in the public tier THEN compute waits for NAT routes and endpoints, the load balancer does not", async () => {
    const p = await synth(
      () => {
        const vpc = new MlopsVpc("core", { aws: { interfaceEndpoints: ["ecr.dkr"] } });
        new SecurityGroup("compute", { description: vpc.privateSubnetIds.apply((ids) => ids.join(",")) });
        new SecurityGroup("lb", { description: vpc.publicSubnetIds.apply((ids) => ids.join(",")) });
      },
      { project: "p", stack: "dev", config: config() },
    );
    // Type and name: a subnet, its route table and its association share a name.
    const deps = (n: string) =>
      resource(p, "aws:ec2/securityGroup:SecurityGroup", n).dependencies.map(
        (u) => `${u.split("$").pop()?.split("::")[0]} ${u.split("::").pop()}`,
      );
    expect(deps("compute")).toEqual(
      expect.arrayContaining([
        "aws:ec2/route:Route core-private-0-egress",
        "aws:ec2/routeTableAssociation:RouteTableAssociation core-private-1",
        "aws:ec2/vpcEndpoint:VpcEndpoint core-ecr-dkr",
        "aws:ec2/subnet:Subnet core-private-0",
      ]),
    );
    expect(deps("lb")).toEqual(expect.arrayContaining(["aws:ec2/route:Route core-public-internet", "aws:ec2/subnet:Subnet core-public-0"]));
    expect(deps("lb").filter((d) => d.includes("private") || d.includes("nat"))).toEqual([]);
  });
});
