import type { InferenceServicePlan } from "../plan";

// The plan in the terms of EC2, Elastic Load Balancing and EC2 Auto Scaling: the values, units and
// limits their APIs take, worked out without the SDK. The backend passes them to its resources.

// The ECS-optimized AMI parameters are chosen in the plan (plan-aws.ts), by GPU and architecture.
export { AMI_PARAMETER } from "../plan-aws";

/**
 * Is the AMI kept as first read? Then the launch template ignores later changes of `imageId`: the
 * id read at the first `pulumi up` stays in state, and a new AMI release does not roll the fleet
 * during an unrelated deployment. `aws.amiId` (or `amiUpdates: "latest"`) moves it on purpose.
 */
export function amiPinned(plan: InferenceServicePlan): boolean {
  return plan.aws.amiId === undefined && plan.aws.amiUpdates === "pinned";
}

/** Root device of the Amazon Linux AMIs: the volume sized and encrypted here. */
export const ROOT_DEVICE = "/dev/xvda";
/** Where the ALB writes its access logs inside the bucket. */
export const ACCESS_LOG_PREFIX = "access-logs";
/** TLS 1.3 and 1.2 only, forward-secret ciphers. */
export const SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** A listener of the load balancer: it forwards to the target group, or redirects to HTTPS. */
export interface ListenerSettings {
  protocol: "HTTP" | "HTTPS";
  port: 80 | 443;
  redirectToHttps: boolean;
}

/** HTTPS on 443, with HTTP on 80 redirecting to it when asked; plain HTTP on 80 when TLS is off. */
export function listenerSettings(plan: InferenceServicePlan): ListenerSettings[] {
  const tls = plan.loadBalancer.tls;
  if (tls.mode === "off") return [{ protocol: "HTTP", port: 80, redirectToHttps: false }];
  const https: ListenerSettings = { protocol: "HTTPS", port: 443, redirectToHttps: false };
  return tls.redirectHttp ? [{ protocol: "HTTP", port: 80, redirectToHttps: true }, https] : [https];
}

/** The ports the load balancer listens on, and so admits clients on. */
export function listenerPorts(plan: InferenceServicePlan): number[] {
  return listenerSettings(plan).map((l) => l.port);
}

/** How the target group routes to the instances and decides which of them are healthy. */
export function targetGroupSettings(plan: InferenceServicePlan) {
  const lb = plan.loadBalancer;
  const hc = plan.healthCheck;
  return {
    targetType: "instance",
    protocol: "HTTP",
    port: plan.container.port,
    loadBalancingAlgorithmType: lb.algorithm === "leastRequests" ? "least_outstanding_requests" : "round_robin",
    // Model calls finish in seconds: 30 s lets in-flight requests complete, where the 300 s
    // default would hold every scale-in and every rollout step for five minutes.
    deregistrationDelay: 30,
    healthCheck: {
      enabled: true,
      protocol: "HTTP",
      port: "traffic-port",
      path: hc.path,
      interval: hc.intervalSeconds,
      timeout: hc.timeoutSeconds,
      healthyThreshold: hc.healthyThreshold,
      unhealthyThreshold: hc.unhealthyThreshold,
      matcher: "200",
    },
    // Sent even when off: dropping the block would leave stickiness on after it was enabled once.
    stickiness: { type: "lb_cookie", enabled: lb.stickiness.enabled, cookieDuration: lb.stickiness.durationSeconds },
  };
}

/** Instance refresh limits: AWS takes the maximum in 100–200 and a span of at most 100 points. */
export function instanceRefreshPercentages(plan: InferenceServicePlan): { minHealthyPercentage: number; maxHealthyPercentage: number } {
  // The spec keeps surge + unavailable within 100 points, the widest span AWS accepts.
  return { minHealthyPercentage: plan.rollout.minHealthyPercent, maxHealthyPercentage: 100 + plan.rollout.maxSurgePercent };
}

/** How a change to the instances rolls out. */
export function instanceRefresh(plan: InferenceServicePlan) {
  return {
    strategy: "Rolling",
    // A refresh starts on any change to the launch template or mixed instances policy; no
    // other property needs to roll the instances.
    preferences: {
      ...instanceRefreshPercentages(plan),
      instanceWarmup: String(plan.healthCheck.gracePeriodSeconds),
      skipMatching: false,
      // The provider moves the group to the new version before it starts the refresh, so an
      // automatic rollback can redeploy that same version rather than the previous one
      // (hashicorp/terraform-provider-aws#34189): deploy the previous image to go back.
      autoRollback: plan.rollout.autoRollback,
    },
  };
}

/** With spot: `spot.onDemandBase` instances on demand, every other one spot. */
export function spotDistribution(plan: InferenceServicePlan) {
  return {
    onDemandBaseCapacity: plan.spot.onDemandBase,
    onDemandPercentageAboveBaseCapacity: 0,
    spotAllocationStrategy: "price-capacity-optimized",
  };
}

/**
 * A target-tracking policy on one of Auto Scaling's predefined metrics. No
 * `estimatedInstanceWarmup`: the group's default instance warm-up (the health-check grace period)
 * applies, so new instances, GPU ones still loading their model, do not count before they serve.
 * Target tracking has no cooldowns (the spec's scale-out and scale-in cooldowns have no equivalent
 * here); scale-in stays on and is gradual by AWS's design.
 */
export function targetTracking<L>(metric: { predefinedMetricType: string; resourceLabel?: L }, targetValue: number) {
  return {
    policyType: "TargetTrackingScaling",
    targetTrackingConfiguration: { predefinedMetricSpecification: metric, targetValue, disableScaleIn: false },
  };
}
