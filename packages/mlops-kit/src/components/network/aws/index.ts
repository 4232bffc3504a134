import { DefaultSecurityGroup } from "@pulumi/aws/ec2/defaultSecurityGroup";
import { Eip } from "@pulumi/aws/ec2/eip";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { NatGateway } from "@pulumi/aws/ec2/natGateway";
import { Route } from "@pulumi/aws/ec2/route";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import type { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import type { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import { awsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { NetworkResult } from "../contract";
import type { MlopsVpcPlan, Tier } from "../plan";
import { createEndpoints } from "./endpoints";
import { createFlowLogs, type FlowLogResources } from "./flow-logs";
import { zoneName } from "./zones";

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
  flowLog?: FlowLogResources;
}

export function provision(plan: MlopsVpcPlan, ctx: ProvisionContext): NetworkResult {
  const env = awsEnvironment(ctx.parent);
  const zoneNames = lookupZones(plan, ctx);
  const vpc = createVpc(plan, ctx);
  // Adopting the default security group removes its rules: nothing can fall back on it.
  const defaultSecurityGroup = new DefaultSecurityGroup(
    `${plan.name}-default`,
    { vpcId: vpc.id, tags: tagsOf(plan, `${plan.name}-default`) },
    ctx.opts,
  );
  const internetGateway = new InternetGateway(`${plan.name}-igw`, { vpcId: vpc.id, tags: tagsOf(plan, `${plan.name}-igw`) }, ctx.opts);
  const subnets = createSubnets(plan, ctx, vpc, zoneNames);
  // What must exist before each tier's subnets carry traffic as planned.
  const ready: Record<Tier, pulumi.Resource[]> = { public: [], private: [], isolated: [] };
  const publicRouteTable = createPublicRouting(plan, ctx, { vpc, internetGateway, subnets: subnets.public, ready: ready.public });
  const natGateways = createNatGateways(plan, ctx, internetGateway, subnets.public);
  const privateRouteTables = createPrivateRouting(plan, ctx, { vpc, natGateways, subnets: subnets.private, ready: ready.private });
  const isolatedRouteTable = createIsolatedRouting(plan, ctx, { vpc, subnets: subnets.isolated, ready: ready.isolated });
  const { endpoints, endpointSecurityGroup } = plan.privateEndpoints.enabled
    ? createEndpoints(plan, ctx, { vpc, zoneNames, subnets: subnets.private, routeTables: [...privateRouteTables, isolatedRouteTable] })
    : { endpoints: {}, endpointSecurityGroup: undefined };
  // Compute pulls images and writes logs through the endpoints when there is no NAT; with NAT
  // they still carry that traffic once they exist.
  ready.private.push(...Object.values(endpoints));
  const flowLog = plan.flowLogs.enabled ? createFlowLogs(plan, ctx, env, vpc) : undefined;

  const ids = (list: Subnet[]) => pulumi.all(list.map((s) => s.id));
  const zones = zoneNames.apply((names) => Array.from({ length: plan.zones }, (_, i) => zoneName(names, i)));
  const info = pulumi
    .all([vpc.id, env.region, zones, ids(subnets.public), ids(subnets.private), ids(subnets.isolated)])
    .apply(([networkId, region, zoneList, publicSubnetIds, privateSubnetIds, isolatedSubnetIds]) => ({
      cloud: "aws" as const,
      name: plan.name,
      networkId,
      cidr: plan.cidr,
      region,
      zones: zoneList,
      publicSubnetIds,
      privateSubnetIds,
      isolatedSubnetIds,
      reservedCidr: plan.reservedCidr,
      natMode: plan.nat.mode,
    }));

  return {
    cloud: "aws",
    info,
    fields: { networkId: vpc.id, region: env.region, zones },
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

const tagsOf = (plan: MlopsVpcPlan, name: string, extra: Record<string, string> = {}) => awsTags({ ...plan.tags, Name: name, ...extra });

/**
 * The region's Availability Zones, in order. Local Zones and Wavelength Zones are left out: they
 * come first in some accounts once opted in, and lack services the tiers need (NAT gateways, ALBs,
 * most instance types). Availability Zones are the zones that need no opt-in.
 */
function lookupZones(plan: MlopsVpcPlan, ctx: ProvisionContext): pulumi.Output<string[]> {
  return getAvailabilityZonesOutput(
    {
      state: "available",
      filters: [
        { name: "opt-in-status", values: ["opt-in-not-required"] },
        { name: "zone-type", values: ["availability-zone"] },
      ],
    },
    { parent: ctx.parent },
  ).names.apply((names) => {
    // Fail with the reason rather than a subnet without a zone.
    zoneName(names, plan.zones - 1);
    return names;
  });
}

function createVpc(plan: MlopsVpcPlan, ctx: ProvisionContext): Vpc {
  return new Vpc(
    plan.name,
    withOverrides(
      { cidrBlock: plan.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tagsOf(plan, plan.name) },
      plan.aws.overrides,
      "vpc",
    ),
    ctx.opts,
  );
}

/** Load balancer controllers (EKS) find their subnets by these role tags. */
export const TIER_TAGS: Record<Tier, Record<string, string>> = {
  public: { "kubernetes.io/role/elb": "1" },
  private: { "kubernetes.io/role/internal-elb": "1" },
  isolated: {},
};

function createSubnets(plan: MlopsVpcPlan, ctx: ProvisionContext, vpc: Vpc, zoneNames: pulumi.Output<string[]>): Record<Tier, Subnet[]> {
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
              availabilityZone: zoneNames.apply((names) => zoneName(names, s.zoneIndex)),
              // Nothing gets a public IP by launching here, not even in the public tier: load
              // balancers bring their own.
              mapPublicIpOnLaunch: false,
              tags: tagsOf(plan, s.name, { "mlops-tier": tier, ...TIER_TAGS[tier] }),
            },
            plan.aws.overrides,
            "subnet",
          ),
          ctx.opts,
        ),
    );
  }
  return subnets;
}

function createPublicRouting(
  plan: MlopsVpcPlan,
  ctx: ProvisionContext,
  deps: { vpc: Vpc; internetGateway: InternetGateway; subnets: Subnet[]; ready: pulumi.Resource[] },
): RouteTable {
  const { name } = plan;
  const table = new RouteTable(`${name}-public`, { vpcId: deps.vpc.id, tags: tagsOf(plan, `${name}-public`) }, ctx.opts);
  deps.ready.push(
    new Route(
      `${name}-public-internet`,
      { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: deps.internetGateway.id },
      ctx.opts,
    ),
  );
  for (const [i, subnet] of deps.subnets.entries()) {
    deps.ready.push(new RouteTableAssociation(`${name}-public-${i}`, { subnetId: subnet.id, routeTableId: table.id }, ctx.opts));
  }
  return table;
}

function createNatGateways(
  plan: MlopsVpcPlan,
  ctx: ProvisionContext,
  internetGateway: InternetGateway,
  publicSubnets: Subnet[],
): NatGateway[] {
  const { name } = plan;
  return plan.nat.gatewayZones.map((zone) => {
    const eip = new Eip(`${name}-nat-${zone}`, { domain: "vpc", tags: tagsOf(plan, `${name}-nat-${zone}`) }, ctx.opts);
    const publicSubnet = publicSubnets[zone];
    if (!publicSubnet) throw new Error(`no public subnet in zone ${zone}`); // the plan places NAT in planned zones
    // A NAT gateway only forwards once the VPC has its internet gateway attached (EC2 User Guide, "NAT gateways").
    return new NatGateway(
      `${name}-nat-${zone}`,
      withOverrides(
        { allocationId: eip.id, subnetId: publicSubnet.id, connectivityType: "public", tags: tagsOf(plan, `${name}-nat-${zone}`) },
        plan.aws.overrides,
        "natGateway",
      ),
      { ...ctx.opts, dependsOn: [internetGateway] },
    );
  });
}

function createPrivateRouting(
  plan: MlopsVpcPlan,
  ctx: ProvisionContext,
  deps: { vpc: Vpc; natGateways: NatGateway[]; subnets: Subnet[]; ready: pulumi.Resource[] },
): RouteTable[] {
  const { name } = plan;
  return deps.subnets.map((subnet, i) => {
    const table = new RouteTable(`${name}-private-${i}`, { vpcId: deps.vpc.id, tags: tagsOf(plan, `${name}-private-${i}`) }, ctx.opts);
    const nat = deps.natGateways[plan.nat.gatewayZones.indexOf(plan.nat.natZoneFor[i] ?? 0)];
    if (nat) {
      deps.ready.push(
        new Route(
          `${name}-private-${i}-egress`,
          { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
          ctx.opts,
        ),
      );
    }
    deps.ready.push(new RouteTableAssociation(`${name}-private-${i}`, { subnetId: subnet.id, routeTableId: table.id }, ctx.opts));
    return table;
  });
}

/** The isolated tier's table has only the VPC's local route (and the S3 gateway): no way out. */
function createIsolatedRouting(
  plan: MlopsVpcPlan,
  ctx: ProvisionContext,
  deps: { vpc: Vpc; subnets: Subnet[]; ready: pulumi.Resource[] },
): RouteTable {
  const { name } = plan;
  const table = new RouteTable(`${name}-isolated`, { vpcId: deps.vpc.id, tags: tagsOf(plan, `${name}-isolated`) }, ctx.opts);
  for (const [i, subnet] of deps.subnets.entries()) {
    deps.ready.push(new RouteTableAssociation(`${name}-isolated-${i}`, { subnetId: subnet.id, routeTableId: table.id }, ctx.opts));
  }
  return table;
}

declare module "../contract" {
  /** Types the `.aws` escape hatch for programs that import `mlops-kit/aws`. */
  interface MlopsVpcCloudResources {
    aws: AwsNetwork;
  }
}
