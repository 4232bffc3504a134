import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { ServiceInputs } from "../contract";
import type { InferenceServicePlan } from "../plan";
import { listenerPorts } from "./settings";

export interface ServiceSecurityGroups {
  instances: SecurityGroup;
  loadBalancer: SecurityGroup;
}

/**
 * The two groups refer to each other (the load balancer may reach the instances, and only it): the
 * instance group takes standalone rules, created after both groups exist, and the load balancer
 * group keeps inline rules. Each group uses one style only, so neither fights the other.
 */
export function createSecurityGroups(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceSecurityGroups {
  const { name } = plan;
  const o = plan.aws.overrides;
  const opts = ctx.opts;
  const port = plan.container.port;
  const tags = (extra: Record<string, string>) => awsTags({ ...plan.tags, ...extra });
  const vpcId = inputs.network.field("networkId");
  const instances = new SecurityGroup(
    `${name}-instance`,
    withOverrides(
      {
        vpcId,
        description: `Inference service ${name}: instances, reachable from the load balancer only`,
        tags: tags({ Name: `${name}-instance` }),
      },
      o,
      "instanceSecurityGroup",
    ),
    opts,
  );
  const loadBalancer = new SecurityGroup(
    `${name}-lb`,
    withOverrides(
      {
        vpcId,
        description: `Inference service ${name}: load balancer, open to the allowed client ranges on its listener ports`,
        ingress: listenerPorts(plan).map((p) => ({
          protocol: "tcp",
          fromPort: p,
          toPort: p,
          cidrBlocks: inputs.allowedCidrs,
          description: p === 443 ? "HTTPS from allowed clients" : "HTTP from allowed clients",
        })),
        // Requests and health checks go to the instances, nowhere else.
        egress: [{ protocol: "tcp", fromPort: port, toPort: port, securityGroups: [instances.id], description: "To the model server" }],
        tags: tags({ Name: `${name}-lb` }),
      },
      o,
      "loadBalancerSecurityGroup",
    ),
    opts,
  );
  new SecurityGroupIngressRule(
    `${name}-instance-from-lb`,
    {
      securityGroupId: instances.id,
      referencedSecurityGroupId: loadBalancer.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: "Requests and health checks from the load balancer",
      tags: tags({ Name: `${name}-instance-from-lb` }),
    },
    opts,
  );
  // Image layers, CloudWatch Logs, Systems Manager and the package repositories all speak HTTPS,
  // through NAT or the network's endpoints. DNS (the VPC resolver), NTP (Amazon Time Sync) and
  // instance metadata are link-local services that security groups do not filter.
  new SecurityGroupEgressRule(
    `${name}-instance-https-out`,
    {
      securityGroupId: instances.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS to AWS APIs and registries",
      tags: tags({ Name: `${name}-instance-https-out` }),
    },
    opts,
  );
  return { instances, loadBalancer };
}
