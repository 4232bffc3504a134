// The class's own module: the cloudwatch index also loads its event mixins, and with them Lambda.
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { DefaultSecurityGroup } from "@pulumi/aws/ec2/defaultSecurityGroup";
import { Eip } from "@pulumi/aws/ec2/eip";
import { FlowLog } from "@pulumi/aws/ec2/flowLog";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { NatGateway } from "@pulumi/aws/ec2/natGateway";
import { Route } from "@pulumi/aws/ec2/route";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { Key } from "@pulumi/aws/kms/key";
import * as pulumi from "@pulumi/pulumi";
import { logsKeyPolicy, serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { NetworkResult } from "../contract";
import type { MlopsVpcPlan, Tier } from "../plan";

/** The AWS resources of an MlopsVpc. */
export interface AwsNetwork {
  vpc: Vpc;
  internetGateway: InternetGateway;
  /** Subnets per tier, one per zone, in zone order. */
  subnets: Record<Tier, Subnet[]>;
  /** Route tables: one public, one private per zone, one isolated. */
  routeTables: { public: RouteTable; private: RouteTable[]; isolated: RouteTable };
  natGateways: NatGateway[];
  /** The VPC's default security group, adopted and stripped of every rule. */
  defaultSecurityGroup: DefaultSecurityGroup;
  /** Gateway endpoint for S3 and interface endpoints by service; empty when private endpoints are off. */
  endpoints: Record<string, VpcEndpoint>;
  endpointSecurityGroup?: SecurityGroup;
  flowLog?: { key: Key; logGroup: LogGroup; role: Role; flowLog: FlowLog };
}

export function provision(plan: MlopsVpcPlan, ctx: ProvisionContext): NetworkResult {
  const { name } = plan;
  const opts = ctx.opts;
  const o = plan.aws.overrides;
  const tags = (extra: Record<string, string> = {}) => awsTags({ ...plan.tags, ...extra });
  const invokeOpts = { parent: ctx.parent };
  const azs = getAvailabilityZonesOutput({ state: "available" }, invokeOpts);
  const region = getRegionOutput({}, invokeOpts).region;

  const vpc = new Vpc(
    name,
    withOverrides({ cidrBlock: plan.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tags({ Name: name }) }, o, "vpc"),
    opts,
  );

  // Adopting the default security group removes its rules: nothing can fall back on it.
  const defaultSecurityGroup = new DefaultSecurityGroup(
    `${name}-default`,
    { vpcId: vpc.id, tags: tags({ Name: `${name}-default` }) },
    opts,
  );

  const internetGateway = new InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: tags({ Name: `${name}-igw` }) }, opts);

  // Load balancer controllers (EKS) find their subnets by these role tags.
  const tierTags: Record<Tier, Record<string, string>> = {
    public: { "kubernetes.io/role/elb": "1" },
    private: { "kubernetes.io/role/internal-elb": "1" },
    isolated: {},
  };
  const subnets = {} as Record<Tier, Subnet[]>;
  for (const tier of ["public", "private", "isolated"] as const) {
    subnets[tier] = plan.tiers[tier].subnets.map(
      (s) =>
        new Subnet(
          s.name,
          withOverrides(
            {
              vpcId: vpc.id,
              cidrBlock: s.cidr,
              availabilityZone: azs.names.apply((names) => zoneName(names, s.zoneIndex)),
              // Nothing gets a public IP by launching here, not even in the public tier: load
              // balancers bring their own.
              mapPublicIpOnLaunch: false,
              tags: tags({ Name: s.name, "mlops-tier": tier, ...tierTags[tier] }),
            },
            o,
            "subnet",
          ),
          opts,
        ),
    );
  }

  // What must exist before each tier's subnets carry traffic as planned.
  const ready: Record<Tier, pulumi.Resource[]> = { public: [], private: [], isolated: [] };

  const publicRouteTable = new RouteTable(`${name}-public`, { vpcId: vpc.id, tags: tags({ Name: `${name}-public` }) }, opts);
  ready.public.push(
    new Route(
      `${name}-public-internet`,
      { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id },
      opts,
    ),
  );
  for (const [i, subnet] of subnets.public.entries()) {
    ready.public.push(new RouteTableAssociation(`${name}-public-${i}`, { subnetId: subnet.id, routeTableId: publicRouteTable.id }, opts));
  }

  const natGateways = plan.nat.gatewayZones.map((zone) => {
    const eip = new Eip(`${name}-nat-${zone}`, { domain: "vpc", tags: tags({ Name: `${name}-nat-${zone}` }) }, opts);
    const publicSubnet = subnets.public[zone];
    if (!publicSubnet) throw new Error(`no public subnet in zone ${zone}`); // the plan places NAT in planned zones
    // A NAT gateway only forwards once the VPC has its internet gateway attached (EC2 User Guide, "NAT gateways").
    return new NatGateway(
      `${name}-nat-${zone}`,
      withOverrides(
        { allocationId: eip.id, subnetId: publicSubnet.id, connectivityType: "public", tags: tags({ Name: `${name}-nat-${zone}` }) },
        o,
        "natGateway",
      ),
      { ...opts, dependsOn: [internetGateway] },
    );
  });

  const privateRouteTables = subnets.private.map((subnet, i) => {
    const table = new RouteTable(`${name}-private-${i}`, { vpcId: vpc.id, tags: tags({ Name: `${name}-private-${i}` }) }, opts);
    const nat = natGateways[plan.nat.gatewayZones.indexOf(plan.nat.natZoneFor[i] ?? 0)];
    if (nat) {
      ready.private.push(
        new Route(`${name}-private-${i}-egress`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, opts),
      );
    }
    ready.private.push(new RouteTableAssociation(`${name}-private-${i}`, { subnetId: subnet.id, routeTableId: table.id }, opts));
    return table;
  });

  // The isolated tier's table has only the VPC's local route (and the S3 gateway): no way out.
  const isolatedRouteTable = new RouteTable(`${name}-isolated`, { vpcId: vpc.id, tags: tags({ Name: `${name}-isolated` }) }, opts);
  for (const [i, subnet] of subnets.isolated.entries()) {
    ready.isolated.push(
      new RouteTableAssociation(`${name}-isolated-${i}`, { subnetId: subnet.id, routeTableId: isolatedRouteTable.id }, opts),
    );
  }

  const endpoints: Record<string, VpcEndpoint> = {};
  let endpointSecurityGroup: SecurityGroup | undefined;
  if (plan.privateEndpoints.enabled) {
    endpoints.s3 = new VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: vpc.id,
        serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [...privateRouteTables.map((t) => t.id), isolatedRouteTable.id],
        tags: tags({ Name: `${name}-s3` }),
      },
      opts,
    );
    if (plan.privateEndpoints.awsInterfaceServices.length > 0) {
      endpointSecurityGroup = new SecurityGroup(
        `${name}-endpoints`,
        withOverrides(
          {
            vpcId: vpc.id,
            description: "Interface endpoints: HTTPS from inside the VPC only",
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [plan.cidr], description: "HTTPS from the VPC" }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [plan.cidr], description: "Replies within the VPC" }],
            tags: tags({ Name: `${name}-endpoints` }),
          },
          o,
          "endpointSecurityGroup",
        ),
        opts,
      );
      for (const service of plan.privateEndpoints.awsInterfaceServices) {
        endpoints[service] = new VpcEndpoint(
          `${name}-${service.replace(/\./g, "-")}`,
          {
            vpcId: vpc.id,
            serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            subnetIds: subnets.private.map((s) => s.id),
            securityGroupIds: [endpointSecurityGroup.id],
            tags: tags({ Name: `${name}-${service}` }),
          },
          opts,
        );
      }
    }
  }

  // Compute pulls images and writes logs through the endpoints when there is no NAT; with NAT
  // they still carry that traffic once they exist.
  ready.private.push(...Object.values(endpoints));

  const flowLog = plan.flowLogs.enabled ? provisionFlowLogs(plan, ctx, vpc, region, tags) : undefined;

  const ids = (list: Subnet[]) => pulumi.all(list.map((s) => s.id));
  const info = pulumi
    .all([vpc.id, region, azs.names, ids(subnets.public), ids(subnets.private), ids(subnets.isolated)])
    .apply(([networkId, regionName, zoneNames, publicSubnetIds, privateSubnetIds, isolatedSubnetIds]) => ({
      cloud: "aws" as const,
      name,
      networkId,
      cidr: plan.cidr,
      region: regionName,
      zones: Array.from({ length: plan.zones }, (_, i) => zoneName(zoneNames, i)),
      publicSubnetIds,
      privateSubnetIds,
      isolatedSubnetIds,
      reservedCidr: plan.reservedCidr,
    }));

  return {
    cloud: "aws",
    info,
    fields: {
      networkId: vpc.id,
      region,
      zones: azs.names.apply((names) => Array.from({ length: plan.zones }, (_, i) => zoneName(names, i))),
    },
    tiers: {
      public: { subnetIds: ids(subnets.public), ready: ready.public },
      private: { subnetIds: ids(subnets.private), ready: ready.private },
      isolated: { subnetIds: ids(subnets.isolated), ready: ready.isolated },
    },
    resources: {
      vpc,
      internetGateway,
      subnets,
      routeTables: { public: publicRouteTable, private: privateRouteTables, isolated: isolatedRouteTable },
      natGateways,
      defaultSecurityGroup,
      endpoints,
      ...(endpointSecurityGroup ? { endpointSecurityGroup } : {}),
      ...(flowLog ? { flowLog } : {}),
    },
  };
}

function zoneName(names: string[], index: number): string {
  const zone = names[index];
  if (zone === undefined) {
    throw new Error(`the region has ${names.length} available zones; the network asks for zone ${index + 1}`);
  }
  return zone;
}

/** Flow logs to a CloudWatch log group encrypted with its own rotating KMS key. */
function provisionFlowLogs(
  plan: MlopsVpcPlan,
  ctx: ProvisionContext,
  vpc: Vpc,
  region: pulumi.Output<string>,
  tags: (extra?: Record<string, string>) => Record<string, string>,
): NonNullable<AwsNetwork["flowLog"]> {
  const { name } = plan;
  const o = plan.aws.overrides;
  const invokeOpts = { parent: ctx.parent };
  const account = getCallerIdentityOutput({}, invokeOpts).accountId;
  const partition = getPartitionOutput({}, invokeOpts);
  // Audit records outlive the stack in prod: keep the logs, and the key that decrypts them.
  const keepOpts = { ...ctx.opts, retainOnDelete: plan.retainLogs };

  const key = new Key(
    `${name}-flow-logs`,
    withOverrides(
      {
        description: `Encrypts the flow logs of network ${name}`,
        enableKeyRotation: true,
        deletionWindowInDays: plan.aws.keyDeletionWindowDays,
        policy: pulumi
          .all([account, partition.partition, partition.dnsSuffix, region])
          .apply(([acct, part, dnsSuffix, reg]) =>
            JSON.stringify(logsKeyPolicy({ account: acct, partition: part, dnsSuffix, region: reg })),
          ),
        tags: tags({ Name: `${name}-flow-logs` }),
      },
      o,
      "flowLogKey",
    ),
    keepOpts,
  );

  const logGroup = new LogGroup(
    `${name}-flow-logs`,
    withOverrides(
      {
        retentionInDays: plan.aws.logRetentionDays,
        kmsKeyId: key.arn,
        deletionProtectionEnabled: plan.retainLogs,
        tags: tags({ Name: `${name}-flow-logs` }),
      },
      o,
      "flowLogGroup",
    ),
    keepOpts,
  );

  const role = new Role(
    `${name}-flow-logs`,
    withOverrides(
      {
        description: `Delivers the flow logs of network ${name}`,
        assumeRolePolicy: account.apply((acct) => JSON.stringify(serviceTrustPolicy("vpc-flow-logs.amazonaws.com", acct))),
        tags: tags({ Name: `${name}-flow-logs` }),
      },
      o,
      "flowLogRole",
    ),
    ctx.opts,
  );
  new RolePolicy(
    `${name}-flow-logs`,
    {
      role: role.id,
      policy: logGroup.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              Resource: [arn, `${arn}:*`],
            },
          ],
        }),
      ),
    },
    ctx.opts,
  );

  const flowLog = new FlowLog(
    `${name}-flow-logs`,
    withOverrides(
      {
        vpcId: vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: tags({ Name: `${name}-flow-logs` }),
      },
      o,
      "flowLog",
    ),
    ctx.opts,
  );
  return { key, logGroup, role, flowLog };
}

declare module "../contract" {
  /** Types the `.aws` escape hatch for programs that import `mlops-kit/aws`. */
  interface MlopsVpcCloudResources {
    aws: AwsNetwork;
  }
}
