/**
 * The type-check baseline: roughly what bench/typecheck/mlops builds, written on the provider's
 * submodule directly (a VPC, public and private subnets in two zones, a NAT gateway per zone).
 */
import * as ec2 from "@pulumi/aws/ec2";
import * as pulumi from "@pulumi/pulumi";

const vpc = new ec2.Vpc("core", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true });
const igw = new ec2.InternetGateway("core-igw", { vpcId: vpc.id });
const publicTable = new ec2.RouteTable("core-public", { vpcId: vpc.id });
new ec2.Route("core-public-internet", { routeTableId: publicTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });

const privateSubnets: ec2.Subnet[] = [];
for (const [i, zone] of ["us-east-1a", "us-east-1b"].entries()) {
  const publicSubnet = new ec2.Subnet(`core-public-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: zone });
  new ec2.RouteTableAssociation(`core-public-${i}`, { subnetId: publicSubnet.id, routeTableId: publicTable.id });
  const eip = new ec2.Eip(`core-nat-${i}`, { domain: "vpc" });
  const nat = new ec2.NatGateway(`core-nat-${i}`, { allocationId: eip.id, subnetId: publicSubnet.id }, { dependsOn: [igw] });
  const privateSubnet = new ec2.Subnet(`core-private-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${10 + i}.0/24`, availabilityZone: zone });
  const table = new ec2.RouteTable(`core-private-${i}`, { vpcId: vpc.id });
  new ec2.Route(`core-private-${i}-egress`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
  new ec2.RouteTableAssociation(`core-private-${i}`, { subnetId: privateSubnet.id, routeTableId: table.id });
  privateSubnets.push(privateSubnet);
}

export const vpcId = vpc.id;
export const privateSubnetIds = pulumi.all(privateSubnets.map((s) => s.id));
export const stack = pulumi.getStack();
