import { CATALOGS, fits } from "../../core/catalog/compute";
import type { DeployContext } from "../../core/context";
import { SpecError, type SpecIssue } from "../../core/errors";
import { physicalName } from "../../core/naming";
import type { InferenceServiceSpec } from "./spec";

// The AWS part of an InferenceService's plan: names, AMI, architecture, spot types, scaling
// signals and the checks only AWS needs. Pure, like the rest of the plan.

/** The ECS-optimized Amazon Linux 2023 AMIs have a 30 GiB root snapshot: a smaller volume cannot launch. */
export const AWS_MIN_DISK_GIB = 30;

/** ALB idle timeout range (ELB API reference, "LoadBalancerAttribute": idle_timeout.timeout_seconds 1–4000). */
export const ALB_MAX_IDLE_TIMEOUT_SECONDS = 4000;

/**
 * Requests per instance per minute a GPU service is scaled to hold when the spec sets none:
 * one request a second. CPU utilisation says little about a server whose work runs on the GPU.
 */
export const GPU_DEFAULT_REQUESTS_PER_INSTANCE = 60;

/** At most this many instance types in a spot group (the chosen one and its cheapest equivalents). */
export const MAX_SPOT_INSTANCE_TYPES = 4;
/** Equivalents may cost up to this factor of the chosen type on demand. */
export const SPOT_PRICE_FACTOR = 2;

export type AwsArchitecture = "x86_64" | "arm64";
export type AmiVariant = "cpu" | "arm64" | "gpu";

/**
 * Public parameters that name the newest ECS-optimized Amazon Linux 2023 AMI of each variant
 * ("Retrieving Amazon ECS-optimized Linux AMI metadata", Amazon ECS Developer Guide). Docker is
 * preinstalled; the GPU variant adds the NVIDIA driver and container toolkit. There is no arm64
 * GPU variant of Amazon Linux 2023.
 */
export const AMI_PARAMETER = {
  cpu: {
    x86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    arm64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
  },
  gpu: { x86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id", arm64: undefined },
} as const;

/**
 * The processor architecture of an EC2 instance type, from its name: in `<family><generation>
 * <processor><capabilities>.<size>`, the processor letter `g` is AWS Graviton (arm64), and the
 * first-generation `a1` is Graviton too ("Amazon EC2 instance type naming conventions").
 */
export function awsArchitecture(instanceType: string): AwsArchitecture {
  if (/^a1\./.test(instanceType)) return "arm64";
  const m = /^[a-z]+\d+([a-z-]*)\./.exec(instanceType);
  return m?.[1]?.startsWith("g") ? "arm64" : "x86_64";
}

/** An image in a private ECR repository: `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/...`. */
export const ECR_IMAGE = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;
/** ECR Public: anonymous pulls over the internet. */
export const ECR_PUBLIC_IMAGE = /^public\.ecr\.aws\//;

/** Why the instances cannot pull `image`, or undefined when they can. */
export function awsImageProblem(image: string, internetEgress: boolean): string | undefined {
  if (ECR_IMAGE.test(image)) return undefined;
  if (!internetEgress) {
    return (
      `(${JSON.stringify(image)}) is not in a private ECR repository, and the network has no NAT (nat: "none"): ` +
      "the instances reach only the network's endpoints. Push the image to ECR, or give the network NAT"
    );
  }
  if (ECR_PUBLIC_IMAGE.test(image)) return undefined;
  return (
    `(${JSON.stringify(image)}) is not in ECR: the instances hold credentials for ECR only. Push it to ECR, or use an ` +
    "ECR pull-through cache rule for Docker Hub, GitHub, Quay and other registries, then give its ECR address"
  );
}

export interface AwsServicePlan {
  /** The ALB's name: 1–32, unique per account and region, so the stack's hash is in it; the scheme too when internal. */
  loadBalancerName: string;
  /**
   * The target group's name, with the container port in it: a new port replaces the group, and a
   * new name lets the replacement exist beside the old one until the listener moves. The scheme is in
   * it too when internal: a new scheme replaces the load balancer, which cannot share the group.
   */
  targetGroupName: string;
  /** The container log group: per account and region, so the stack's hash is in it; the key admits only it. */
  logGroupName: string;
  architecture: AwsArchitecture;
  /**
   * Which ECS-optimized AMI the instances need: x86_64 (`cpu`), Graviton (`arm64`) or NVIDIA (`gpu`).
   * A pinned AMI id stays in the launch template's state, so each variant has a launch template of
   * its own: a service that gains a GPU gets a new template with the GPU AMI, never the CPU AMI kept.
   */
  amiVariant: AmiVariant;
  /** The spec's AMI; when unset, `amiParameter` is read once and the id kept (see `amiUpdates`). */
  amiId: string | undefined;
  amiParameter: string;
  /** `pinned`: the AMI read at the first `up` stays until changed on purpose; `latest`: each `up` follows the parameter. */
  amiUpdates: "pinned" | "latest";
  /** Instance types a spot group may launch, the chosen type first. */
  spotInstanceTypes: string[];
  /** The ALB's idle timeout: it also bounds how long the ALB waits for a response, so the longer of the two. */
  idleTimeoutSeconds: number;
  /**
   * `loadBalancer.allowedCidrs` enforced by the web ACL (an IP set) instead of the load balancer's
   * security group: when the list needs more rules than a security group holds.
   */
  allowListInWaf: boolean;
  /** Target-tracking signals: average CPU (absent with a GPU) and requests per instance per minute. */
  scaling: { cpuPercent: number | undefined; requestsPerInstance: number | undefined };
}

/** The AWS decisions of a service plan; issues go to `issues`, for one error with every problem. */
export function planAwsService(
  name: string,
  spec: InferenceServiceSpec,
  ctx: DeployContext,
  compute: { machineType: string; overridden: boolean; gpu: unknown },
  issues: SpecIssue[],
): AwsServicePlan {
  const gpu = compute.gpu !== undefined;
  const disk = spec.diskGiB;
  if (disk !== undefined && disk < AWS_MIN_DISK_GIB) {
    issues.push({
      path: "diskGiB",
      message: `(${disk}) must be >= ${AWS_MIN_DISK_GIB} on aws: the ECS-optimized Amazon Linux 2023 AMIs have a ${AWS_MIN_DISK_GIB} GiB root snapshot`,
    });
  }
  const architecture = awsArchitecture(compute.machineType);
  const amiParameter = AMI_PARAMETER[gpu ? "gpu" : "cpu"][architecture];
  if (amiParameter === undefined && spec.aws?.amiId === undefined) {
    issues.push({
      path: "aws.instanceType",
      message: `(${compute.machineType}) is an arm64 (Graviton) GPU type, and Amazon Linux 2023 has no arm64 ECS GPU AMI: choose an x86_64 type or set aws.amiId`,
    });
  }
  const image = spec.image;
  if (typeof image === "string") {
    const problem = awsImageProblem(image, true);
    if (problem) issues.push({ path: "image", message: problem });
  }
  const allowListInWaf = allowedCidrsInWaf(spec, issues);
  const requests = spec.scaling.targetRequestsPerInstance ?? (gpu ? GPU_DEFAULT_REQUESTS_PER_INSTANCE : undefined);
  // The scheme and the name are fixed at creation (terraform-provider-aws, elbv2/load_balancer.go:
  // `internal` and `name` are ForceNew), and a target group serves one load balancer at a time
  // (TargetGroupAssociationLimit, hashicorp/terraform-provider-aws#22005, #7581). A new scheme is
  // then a new load balancer and a new target group, created beside the old ones before they go:
  // each needs a name of its own, or creation fails ("ELBv2 Load Balancer (...) already exists").
  // Public keeps the names earlier versions gave.
  const scheme = spec.loadBalancer.scheme === "internal" ? ["internal"] : [];
  return {
    loadBalancerName: physicalName("awsLoadBalancer", [name, "lb", ...scheme], ctx.scope),
    targetGroupName: physicalName("awsLoadBalancer", [name, "tg", String(spec.port), ...scheme], ctx.scope),
    logGroupName: physicalName("awsScopedLogGroup", [name, "logs"], ctx.scope),
    architecture,
    amiVariant: gpu ? "gpu" : architecture === "arm64" ? "arm64" : "cpu",
    amiId: spec.aws?.amiId,
    amiParameter: amiParameter ?? "",
    amiUpdates: spec.aws?.amiUpdates ?? "pinned",
    spotInstanceTypes: spotInstanceTypes(spec, compute),
    idleTimeoutSeconds: Math.min(
      ALB_MAX_IDLE_TIMEOUT_SECONDS,
      Math.max(spec.loadBalancer.idleTimeoutSeconds, spec.loadBalancer.requestTimeoutSeconds),
    ),
    allowListInWaf,
    scaling: { cpuPercent: gpu ? undefined : spec.scaling.targetCpuPercent, requestsPerInstance: requests },
  };
}

/** Inbound rules per security group, by default ("Amazon VPC quotas"); each CIDR on each port is one. */
export const SECURITY_GROUP_MAX_INBOUND_RULES = 60;
/** Addresses in one AWS WAF IP set ("AWS WAF quotas"). */
export const WAF_IP_SET_MAX_ADDRESSES = 10_000;

/**
 * A security group is the better tool for an allow-list (it drops packets before TLS, and costs
 * nothing), until the list outgrows it: then the web ACL's IP set holds it, and the security
 * group admits everyone on the listener ports. Without a web ACL such a list is refused.
 */
function allowedCidrsInWaf(spec: InferenceServiceSpec, issues: SpecIssue[]): boolean {
  const cidrs = spec.loadBalancer.allowedCidrs;
  if (cidrs === undefined) return false;
  const tls = spec.loadBalancer.tls;
  const ports = tls.enabled && tls.redirectHttp ? 2 : 1;
  if (cidrs.length * ports <= SECURITY_GROUP_MAX_INBOUND_RULES) return false;
  if (!spec.loadBalancer.waf.enabled) {
    issues.push({
      path: "loadBalancer.allowedCidrs",
      message: `(${cidrs.length} ranges on ${ports} ports) needs more than the ${SECURITY_GROUP_MAX_INBOUND_RULES} inbound rules a security group holds: enable loadBalancer.waf, which then holds the list`,
    });
  } else if (cidrs.length > WAF_IP_SET_MAX_ADDRESSES) {
    issues.push({
      path: "loadBalancer.allowedCidrs",
      message: `(${cidrs.length} ranges) must have at most ${WAF_IP_SET_MAX_ADDRESSES} on aws`,
    });
  }
  return true;
}

/**
 * Spot capacity is reclaimed per instance type and zone: more types, more pools to draw from. The
 * catalog's types that fit the request (same GPU model), cheapest first, up to
 * {@link SPOT_PRICE_FACTOR} times the chosen type's price. An overridden type stays alone.
 */
export function spotInstanceTypes(spec: InferenceServiceSpec, compute: { machineType: string; overridden: boolean }): string[] {
  if (compute.overridden || !spec.spot?.enabled) return [compute.machineType];
  const size = { cpu: spec.compute.cpu, memoryGiB: spec.compute.memoryGiB, ...(spec.compute.gpu ? { gpu: spec.compute.gpu } : {}) };
  const catalog = CATALOGS.aws;
  const chosen = catalog.find((e) => e.id === compute.machineType);
  if (!chosen) return [compute.machineType];
  const others = catalog
    .filter((e) => e.id !== chosen.id && fits(e, size) && e.hourlyUsd <= chosen.hourlyUsd * SPOT_PRICE_FACTOR)
    .filter((e) => awsArchitecture(e.id) === awsArchitecture(chosen.id))
    .sort((a, b) => a.hourlyUsd - b.hourlyUsd || (a.id < b.id ? -1 : 1));
  return [chosen.id, ...others.map((e) => e.id)].slice(0, MAX_SPOT_INSTANCE_TYPES);
}

/** What an AWS service needs of its network, known before anything registers when the network is. */
export interface AwsNetworkFacts {
  /** Zones the network spans; undefined when the network does not say. */
  zones: number | undefined;
  /** The network's `nat` ("none": instances reach only its endpoints); undefined when the network does not say. */
  natMode: string | undefined;
}

/** An ALB needs subnets in at least two Availability Zones (ELB API reference, "CreateLoadBalancer": Subnets). */
export const ALB_MIN_ZONES = 2;

/** Refuses a network an AWS service cannot run on: one zone, or no NAT with an image outside ECR. */
export function checkAwsNetwork(name: string, network: AwsNetworkFacts, image: unknown, component: string): void {
  const issues: SpecIssue[] = [];
  if (network.zones !== undefined && network.zones < ALB_MIN_ZONES) {
    issues.push({
      path: "network",
      message: `spans ${network.zones} zone; an Application Load Balancer needs subnets in at least ${ALB_MIN_ZONES} zones (set the MlopsVpc's zones to 2 or more)`,
    });
  }
  if (network.natMode === "none" && typeof image === "string") {
    const problem = awsImageProblem(image, false);
    if (problem) issues.push({ path: "image", message: problem });
  }
  if (issues.length > 0) throw new SpecError(component, name, issues);
}
