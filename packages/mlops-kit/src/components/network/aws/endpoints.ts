import { getVpcEndpointServiceOutput } from "@pulumi/aws/ec2/getVpcEndpointService";
import type { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import type { Subnet } from "@pulumi/aws/ec2/subnet";
import type { Vpc } from "@pulumi/aws/ec2/vpc";
import { VpcEndpoint } from "@pulumi/aws/ec2/vpcEndpoint";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { MlopsVpcPlan } from "../plan";

/**
 * The region's endpoint service for `service`, as AWS lists it. Its name is spelled
 * `com.amazonaws.<region>.<service>` in most partitions and `cn.com.amazonaws.<region>.<service>`
 * for some services in China: both spellings are asked for and DescribeVpcEndpointServices says
 * which one the region has, so neither is assumed. It also lists the zones that offer the service.
 */
export function lookupEndpointService(service: string, type: "Gateway" | "Interface", parent: pulumi.Resource) {
  const region = getRegionOutput({}, { parent }).region;
  return getVpcEndpointServiceOutput(
    {
      serviceType: type,
      filters: [
        { name: "service-name", values: region.apply((r) => [`com.amazonaws.${r}.${service}`, `cn.com.amazonaws.${r}.${service}`]) },
      ],
    },
    { parent },
  );
}

/** Private subnets in the zones that offer the service; a service offered in none of them is an error. */
export function subnetsOffering(
  service: string,
  supported: pulumi.Output<string[]>,
  zoneNames: pulumi.Output<string[]>,
  subnets: Subnet[],
): pulumi.Output<string[]> {
  return pulumi.all([supported, zoneNames, pulumi.all(subnets.map((s) => s.id))]).apply(([offered, names, ids]) => {
    const placed = ids.filter((_, i) => offered.includes(names[i] ?? ""));
    if (placed.length === 0) {
      throw new Error(
        `the endpoint service ${service} is offered in none of the network's zones (${names.slice(0, ids.length).join(", ")})`,
      );
    }
    return placed;
  });
}

/** The S3 gateway endpoint and the interface endpoints, placed in the zones each service offers. */
export function createEndpoints(
  plan: MlopsVpcPlan,
  ctx: ProvisionContext,
  deps: { vpc: Vpc; zoneNames: pulumi.Output<string[]>; subnets: Subnet[]; routeTables: RouteTable[] },
): { endpoints: Record<string, VpcEndpoint>; endpointSecurityGroup: SecurityGroup | undefined } {
  const { name } = plan;
  const tags = (n: string) => awsTags({ ...plan.tags, Name: n });
  const endpoints: Record<string, VpcEndpoint> = {};
  endpoints.s3 = new VpcEndpoint(
    `${name}-s3`,
    {
      vpcId: deps.vpc.id,
      serviceName: lookupEndpointService("s3", "Gateway", ctx.parent).serviceName,
      vpcEndpointType: "Gateway",
      routeTableIds: deps.routeTables.map((t) => t.id),
      tags: tags(`${name}-s3`),
    },
    ctx.opts,
  );
  if (plan.privateEndpoints.awsInterfaceServices.length === 0) return { endpoints, endpointSecurityGroup: undefined };
  const endpointSecurityGroup = new SecurityGroup(
    `${name}-endpoints`,
    withOverrides(
      {
        vpcId: deps.vpc.id,
        description: "Interface endpoints: HTTPS from inside the VPC only",
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [plan.cidr], description: "HTTPS from the VPC" }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [plan.cidr], description: "Replies within the VPC" }],
        tags: tags(`${name}-endpoints`),
      },
      plan.aws.overrides,
      "endpointSecurityGroup",
    ),
    ctx.opts,
  );
  for (const service of plan.privateEndpoints.awsInterfaceServices) {
    const found = lookupEndpointService(service, "Interface", ctx.parent);
    endpoints[service] = new VpcEndpoint(
      `${name}-${service.replace(/\./g, "-")}`,
      {
        vpcId: deps.vpc.id,
        serviceName: found.serviceName,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        // Not every service is offered in every zone; an endpoint asked into one that lacks it fails.
        subnetIds: subnetsOffering(service, found.availabilityZones, deps.zoneNames, deps.subnets),
        securityGroupIds: [endpointSecurityGroup.id],
        tags: tags(`${name}-${service}`),
      },
      ctx.opts,
    );
  }
  return { endpoints, endpointSecurityGroup };
}
