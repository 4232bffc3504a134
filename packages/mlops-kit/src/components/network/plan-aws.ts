import type { Overrides } from "../../core/backend";
import type { Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError, type SpecIssue } from "../../core/errors";
import { cloudwatchRetentionDays, keyDeletionWindowDays } from "../../core/logs";
import { physicalName } from "../../core/naming";
import type { Cidr } from "../../core/net/cidr";
import { subnetCidr } from "./layout";
import { DEFAULT_INTERFACE_ENDPOINTS, type MlopsVpcSpec, type NatMode, type OVERRIDE_ROLES } from "./spec";

// The decisions MlopsVpc makes for AWS alone: the flow-log group, CloudWatch retention, interface
// endpoints, the subnet sizes a load balancer needs. Pure; planMlopsVpc calls it.

export interface AwsNetworkPlan {
  /** The flow-log group's name: per account and region, so the stack's hash is in it; its key admits only it. */
  flowLogGroupName: string;
  /** CloudWatch accepts only certain retention periods: the smallest one >= the requested days. */
  logRetentionDays: number;
  /** Waiting period before a scheduled KMS key deletion takes effect. */
  keyDeletionWindowDays: number;
  overrides: Overrides<(typeof OVERRIDE_ROLES)["aws"][number]>;
}

/** The AWS decisions: the flow-log group and its key, retention CloudWatch accepts. */
export function planAws(name: string, spec: MlopsVpcSpec, ctx: DeployContext, retentionDays: number): AwsNetworkPlan {
  return {
    flowLogGroupName: physicalName("awsScopedLogGroup", [name, "flow-logs"], ctx.scope),
    logRetentionDays: cloudwatchRetentionDays(retentionDays),
    keyDeletionWindowDays: keyDeletionWindowDays(ctx.profile),
    overrides: spec.aws?.overrides ?? {},
  };
}

/**
 * Systems Manager's endpoints: without NAT, instances reach Session Manager (and the agent its
 * service) only through them ("Create VPC endpoints for Systems Manager", AWS Systems Manager User Guide).
 */
export const AWS_SSM_ENDPOINTS = ["ssm", "ssmmessages", "ec2messages"] as const;

/**
 * The interface endpoints created when the spec names none. Each endpoint is billed per hour in every
 * zone it serves ($0.01 an hour per zone in us-east-1): the seven defaults in a two-zone dev network
 * come to about $102 a month, three times the single NAT gateway ($32.85) that already carries the
 * same API traffic. So a dev network with NAT makes none and reaches the APIs through NAT; prod, and
 * any network without NAT (whose private subnets have no other way out), gets the full set.
 */
export function defaultInterfaceEndpoints(profile: Profile, nat: NatMode): string[] {
  return profile === "dev" && nat !== "none" ? [] : DEFAULT_INTERFACE_ENDPOINTS;
}

/** Interface endpoints on AWS: the spec's (or the defaults), and Systems Manager's when there is no NAT. */
export function awsInterfaceServices(spec: MlopsVpcSpec, nat: NatMode, profile: Profile): string[] {
  const asked = spec.aws?.interfaceEndpoints ?? defaultInterfaceEndpoints(profile, nat);
  const extra = nat === "none" ? AWS_SSM_ENDPOINTS.filter((s) => !asked.includes(s)) : [];
  return [...asked, ...extra];
}

/** The smallest subnet an Application Load Balancer accepts: a /27 with 8 free addresses ("Subnets for your Application Load Balancer"). */
export const ALB_MAX_SUBNET_PREFIX = 27;

/** AWS rules that depend on the spec alone. */
export function checkAwsLayout(name: string, spec: MlopsVpcSpec, network: Cidr): void {
  const issues: SpecIssue[] = [];
  const publicPrefix = subnetCidr(network, "public", 0).prefix;
  if (publicPrefix > ALB_MAX_SUBNET_PREFIX) {
    issues.push({
      path: "cidr",
      message:
        `(${spec.cidr}) gives /${publicPrefix} public subnets; an Application Load Balancer needs at least a /${ALB_MAX_SUBNET_PREFIX} ` +
        `with 8 free addresses: use a /${network.prefix - (publicPrefix - ALB_MAX_SUBNET_PREFIX)} or larger on aws`,
    });
  }
  if (issues.length > 0) throw new SpecError("MlopsVpc", name, issues);
}
