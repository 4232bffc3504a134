/**
 * The hand-written minimal AWS equivalent of a dev platform's always-on part, for the idle-cost
 * row: a VPC with one NAT gateway, one Application Load Balancer (HTTP) and one t3.medium instance (the catalog's smallest)
 * behind it, in an Auto Scaling group of exactly one (how a hand-written service keeps its one
 * instance alive). Nothing else: no flow logs, endpoints, keys, WAF, cluster or registry.
 */
import { Group } from "@pulumi/aws/autoscaling/group";
import { Eip } from "@pulumi/aws/ec2/eip";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { NatGateway } from "@pulumi/aws/ec2/natGateway";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { Listener } from "@pulumi/aws/lb/listener";
import { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import * as pulumi from "@pulumi/pulumi";

export const INSTANCE_TYPE = "t3.medium";

export function program(): Record<string, pulumi.Output<string>> {
  const region = new pulumi.Config("aws").require("region");
  const vpc = new Vpc("min", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true });
  const igw = new InternetGateway("min", { vpcId: vpc.id });
  // An Application Load Balancer needs subnets in two zones; the instance and the NAT live in the first.
  const publicSubnet = (zone: string, cidrBlock: string) =>
    new Subnet(`min-public-${zone}`, { vpcId: vpc.id, cidrBlock, availabilityZone: `${region}${zone}` });
  const publicSubnets = [publicSubnet("a", "10.0.0.0/24"), publicSubnet("b", "10.0.1.0/24")];
  const natSubnet = publicSubnets[0] as Subnet;
  const privateSubnet = new Subnet("min-private-a", { vpcId: vpc.id, cidrBlock: "10.0.10.0/24", availabilityZone: `${region}a` });
  const publicRoutes = new RouteTable("min-public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] });
  for (const [i, s] of publicSubnets.entries())
    new RouteTableAssociation(`min-public-${i}`, { subnetId: s.id, routeTableId: publicRoutes.id });
  const natIp = new Eip("min-nat", { domain: "vpc" });
  const nat = new NatGateway("min", { allocationId: natIp.id, subnetId: natSubnet.id }, { dependsOn: [igw] });
  const privateRoutes = new RouteTable("min-private", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] });
  new RouteTableAssociation("min-private", { subnetId: privateSubnet.id, routeTableId: privateRoutes.id });

  const lbSg = new SecurityGroup("min-lb", {
    vpcId: vpc.id,
    ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
  });
  const appSg = new SecurityGroup("min-app", {
    vpcId: vpc.id,
    ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: [lbSg.id] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
  });
  const lb = new LoadBalancer("min", {
    loadBalancerType: "application",
    subnets: publicSubnets.map((s) => s.id),
    securityGroups: [lbSg.id],
  });
  const targets = new TargetGroup("min", { vpcId: vpc.id, port: 8080, protocol: "HTTP", healthCheck: { path: "/health" } });
  new Listener("min-http", {
    loadBalancerArn: lb.arn,
    port: 80,
    protocol: "HTTP",
    defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
  });

  const template = new LaunchTemplate("min", {
    // The current Amazon Linux 2023 image, resolved by EC2 at launch from AWS's public parameter.
    imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    instanceType: INSTANCE_TYPE,
    vpcSecurityGroupIds: [appSg.id],
    // The root volume stated (the image's own is 8 GiB), so the baseline prices it rather than leaving it out.
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "gp3", encrypted: "true" } }],
  });
  new Group("min", {
    minSize: 1,
    maxSize: 1,
    desiredCapacity: 1,
    vpcZoneIdentifiers: [privateSubnet.id],
    targetGroupArns: [targets.arn],
    launchTemplate: { id: template.id, version: "$Latest" },
  });
  return { url: lb.dnsName };
}
