import { describe, expect, it } from "vitest";
import { parseSpec } from "../../core/spec";
import { type InferenceServiceArgs, inferenceServiceSchema } from "./spec";

const network = { cloud: "aws", name: "core", cidr: "10.0.0.0/16" } as unknown as InferenceServiceArgs["network"];
const base: InferenceServiceArgs = {
  network,
  image: "repo/model:1",
  compute: { cpu: 2, memoryGiB: 4 },
  loadBalancer: { tls: { domain: "api.example.com" } },
};
const parse = (over: Record<string, unknown>) => parseSpec(inferenceServiceSchema, "InferenceService", "api", { ...base, ...over });

describe("InferenceService spec", () => {
  it("GIVEN the minimum THEN the documented defaults are filled in", () => {
    const spec = parse({});
    expect(spec.port).toBe(8080);
    expect(spec.healthCheck).toEqual({
      path: "/health",
      intervalSeconds: 15,
      timeoutSeconds: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
    });
    expect(spec.scaling).toMatchObject({ targetCpuPercent: 50, scaleInCooldownSeconds: 300 });
    // Left unset, so GCP (which has no scale-out cooldown) can refuse it when set; the plan fills in 60.
    expect(spec.scaling.scaleOutCooldownSeconds).toBeUndefined();
    expect(spec.loadBalancer).toMatchObject({
      scheme: "public",
      algorithm: "roundRobin",
      idleTimeoutSeconds: 60,
      stickiness: { enabled: false },
      accessLogs: { enabled: true },
      tls: { enabled: true, redirectHttp: true, domain: "api.example.com" },
    });
    // autoRollback and stickiness.durationSeconds are left unset, so a cloud that cannot honour them refuses only an explicit value.
    expect(spec.rollout).toEqual({ maxSurgePercent: 25, maxUnavailablePercent: 0 });
  });

  it("GIVEN no request timeout or WAF mode THEN it waits 300 s for an answer and its WAF blocks (prevention)", () => {
    const lb = parse({}).loadBalancer;
    expect([lb.requestTimeoutSeconds, lb.waf]).toEqual([300, { enabled: true, mode: "prevention" }]);
    expect(parse({ loadBalancer: { tls: { domain: "api.example.com" }, waf: { enabled: true } } }).loadBalancer.waf.mode).toBe(
      "prevention",
    );
  });

  it.each([
    [{ scaling: { min: 5, max: 2 } }, 'InferenceService "api": scaling.min (5) must be <= scaling.max (2)'],
    [{ port: 0 }, 'InferenceService "api": port (0) must be >= 1'],
    [{ port: 70000 }, 'InferenceService "api": port (70000) must be <= 65535'],
    [
      { compute: { cpu: 2, memoryGiB: 4, gpu: { type: "v100" } } },
      'InferenceService "api": compute.gpu.type ("v100") must be one of "t4", "l4", "a10g", "a100-40gb", "a100-80gb", "h100"',
    ],
    [{ compute: { cpu: 0, memoryGiB: 4 } }, 'InferenceService "api": compute.cpu (0) must be >= 1'],
    [
      { healthCheck: { path: "health" } },
      'InferenceService "api": healthCheck.path ("health") must be an absolute URL path such as "/health"',
    ],
    [
      { healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } },
      'InferenceService "api": healthCheck.timeoutSeconds (10) must be < healthCheck.intervalSeconds (10)',
    ],
    [
      { loadBalancer: {} },
      'InferenceService "api": loadBalancer.tls needs a domain (for a managed certificate) or a certificateId; or set loadBalancer.tls.enabled to false (not in prod)',
    ],
    [
      { loadBalancer: { tls: { domain: "API.example.com" } } },
      'InferenceService "api": loadBalancer.tls.domain ("API.example.com") must be a lowercase DNS name such as api.example.com',
    ],
    [
      { loadBalancer: { allowedCidrs: ["10.0.0.0/33"], tls: { domain: "a.example.com" } } },
      'InferenceService "api": loadBalancer.allowedCidrs.0 ("10.0.0.0/33") has a prefix length above 32',
    ],
    [
      { loadBalancer: { scheme: "private", tls: { domain: "a.example.com" } } },
      'InferenceService "api": loadBalancer.scheme ("private") must be one of "public", "internal"',
    ],
    [
      { rollout: { maxSurgePercent: 0, maxUnavailablePercent: 0 } },
      'InferenceService "api": rollout needs maxSurgePercent or maxUnavailablePercent above 0, or no instance could ever be replaced',
    ],
    [
      { spot: { enabled: true, onDemandBase: 5 }, scaling: { max: 3 } },
      'InferenceService "api": spot.onDemandBase (5) must be <= scaling.max (3)',
    ],
    [
      { azure: { rulePriority: 4000 }, loadBalancer: { tls: { certificateId: "c" } } },
      'InferenceService "api": azure.rulePriority (4000) must be <= 3998',
    ],
    [{ env: { "BAD-NAME": "x" } }, 'InferenceService "api": env.BAD-NAME must be an environment variable name'],
    [{ image: "" }, 'InferenceService "api": image ("") must be a container image reference such as registry.example.com/models/api:1.0'],
    [
      { image: "repo/model:1 --privileged" },
      'InferenceService "api": image ("repo/model:1 --privileged") must be a container image reference such as registry.example.com/models/api:1.0',
    ],
    [{ env: { PEM: "a\nb" } }, 'InferenceService "api": env.PEM ("a\\nb") must be a single line (no line breaks or NUL)'],
    [{ env: { X: "a\0b" } }, 'InferenceService "api": env.X ("a\\u0000b") must be a single line (no line breaks or NUL)'],
    [{ command: ["serve", "a\0b"] }, 'InferenceService "api": command.1 ("a\\u0000b") must not contain NUL'],
    [{ args: ["--x\0"] }, 'InferenceService "api": args.0 ("--x\\u0000") must not contain NUL'],
    [
      { rollout: { maxSurgePercent: 100, maxUnavailablePercent: 50 } },
      'InferenceService "api": rollout maxSurgePercent (100) + maxUnavailablePercent (50) must be <= 100',
    ],
    [
      { rollout: { maxSurgePercent: 60, maxUnavailablePercent: 41 } },
      'InferenceService "api": rollout maxSurgePercent (60) + maxUnavailablePercent (41) must be <= 100',
    ],
    [{ network: undefined }, 'InferenceService "api": network is required: pass an MlopsVpc\'s `network`'],
    [{ replicas: 3 }, 'InferenceService "api": replicas is not a known field (check its spelling)'],
  ])("GIVEN %j THEN it fails with: %s", (over, message) => {
    let error: Error | undefined;
    try {
      parse(over);
    } catch (err) {
      error = err as Error;
    }
    expect(error?.name).toBe("SpecError");
    expect(error?.message).toBe(message);
  });
});
