import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeployContext } from "../../core/context";
import { COMPONENT_NAME_MAX, componentNameProblem } from "../../core/naming";
import { parseSpec } from "../../core/spec";
import { regionalRolloutLimits } from "./gcp/settings";
import { planInferenceService } from "./plan";
import { GCP_LB_UTILIZATION_TARGET, placeGcpGroup } from "./plan-gcp";
import { type InferenceServiceArgs, inferenceServiceSchema } from "./spec";

const ctx = (profile: "dev" | "prod" = "dev"): DeployContext => ({
  cloud: "gcp",
  profile,
  scope: { project: "p", stack: profile },
  tags: { "managed-by": "mlops-kit" },
  region: "us-central1",
});
const network = { cloud: "gcp", name: "core", cidr: "10.0.0.0/16" } as unknown as InferenceServiceArgs["network"];
const plan = (over: Partial<InferenceServiceArgs> = {}, name = "api", c = ctx()) =>
  planInferenceService(
    name,
    parseSpec(inferenceServiceSchema, "InferenceService", name, {
      network,
      image: "us-docker.pkg.dev/acme-ml/models/api:1",
      compute: { cpu: 2, memoryGiB: 4 },
      loadBalancer: { tls: { domain: "api.example.com" } },
      ...over,
    }),
    c,
  );

const acceptedComponentName = fc
  .stringMatching(new RegExp(`^[a-z]([a-z0-9-]{0,${COMPONENT_NAME_MAX - 2}}[a-z0-9])?$`))
  .filter((n) => componentNameProblem(n) === undefined);
const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

describe("planInferenceService on GCP", () => {
  it("GIVEN any accepted component name THEN every GCP name the plan gives is RFC 1035 and at most 63 characters", () => {
    fc.assert(
      fc.property(acceptedComponentName, fc.boolean(), (name, internal) => {
        const p = plan(internal ? { loadBalancer: { scheme: "internal", tls: { certificateId: "c" } } } : {}, name);
        const { templatePrefix, ...names } = p.gcp.names;
        for (const n of Object.values(names)) expect(n).toMatch(RFC1035);
        // The provider appends 26 characters to a prefix of at most 37 (pulumi-gcp RegionInstanceTemplate).
        expect(`${templatePrefix}-`.length).toBeLessThanOrEqual(37);
        expect(`${templatePrefix}-20260101000000000000000001`).toMatch(RFC1035);
        expect(p.gcp.networkTag).toMatch(RFC1035);
        expect(p.gcp.baseInstanceName.length).toBeLessThanOrEqual(58);
      }),
    );
  });

  it("GIVEN a request-rate target THEN the plan holds the 0.8 headroom: the backend's rate per second is the target over it", () => {
    const p = plan({ scaling: { targetRequestsPerInstance: 1200 } });
    expect(p.gcp.lbUtilizationTarget).toBe(GCP_LB_UTILIZATION_TARGET);
    expect(p.gcp.maxRatePerInstance).toBe(1200 / 60 / 0.8);
    expect(plan().gcp.maxRatePerInstance).toBeUndefined();
  });

  it.each([
    // max 10, 25% unavailable: floor gives 2 (ceil would give 3); 3 zones: 2 is below them, so 0 and surge carries it.
    [10, 25, 25, 3, { maxSurgeFixed: 3, maxUnavailableFixed: 0 }],
    // max 10, 35% unavailable: floor 3 (ceil 4), at least the 3 zones, kept exactly.
    [10, 0, 35, 3, { maxSurgeFixed: 0, maxUnavailableFixed: 3 }],
    // max 7, 50% unavailable: floor 3 (ceil 4), 2 zones.
    [7, 10, 50, 2, { maxSurgeFixed: 2, maxUnavailableFixed: 3 }],
  ] as const)(
    "GIVEN max %i, surge %i%%, unavailable %i%% over %i zones THEN the group's rollout counts are exactly %o",
    (max, surge, unavailable, zones, expected) => {
      const p = plan({ scaling: { max }, rollout: { maxSurgePercent: surge, maxUnavailablePercent: unavailable } });
      expect(regionalRolloutLimits(p.rollout, zones)).toEqual(expected);
    },
  );

  it("GIVEN a GPU or spot THEN the group takes the BALANCED shape with redistribution off; a CPU group stays EVEN", () => {
    expect(plan({ compute: { cpu: 4, memoryGiB: 16, gpu: { type: "l4" } } }).gcp.distribution).toEqual({
      targetShape: "BALANCED",
      redistribution: "NONE",
    });
    expect(plan({ spot: { enabled: true } }).gcp.distribution).toEqual({ targetShape: "BALANCED", redistribution: "NONE" });
    expect(plan().gcp.distribution).toEqual({ targetShape: "EVEN", redistribution: "PROACTIVE" });
  });

  it("GIVEN an A3 machine THEN its NIC is gVNIC; GIVEN others THEN the image's default", () => {
    expect(plan({ gcp: { machineType: "a3-highgpu-8g" } }).gcp.nicType).toBe("GVNIC");
    expect(plan({ gcp: { machineType: "a3-highgpu-1g" }, spot: { enabled: true } }).gcp.nicType).toBe("GVNIC");
    expect(plan().gcp.nicType).toBeUndefined();
    expect(() => plan({ gcp: { machineType: "a3-highgpu-2g" } })).toThrow(/offered only as Spot or flex-start VMs/);
  });

  it("GIVEN a Hyperdisk-only machine series THEN the boot disk is hyperdisk-balanced; GIVEN the catalog's and C3 THEN pd-balanced", () => {
    for (const machineType of ["n4-standard-4", "c4-standard-8", "c4d-standard-8", "n4d-standard-4"]) {
      expect(plan({ gcp: { machineType } }).gcp.bootDiskType, machineType).toBe("hyperdisk-balanced");
    }
    expect(plan().gcp.bootDiskType).toBe("pd-balanced");
    expect(plan({ gcp: { machineType: "c3-standard-4" } }).gcp.bootDiskType).toBe("pd-balanced");
    expect(plan({ gcp: { machineType: "n2-standard-4" } }).gcp.bootDiskType).toBe("pd-balanced");
  });

  it("GIVEN an Arm machine type THEN it is refused before anything registers, naming gcp.machineType", () => {
    for (const machineType of ["t2a-standard-4", "c4a-standard-4", "n4a-standard-4"]) {
      expect(() => plan({ gcp: { machineType } }), machineType).toThrow(
        new RegExp(`gcp\\.machineType \\(${machineType}\\).*x86-64 Container-Optimized OS`),
      );
    }
  });

  it("GIVEN the WAF and allow-list settings THEN the plan decides the Cloud Armor policy", () => {
    expect(plan().gcp.securityPolicy).toEqual({ waf: { mode: "prevention" }, allowlist: false });
    expect(plan({ loadBalancer: { waf: { enabled: false }, tls: { domain: "a.example.com" } } }).gcp.securityPolicy).toBeUndefined();
    expect(
      plan({ loadBalancer: { waf: { enabled: false }, allowedCidrs: ["10.0.0.0/8"], tls: { domain: "a.example.com" } } }).gcp
        .securityPolicy,
    ).toEqual({ waf: undefined, allowlist: true });
    expect(plan({ loadBalancer: { scheme: "internal", tls: { certificateId: "c" } } }).gcp.securityPolicy).toEqual({
      waf: { mode: "prevention" },
      allowlist: true,
    });
  });

  it("GIVEN a new domain THEN the certificate gets a new name, so it is created before the old one is released", () => {
    const a = plan().gcp.names.certificate;
    const b = plan({ loadBalancer: { tls: { domain: "api2.example.com" } } }).gcp.names.certificate;
    expect(a).not.toBe(b);
    expect(plan().gcp.names.backendService).toBe(plan({ loadBalancer: { tls: { domain: "api2.example.com" } } }).gcp.names.backendService);
  });

  describe("GIVEN the group's placement over the network's zones", () => {
    const place = (gpu: "t4" | "l4" | "a100-80gb" | undefined, region: string, zones: string[]) => {
      const compute = gpu ? { cpu: 4, memoryGiB: 15, gpu: { type: gpu } } : { cpu: 2, memoryGiB: 4 };
      const p = plan({ compute });
      return placeGcpGroup(p.name, p.compute.gpu, region, zones);
    };
    const dev = ["us-central1-a", "us-central1-b"];

    it("WHEN the group has no GPU THEN it takes the network's zones as they are", () => {
      expect(place(undefined, "us-central1", dev)).toEqual({ zones: dev, moved: false, unchecked: undefined });
    });

    it("WHEN every network zone offers the GPU THEN the zones stay the network's", () => {
      expect(place("t4", "us-central1", dev)).toEqual({ zones: dev, moved: false, unchecked: undefined });
      expect(place("l4", "europe-west4", ["europe-west4-a", "europe-west4-b", "europe-west4-c"]).zones).toEqual([
        "europe-west4-a",
        "europe-west4-b",
        "europe-west4-c",
      ]);
    });

    it("WHEN only some of the region's zones offer the GPU THEN the group takes those, as many as the network spans", () => {
      // A100 80GB in us-central1: zones a and c, not b.
      expect(place("a100-80gb", "us-central1", dev)).toEqual({
        zones: ["us-central1-a", "us-central1-c"],
        moved: true,
        unchecked: undefined,
      });
      expect(place("a100-80gb", "us-central1", ["us-central1-a"]).zones).toEqual(["us-central1-a"]);
    });

    it("WHEN the region offers the GPU in no zone THEN a SpecError on compute.gpu says where it is offered", () => {
      expect(() => place("a100-80gb", "us-east1", ["us-east1-b", "us-east1-c"])).toThrow(
        'InferenceService "api": compute.gpu (a100-80gb, nvidia-a100-80gb) is offered in no zone of us-east1; ' +
          "regions that offer it in 2 zones: us-central1, us-east5",
      );
    });

    it("WHEN the region offers it in fewer zones than the network spans THEN the SpecError lists them and the alternatives", () => {
      expect(() => place("a100-80gb", "europe-west4", ["europe-west4-a", "europe-west4-b"])).toThrow(
        'InferenceService "api": compute.gpu (a100-80gb, nvidia-a100-80gb) is offered in 1 zone of europe-west4 (europe-west4-a), ' +
          "fewer than the network's 2; give the network 1 zone, or see regions that offer it in 2 zones: us-central1, us-east5",
      );
    });

    it("WHEN the region is not in the table THEN the network's zones are kept and the placement says it was not checked", () => {
      const zones = ["africa-south1-a", "africa-south1-b"];
      const p = place("l4", "africa-south1", zones);
      expect(p.zones).toEqual(zones);
      expect(p.moved).toBe(false);
      expect(p.unchecked).toBe(
        "africa-south1 is not in the catalog's GPU zone table, so the group takes the network's zones " +
          '(africa-south1-a, africa-south1-b) unchecked; check them with gcloud compute accelerator-types list --filter="zone:africa-south1 AND name=nvidia-l4"',
      );
    });
  });
});
