import type { InferenceServicePlan } from "../plan";

// The plan in the terms of Compute Engine and Cloud Load Balancing: the values, units and limits
// their APIs take, worked out without the SDK. The backend passes them to its resources.

/**
 * Where Google Front Ends connect from: the health checkers, and the global external Application
 * Load Balancer's proxies that forward client requests. Nothing else needs to reach an instance.
 */
export const GOOGLE_FRONT_END_RANGES = ["35.191.0.0/16", "130.211.0.0/22"] as const;

/**
 * The instances' project roles, by child-name suffix. Containers log to stdout and the COS agents
 * ship logs and metrics. No primitive role, nothing that writes beyond logs and metrics. Image
 * pulls are granted on the image's own repository instead (see `image.ts`).
 */
export const SERVICE_ACCOUNT_ROLES = {
  "log-writer": "roles/logging.logWriter",
  "metric-writer": "roles/monitoring.metricWriter",
} as const;

/** The instance group's named port, which the backend service sends traffic to. */
export const PORT_NAME = "http";

/** Cloud Armor's basic match condition takes at most this many ranges per rule. */
export const RANGES_PER_RULE = 10;
/** Cloud Armor's default rule: the lowest priority there is, matching what no other rule did. */
export const DEFAULT_RULE_PRIORITY = 2_147_483_647;
/**
 * The rollout limits of a regional managed instance group. GCP takes fixed counts there (percentages
 * only for groups of 10 or more), and each must be 0 or at least the number of zones, so that every
 * zone can move at once.
 *
 * The surge is raised to the zone count: a few minutes of extra instances cost money, not
 * availability. The unavailable count is never raised above what was asked (it is a promise about
 * capacity): below the zone count it becomes 0 and the rollout proceeds by surge alone. Only when
 * the spec allows no surge and its unavailable share rounds below the zone count is the unavailable
 * count raised to the zone count, the least that lets a rollout happen at all.
 */
export function regionalRolloutLimits(
  rollout: Pick<InferenceServicePlan["rollout"], "maxSurgeInstances" | "maxUnavailableInstances">,
  zones: number,
): { maxSurgeFixed: number; maxUnavailableFixed: number } {
  const maxSurgeFixed = rollout.maxSurgeInstances > 0 ? Math.max(rollout.maxSurgeInstances, zones) : 0;
  let maxUnavailableFixed = rollout.maxUnavailableInstances >= zones ? rollout.maxUnavailableInstances : 0;
  if (maxSurgeFixed === 0 && maxUnavailableFixed === 0) maxUnavailableFixed = zones;
  return { maxSurgeFixed, maxUnavailableFixed };
}

/** An instance's behaviour on preemption and host maintenance. */
export interface Scheduling {
  provisioningModel: "SPOT" | "STANDARD";
  preemptible?: boolean;
  automaticRestart: boolean;
  onHostMaintenance: "TERMINATE" | "MIGRATE";
  instanceTerminationAction?: "DELETE";
}

export function schedulingOf(plan: InferenceServicePlan): Scheduling {
  if (plan.spot.enabled) {
    // Spot VMs cannot live-migrate or restart themselves. DELETE rather than STOP: the group
    // recreates a preempted instance when capacity returns, and a stopped one would only hold its
    // disk (and its bill).
    return {
      provisioningModel: "SPOT",
      preemptible: true,
      automaticRestart: false,
      onHostMaintenance: "TERMINATE",
      instanceTerminationAction: "DELETE",
    };
  }
  // VMs with GPUs cannot live-migrate: host maintenance stops them, and they restart after it.
  return { provisioningModel: "STANDARD", automaticRestart: true, onHostMaintenance: plan.compute.gpu ? "TERMINATE" : "MIGRATE" };
}

/** What the autoscaler holds the group to. */
export function autoscalingPolicy(plan: InferenceServicePlan) {
  const scaling = plan.scaling;
  return {
    mode: "ON",
    minReplicas: scaling.min,
    maxReplicas: scaling.max,
    // The initialization period: a booting instance (image pull, model load) would report
    // misleading CPU, so the autoscaler ignores it for as long as it is allowed to boot.
    cooldownPeriod: plan.healthCheck.gracePeriodSeconds,
    // How long load must stay low before the group shrinks: the scale-in cooldown.
    stabilizationPeriod: scaling.scaleInCooldownSeconds,
    cpuUtilization: { target: scaling.targetCpuPercent / 100 },
    // Several signals: the autoscaler keeps the largest size any of them asks for.
    loadBalancingUtilization: plan.gcp.lbUtilizationTarget !== undefined ? { target: plan.gcp.lbUtilizationTarget } : undefined,
  };
}

/** How the backend service balances over the group, and how it keeps clients and ends requests. */
export function backendServiceSettings<G>(plan: InferenceServicePlan, group: G) {
  const lb = plan.loadBalancer;
  const rate = plan.gcp.maxRatePerInstance;
  return {
    loadBalancingScheme: plan.gcp.loadBalancingScheme,
    backends: [
      rate === undefined
        ? { group, balancingMode: "UTILIZATION", capacityScaler: 1 }
        : // Per second, with the plan's headroom (see GcpServicePlan.maxRatePerInstance).
          { group, balancingMode: "RATE", maxRatePerInstance: rate, capacityScaler: 1 },
    ],
    // A generated cookie keeps a client on one instance only under a hashing policy (pulumi-gcp
    // BackendService `sessionAffinity`: MAGLEV, WEIGHTED_MAGLEV or RING_HASH); the plan picks RING_HASH then.
    localityLbPolicy: plan.gcp.localityLbPolicy,
    sessionAffinity: lb.stickiness.enabled ? "GENERATED_COOKIE" : "NONE",
    affinityCookieTtlSec: lb.stickiness.enabled ? lb.stickiness.durationSeconds : undefined,
    // The backend service timeout of an Application Load Balancer is the time it waits for the
    // whole response (Google: "Backend service timeout"); draining as long lets every request in
    // flight on a departing instance finish. The idle timeout is the proxy's keepalive instead.
    timeoutSec: lb.requestTimeoutSeconds,
    connectionDrainingTimeoutSec: lb.drainTimeoutSeconds,
    logConfig: lb.accessLogs.enabled ? { enable: true, sampleRate: 1.0 } : { enable: false },
  };
}

/** A Cloud Armor rule that matches client source ranges. */
export interface SourceRangeRule {
  action: string;
  priority: number;
  description: string;
  match: { versionedExpr: "SRC_IPS_V1"; config: { srcIpRanges: string[] } };
}

/** A Cloud Armor rule that matches one of Google's preconfigured WAF rule sets. */
export interface WafRule {
  action: string;
  priority: number;
  description: string;
  preview: boolean;
  match: { expr: { expression: string } };
}

/**
 * Google's preconfigured WAF rules: ModSecurity Core Rule Set 3.3 ("Tune Google Cloud Armor
 * preconfigured WAF rules"), each at sensitivity 1, the level with the fewest false positives.
 */
export const WAF_RULE_SETS = [
  "sqli-v33-stable",
  "xss-v33-stable",
  "lfi-v33-stable",
  "rfi-v33-stable",
  "rce-v33-stable",
  "methodenforcement-v33-stable",
  "scannerdetection-v33-stable",
  "protocolattack-v33-stable",
  "sessionfixation-v33-stable",
] as const;
/** WAF rules come first (lower number wins), so that an admitted client is still inspected. */
export const WAF_FIRST_PRIORITY = 100;
/** Allow-list rules follow the WAF rules. */
export const ALLOWLIST_FIRST_PRIORITY = 1000;

/** The WAF rules: deny with 403 in prevention mode; in detection mode the same rules in preview (logged, not enforced). */
export function wafRules(mode: "prevention" | "detection"): WafRule[] {
  return WAF_RULE_SETS.map((set, i) => ({
    action: "deny(403)",
    priority: WAF_FIRST_PRIORITY + i,
    description: `OWASP CRS: ${set}`,
    preview: mode === "detection",
    match: { expr: { expression: `evaluatePreconfiguredWaf('${set}', {'sensitivity': 1})` } },
  }));
}

/**
 * A Cloud Armor policy's rules: the WAF rules first, then the allow-list (admitted ranges, then
 * deny everyone else), or, without an allow-list, a default rule that admits everyone the WAF lets by.
 */
export function securityPolicyRules(
  policy: NonNullable<InferenceServicePlan["gcp"]["securityPolicy"]>,
  cidrs: string[],
): (WafRule | SourceRangeRule)[] {
  const waf = policy.waf ? wafRules(policy.waf.mode) : [];
  if (policy.allowlist) return [...waf, ...allowlistRules(cidrs)];
  return [
    ...waf,
    {
      action: "allow",
      priority: DEFAULT_RULE_PRIORITY,
      description: "Every client the WAF rules let by",
      match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
    },
  ];
}

/** Cloud Armor rules that admit `cidrs`, at most {@link RANGES_PER_RULE} a rule, and refuse every other client. */
export function allowlistRules(cidrs: string[]): SourceRangeRule[] {
  const rules: SourceRangeRule[] = [];
  for (let i = 0; i * RANGES_PER_RULE < cidrs.length; i++) {
    rules.push({
      action: "allow",
      priority: ALLOWLIST_FIRST_PRIORITY + i,
      description: "Admitted client ranges",
      match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: cidrs.slice(i * RANGES_PER_RULE, (i + 1) * RANGES_PER_RULE) } },
    });
  }
  rules.push({
    action: "deny(403)",
    priority: DEFAULT_RULE_PRIORITY,
    description: "Every other client",
    match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
  });
  return rules;
}

/** The first `max` characters of `s` (code points, so no character is cut in half). */
export function clip(s: string, max: number): string {
  return [...s].slice(0, max).join("");
}
