import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError, UnsupportedError } from "../../core/errors";
import { parseSpec } from "../../core/spec";
import { AZURE_RULE_BAND, checkNetworkEgress, planInferenceService, rulePriority } from "./plan";
import { type InferenceServiceArgs, inferenceServiceSchema } from "./spec";

const ctx = (cloud: CloudId = "aws", profile: "dev" | "prod" = "dev"): DeployContext => ({
  cloud,
  profile,
  scope: { project: "p", stack: profile },
  tags: { "managed-by": "mlops-kit" },
  region: undefined,
});
const network = { cloud: "aws", name: "core", cidr: "10.0.0.0/16" } as unknown as InferenceServiceArgs["network"];
const plan = (over: Partial<InferenceServiceArgs> = {}, c: DeployContext = ctx()) =>
  planInferenceService(
    "api",
    parseSpec(inferenceServiceSchema, "InferenceService", "api", {
      network,
      image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1",
      compute: { cpu: 2, memoryGiB: 4 },
      loadBalancer: { tls: { domain: "api.example.com" } },
      ...over,
    }),
    c,
  );

describe("planInferenceService", () => {
  it.each([
    ["dev", 1, 3, 0, 30, false],
    ["prod", 2, 10, 1, 365, true],
  ] as const)(
    "GIVEN profile %s THEN min %i, max %i, on-demand base %i, logs %i days, protection %s",
    (profile, min, max, base, days, protect) => {
      const p = plan({}, ctx("aws", profile));
      expect([p.scaling.min, p.scaling.max, p.spot.onDemandBase]).toEqual([min, max, base]);
      expect(p.loadBalancer.accessLogs.retentionDays).toBe(days);
      expect([p.loadBalancer.deletionProtection, p.retainLogs]).toEqual([protect, protect]);
    },
  );

  it.each([
    [60, 60],
    [3600, 3600],
  ])(
    "GIVEN a request timeout of %i s WHEN planned THEN instances drain for %i s (the request timeout, which the spec caps at an hour)",
    (timeout, drain) => {
      const p = plan({ loadBalancer: { tls: { domain: "api.example.com" }, requestTimeoutSeconds: timeout } }, ctx("gcp"));
      expect(p.loadBalancer.drainTimeoutSeconds).toBe(drain);
    },
  );

  it("GIVEN only max 1 in prod THEN min follows it down instead of failing", () => {
    expect(plan({ scaling: { max: 1 } }, ctx("aws", "prod")).scaling).toMatchObject({ min: 1, max: 1 });
  });

  it.each([
    ["aws", { cpu: 2, memoryGiB: 4 }, "t3.medium"],
    ["gcp", { cpu: 4, memoryGiB: 16, gpu: { type: "l4" } }, "g2-standard-4"],
    ["azure", { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } }, "Standard_NC4as_T4_v3"],
  ] as const)("GIVEN %s and %j THEN the machine type is %s", (cloud, compute, machineType) => {
    const tls = cloud === "azure" ? { certificateId: "https://kv.vault.azure.net/secrets/c" } : { domain: "api.example.com" };
    expect(plan({ compute, loadBalancer: { tls } }, ctx(cloud)).compute.machineType).toBe(machineType);
  });

  it("GIVEN a GPU THEN a larger disk and a longer grace period by default", () => {
    const p = plan({ compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } } });
    expect([p.diskGiB, p.healthCheck.gracePeriodSeconds, p.compute.gpu]).toEqual([200, 600, { type: "t4", count: 1 }]);
  });

  it("GIVEN aws.instanceType THEN it wins, with the catalog's GPU details when it knows the type", () => {
    const p = plan({ compute: { cpu: 2, memoryGiB: 4, gpu: { type: "t4" } }, aws: { instanceType: "g4dn.2xlarge" } });
    expect(p.compute).toMatchObject({ machineType: "g4dn.2xlarge", cpu: 8, gpu: { type: "t4", count: 1 }, overridden: true });
  });

  it("GIVEN a GPU GCP does not offer THEN the error names compute.gpu.type and the GPUs it has", () => {
    expect(() => plan({ compute: { cpu: 4, memoryGiB: 16, gpu: { type: "a10g" } } }, ctx("gcp"))).toThrow(
      'InferenceService "api": compute.gpu.type ("a10g") is not offered on gcp; choose one of t4, l4, a100-40gb, a100-80gb, h100 (or set gcp.machineType)',
    );
  });

  it("GIVEN a size nothing fits THEN the error lists the nearest types", () => {
    expect(() => plan({ compute: { cpu: 400, memoryGiB: 16 } })).toThrow(
      /compute \(400 vCPU, 16 GiB\) fits no aws EC2 instance type; nearest: m6i\.16xlarge/,
    );
  });

  it("GIVEN TLS off in prod THEN it is refused; in dev it plans plain HTTP without a redirect", () => {
    expect(() => plan({ loadBalancer: { tls: { enabled: false } } }, ctx("aws", "prod"))).toThrow(
      'InferenceService "api": loadBalancer.tls.enabled (false) is not allowed in the prod profile: a production endpoint serves HTTPS only',
    );
    expect(plan({ loadBalancer: { tls: { enabled: false } } }).loadBalancer.tls).toEqual({
      mode: "off",
      domain: undefined,
      redirectHttp: false,
    });
  });

  it("GIVEN a certificate id THEN the TLS mode is certificate; a domain makes it managed", () => {
    expect(plan({ loadBalancer: { tls: { certificateId: "arn:aws:acm:us-east-1:1:certificate/x" } } }).loadBalancer.tls.mode).toBe(
      "certificate",
    );
    expect(plan().loadBalancer.tls).toEqual({ mode: "managed", domain: "api.example.com", redirectHttp: true });
  });

  it("GIVEN an internal load balancer without allowedCidrs THEN the plan leaves them to the network's range; public defaults to anywhere", () => {
    expect(plan({ loadBalancer: { scheme: "internal", tls: { domain: "api.example.com" } } }).loadBalancer.allowedCidrs).toBeUndefined();
    expect(plan().loadBalancer.allowedCidrs).toEqual(["0.0.0.0/0"]);
  });

  it.each([
    [
      "azure",
      { loadBalancer: { tls: { domain: "api.example.com" } } },
      'InferenceService "api": loadBalancer.tls.domain is not supported on azure: Application Gateway has no managed certificates',
    ],
    [
      "azure",
      { loadBalancer: { algorithm: "leastRequests", tls: { certificateId: "https://kv/s" } } },
      "loadBalancer.algorithm (leastRequests) is not supported on azure: Application Gateway v2 balances round robin only",
    ],
    [
      "azure",
      { loadBalancer: { tls: { certificateId: "https://kv/s" }, accessLogs: { retentionDays: 731 } } },
      "loadBalancer.accessLogs.retentionDays is not supported on azure: (731) is above 730, the longest a Log Analytics workspace keeps logs",
    ],
    [
      "gcp",
      { spot: { enabled: true, onDemandBase: 1 } },
      "spot.onDemandBase is not supported on gcp: a managed instance group runs all-spot or all-standard VMs",
    ],
  ] as const)("GIVEN %s and %j THEN an UnsupportedError says what the cloud lacks", (cloud, over, message) => {
    let error: Error | undefined;
    try {
      plan(over as Partial<InferenceServiceArgs>, ctx(cloud));
    } catch (err) {
      error = err as Error;
    }
    expect(error?.name).toBe("UnsupportedError");
    expect(error?.message).toContain(message);
  });

  it("GIVEN spot on GCP in prod without a base THEN the base defaults to 0 there", () => {
    expect(plan({ spot: { enabled: true } }, ctx("gcp", "prod")).spot).toEqual({ enabled: true, onDemandBase: 0 });
  });

  it("property: rollout counts stay within the group and minimum healthy is 100 - maxUnavailable", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 50 }),
        (surge, asked, max) => {
          const unavailable = Math.min(asked, 100 - surge);
          const p = plan({ rollout: { maxSurgePercent: surge, maxUnavailablePercent: unavailable }, scaling: { min: 1, max } });
          expect(p.rollout.maxSurgeInstances).toBeGreaterThanOrEqual(1);
          expect(p.rollout.maxSurgeInstances).toBeLessThanOrEqual(max);
          expect(p.rollout.maxUnavailableInstances).toBeLessThanOrEqual(max);
          expect(p.rollout.minHealthyPercent).toBe(100 - unavailable);
        },
      ),
    );
  });

  // Surge rounds up (a rollout always has a new instance to start); unavailability rounds down (a
  // rollout never takes out more serving instances than the percentage allows).
  it.each([
    [10, 25, 0, 3, 0],
    [3, 25, 50, 1, 1],
    [5, 10, 30, 1, 1],
    [4, 50, 50, 2, 2],
    [7, 30, 70, 3, 4],
  ] as const)(
    "GIVEN max %i, maxSurgePercent %i and maxUnavailablePercent %i THEN %i surge and %i unavailable instances",
    (max, surge, unavailable, surgeN, unavailableN) => {
      const p = plan({ rollout: { maxSurgePercent: surge, maxUnavailablePercent: unavailable }, scaling: { min: 1, max } });
      expect([p.rollout.maxSurgeInstances, p.rollout.maxUnavailableInstances]).toEqual([surgeN, unavailableN]);
    },
  );

  it("GIVEN TLS off (dev) THEN clients call plain HTTP at the load balancer's own address", () => {
    const p = plan({ loadBalancer: { tls: { enabled: false } } });
    expect(p.endpoint).toEqual({ scheme: "http", hostName: undefined });
    expect(plan().endpoint).toEqual({ scheme: "https", hostName: "api.example.com" });
  });

  it("GIVEN a minimum above the profile's maximum and no maximum THEN the maximum rises to the minimum", () => {
    expect(plan({ scaling: { min: 5 } }).scaling).toMatchObject({ min: 5, max: 5 });
  });

  it("GIVEN a service THEN the ALB and target group names are stable, hashed and within 32 characters", () => {
    expect(plan().aws.loadBalancerName).toMatch(/^api-lb-[a-z0-9]{6}$/);
    expect(plan().aws.targetGroupName).toMatch(/^api-tg-8080-[a-z0-9]{6}$/);
    expect(plan().aws.loadBalancerName).toBe(plan().aws.loadBalancerName);
  });

  describe("Azure", () => {
    const azure = (over: Partial<InferenceServiceArgs["loadBalancer"]> = {}, profile: "dev" | "prod" = "dev") =>
      plan({ loadBalancer: { tls: { certificateId: "https://kv.vault.azure.net/secrets/c" }, ...over } }, ctx("azure", profile)).azure;

    it.each([
      ["dev", { min: 0, max: 10 }, 30],
      ["prod", { min: 2, max: 20 }, 365],
    ] as const)("GIVEN profile %s THEN the gateway scales over %j capacity units and keeps logs %i days", (profile, capacity, days) => {
      const a = azure({}, profile);
      expect(a.gatewayCapacity).toEqual(capacity);
      expect(a.logRetentionDays).toBe(days);
      expect(a.gatewayName).toMatch(/^api-gateway/);
    });

    it.each([
      [7, 30],
      [30, 30],
      [400, 400],
      [730, 730],
    ])("GIVEN access logs kept %i days THEN the workspace keeps %i, never fewer than asked", (asked, kept) => {
      expect(azure({ accessLogs: { retentionDays: asked } }).logRetentionDays).toBe(kept);
    });

    it("GIVEN access logs off THEN a retention Log Analytics cannot keep is not refused", () => {
      expect(() => azure({ accessLogs: { enabled: false, retentionDays: 1000 } })).not.toThrow();
    });

    it("GIVEN the service's name THEN its NSG priority and frontend seed are the same in every plan", () => {
      expect(azure().rulePriority).toBe(rulePriority("api"));
      expect(azure().privateFrontendSeed).toBe(azure({}, "prod").privateFrontendSeed);
    });

    it("property: a service's two NSG priorities sit in its own slot of the band, below the network's rules at 4000", () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1 }), (name) => {
          const p = rulePriority(name);
          expect((p - AZURE_RULE_BAND.first) % AZURE_RULE_BAND.width).toBe(0);
          expect(p).toBeGreaterThanOrEqual(AZURE_RULE_BAND.first);
          expect(p + 1).toBeLessThan(4000);
        }),
      );
    });

    it("GIVEN 3000 service names THEN their first priorities fill the band to its last slot (3990) and never reach 4000", () => {
      const priorities = Array.from({ length: 3000 }, (_, i) => rulePriority(`svc-${i}`));
      const last = AZURE_RULE_BAND.first + (AZURE_RULE_BAND.slots - 1) * AZURE_RULE_BAND.width;
      expect(last).toBe(3990);
      expect(Math.max(...priorities)).toBe(last);
      expect(Math.min(...priorities)).toBe(AZURE_RULE_BAND.first);
    });

    it("GIVEN a domain and a Key Vault certificate for it THEN the URL's host is the domain and the TLS mode is certificate", () => {
      const p = plan(
        { loadBalancer: { tls: { domain: "api.example.com", certificateId: "https://kv.vault.azure.net/secrets/c" } } },
        ctx("azure"),
      );
      expect(p.endpoint).toEqual({ scheme: "https", hostName: "api.example.com" });
      expect(p.loadBalancer.tls.mode).toBe("certificate");
    });

    it.each(["aws", "gcp"] as const)("GIVEN a domain and a certificateId on %s THEN it is refused naming loadBalancer.tls", (cloud) => {
      expect(() => plan({ loadBalancer: { tls: { domain: "a.example.com", certificateId: "arn:x" } } }, ctx(cloud))).toThrow(
        new SpecError("InferenceService", "api", [{ path: "loadBalancer.tls", message: "takes a domain or a certificateId, not both" }]),
      );
    });

    it.each([
      [{ rollout: { autoRollback: true } }, "rollout.autoRollback"],
      [
        { loadBalancer: { stickiness: { enabled: true, durationSeconds: 600 }, tls: { certificateId: "c" } } },
        "loadBalancer.stickiness.durationSeconds",
      ],
      [
        { azure: { vmSize: "Standard_ND96isr_H100_v5" }, compute: { cpu: 8, memoryGiB: 64, gpu: { type: "h100" as const } } },
        "azure.vmSize (Standard_ND96isr_H100_v5)",
      ],
    ])("GIVEN %j on azure THEN it is refused as unsupported, naming %s", (over, field) => {
      const run = () => plan({ loadBalancer: { tls: { certificateId: "c" } }, ...over }, ctx("azure"));
      expect(run).toThrow(UnsupportedError);
      expect(run).toThrow(field);
    });

    it("GIVEN autoRollback and the cookie lifetime left unset THEN no cloud plans a rollback and the cookie lasts an hour", () => {
      expect(plan({ loadBalancer: { tls: { certificateId: "c" } } }, ctx("azure")).rollout.autoRollback).toBe(false);
      expect(plan({}, ctx("aws")).rollout.autoRollback).toBe(false);
      expect(plan({}, ctx("aws")).loadBalancer.stickiness.durationSeconds).toBe(3600);
    });

    it("GIVEN targets THEN the plan decides the scale-in thresholds (half of each target) and the GPU driver", () => {
      const p = plan(
        {
          compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } },
          scaling: { targetCpuPercent: 70, targetRequestsPerInstance: 300 },
          loadBalancer: { tls: { certificateId: "c" } },
        },
        ctx("azure"),
      );
      expect(p.azure.scaleIn).toEqual({ cpuPercent: 35, requestsPerInstance: 150 });
      expect(p.azure.gpuDriver).toBe("extension");
      expect(azure().scaleIn).toEqual({ cpuPercent: 25, requestsPerInstance: undefined });
      expect(azure().gpuDriver).toBe("none");
      expect(azure().healthExtensionVersion).toBe("1.0");
      const rich = plan({ azure: { richHealthStates: true }, loadBalancer: { tls: { certificateId: "c" } } }, ctx("azure"));
      expect(rich.azure.healthExtensionVersion).toBe("2.0");
    });

    it("GIVEN azure.rulePriority THEN the plan pins it; without it the hashed slot is a preference", () => {
      const pinned = plan({ azure: { rulePriority: 1234 }, loadBalancer: { tls: { certificateId: "c" } } }, ctx("azure")).azure;
      expect([pinned.rulePriority, pinned.rulePriorityPinned]).toEqual([1234, true]);
      expect(azure().rulePriorityPinned).toBe(false);
    });

    it("GIVEN a network with nat none THEN an Azure service refuses it naming network; other clouds and NAT networks pass", () => {
      const p = plan({ loadBalancer: { tls: { certificateId: "c" } } }, ctx("azure"));
      expect(p.cloud).toBe("azure");
      expect(() => checkNetworkEgress(p, { name: "core", natMode: "none" })).toThrow(/network is MlopsVpc "core" with nat "none"/);
      expect(() => checkNetworkEgress(p, { name: "core", natMode: "single" })).not.toThrow();
      expect(() => checkNetworkEgress(plan({}, ctx("aws")), { name: "core", natMode: "none" })).not.toThrow();
    });
  });
});

describe("rollout.autoRollback on every cloud", () => {
  // Plain HTTP in dev: a spec every cloud accepts as it is.
  const planOn = (cloud: CloudId, over: Partial<InferenceServiceArgs>) =>
    plan({ loadBalancer: { tls: { enabled: false } }, ...over }, ctx(cloud));

  it.each(["aws", "gcp", "azure"] as const)("GIVEN no autoRollback on %s THEN it is off", (cloud) => {
    expect(planOn(cloud, {}).rollout.autoRollback).toBe(false);
  });

  it("GIVEN autoRollback true THEN AWS plans it, and GCP and Azure refuse it by name", () => {
    expect(planOn("aws", { rollout: { autoRollback: true } }).rollout.autoRollback).toBe(true);
    expect(() => planOn("gcp", { rollout: { autoRollback: true } })).toThrow("rollout.autoRollback is not supported on gcp");
    expect(() => planOn("azure", { rollout: { autoRollback: true } })).toThrow("rollout.autoRollback is not supported on azure");
  });
});

describe("diskGiB on Azure", () => {
  const azure = (diskGiB: number) => plan({ diskGiB, loadBalancer: { tls: { certificateId: "c" } } }, ctx("azure"));

  it("GIVEN a disk smaller than the Ubuntu image (30 GiB) THEN the spec fails on diskGiB", () => {
    expect(() => azure(29)).toThrow('InferenceService "api": diskGiB (29) must be >= 30 on azure');
  });

  it("GIVEN 30 GiB THEN it is planned", () => {
    expect(azure(30).diskGiB).toBe(30);
  });
});
