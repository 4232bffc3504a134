import { describe, expect, it } from "vitest";
import type { InferenceServicePlan } from "../plan";
import { amiPinned, instanceRefresh, listenerPorts, listenerSettings, targetGroupSettings, targetTracking } from "./settings";

type Tls = InferenceServicePlan["loadBalancer"]["tls"];
/** Only the parts of a plan these settings read. */
const plan = (tls: Tls, algorithm: "roundRobin" | "leastRequests" = "roundRobin") =>
  ({
    container: { port: 8080 },
    loadBalancer: { tls, algorithm, stickiness: { enabled: false, durationSeconds: 86400 } },
    healthCheck: {
      path: "/health",
      intervalSeconds: 15,
      timeoutSeconds: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      gracePeriodSeconds: 600,
    },
    rollout: { maxSurgePercent: 25, maxUnavailablePercent: 10, minHealthyPercent: 90, autoRollback: false },
    scaling: { scaleOutCooldownSeconds: 120 },
  }) as InferenceServicePlan;

describe("listeners", () => {
  it.each([
    [{ mode: "managed", domain: "api.example.com", redirectHttp: true }, ["HTTP 80 redirect", "HTTPS 443 forward"], [80, 443]],
    [{ mode: "certificate", domain: undefined, redirectHttp: false }, ["HTTPS 443 forward"], [443]],
    [{ mode: "off", domain: undefined, redirectHttp: false }, ["HTTP 80 forward"], [80]],
  ] as const)("GIVEN TLS %j THEN the listeners are %j and clients are admitted on %j", (tls, listeners, ports) => {
    const p = plan(tls as Tls);
    expect(listenerSettings(p).map((l) => `${l.protocol} ${l.port} ${l.redirectToHttps ? "redirect" : "forward"}`)).toEqual(listeners);
    expect(listenerPorts(p)).toEqual(ports);
  });
});

describe("targets and rollout", () => {
  it.each([
    ["roundRobin", "round_robin"],
    ["leastRequests", "least_outstanding_requests"],
  ] as const)("GIVEN %s THEN the target group balances %s and checks health on the traffic port", (algorithm, type) => {
    const tg = targetGroupSettings(plan({ mode: "off", domain: undefined, redirectHttp: false }, algorithm));
    expect(tg).toMatchObject({ port: 8080, loadBalancingAlgorithmType: type, deregistrationDelay: 30 });
    expect(tg.healthCheck).toMatchObject({ port: "traffic-port", path: "/health", interval: 15, timeout: 5, matcher: "200" });
  });

  it("GIVEN the rollout THEN the refresh keeps between 100 - unavailable and 100 + surge percent healthy, after the grace period", () => {
    expect(instanceRefresh(plan({ mode: "off", domain: undefined, redirectHttp: false }))).toEqual({
      strategy: "Rolling",
      preferences: { minHealthyPercentage: 90, maxHealthyPercentage: 125, instanceWarmup: "600", skipMatching: false, autoRollback: false },
    });
  });

  it("GIVEN a metric and a target THEN target tracking leaves the warm-up to the group's default and scales in too", () => {
    expect(targetTracking({ predefinedMetricType: "ASGAverageCPUUtilization" }, 50)).toEqual({
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        targetValue: 50,
        disableScaleIn: false,
      },
    });
  });
});

describe("AMI", () => {
  const withAws = (aws: Partial<InferenceServicePlan["aws"]>) => ({ aws }) as InferenceServicePlan;
  it.each([
    [{ amiId: undefined, amiUpdates: "pinned" }, true],
    [{ amiId: undefined, amiUpdates: "latest" }, false],
    [{ amiId: "ami-0123456789abcdef0", amiUpdates: "pinned" }, false],
  ] as const)("GIVEN %j THEN the first AMI read is kept (later reads ignored): %s", (aws, pinned) => {
    expect(amiPinned(withAws(aws))).toBe(pinned);
  });
});
