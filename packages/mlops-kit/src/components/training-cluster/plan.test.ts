import { describe, expect, it } from "vitest";
import type { CloudId, Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { NAME_RULES } from "../../core/naming";
import { parseSpec } from "../../core/spec";
import { CHARTS, CLUSTER_AUTOSCALER, clusterAutoscalerImageTag } from "./charts";
import { checkClusterEgress, planTrainingCluster } from "./plan";
import { gkeMasterCidr } from "./plan-gcp";
import { type TrainingClusterArgs, trainingClusterSchema } from "./spec";

const network = { cloud: "aws", name: "core" } as unknown as TrainingClusterArgs["network"];
const ctx = (cloud: CloudId, profile: Profile = "dev"): DeployContext => ({
  cloud,
  profile,
  scope: { project: "mlops", stack: `${cloud}-${profile}` },
  tags: { "managed-by": "mlops-kit" },
  region: undefined,
});
const plan = (cloud: CloudId, over: Partial<TrainingClusterArgs> = {}, profile: Profile = "dev") =>
  planTrainingCluster("train", parseSpec(trainingClusterSchema, "TrainingCluster", "train", { network, ...over }), ctx(cloud, profile));

/** Whether the dotted version `a` is at least `b`, number by number. */
const atLeast = (a: string, b: string): boolean => {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) > (y?.[i] ?? 0);
  return true;
};

const GPU8 = { name: "gpu", compute: { cpu: 8, memoryGiB: 50, gpu: { type: "t4" as const, count: 1 } }, max: 2, spot: true };

describe("TrainingCluster plan", () => {
  it.each([
    ["aws", 8, "p4de.24xlarge"],
    ["gcp", 8, "a2-ultragpu-8g"],
    ["azure", 4, "Standard_NC96ads_A100_v4"],
  ] as const)("GIVEN A100-80GB on %s (%i) THEN the catalog's %s, tainted for GPUs, from 0", (cloud, count, machineType) => {
    const compute = { cpu: 90, memoryGiB: 600, gpu: { type: "a100-80gb" as const, count } };
    const p = plan(cloud, { pools: [{ ...GPU8, compute }] }).pools[0];
    expect(p).toMatchObject({ machineType, min: 0, max: 2, spot: true, diskGiB: 200, gpu: { type: "a100-80gb", count } });
    expect(p?.taints).toEqual([{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }]);
    expect(p?.labels).toEqual({ "nvidia.com/gpu.present": "true", "mlops-kit/pool": "gpu" });
  });

  it.each([
    ["dev", 2, 30, false],
    ["prod", 3, 365, true],
  ] as const)("GIVEN the %s profile THEN %i system nodes, %i days of logs, deletion protection %s", (profile, nodes, days, protect) => {
    const p = plan("aws", {}, profile);
    expect([p.system.count, p.logRetentionDays, p.deletionProtection]).toEqual([nodes, days, protect]);
  });

  it.each([
    ["aws", ["cluster-autoscaler", "nvidia-device-plugin", "kueue", "kuberay-operator"]],
    ["gcp", ["kueue", "kuberay-operator"]],
    ["azure", ["nvidia-device-plugin", "kueue", "kuberay-operator"]],
  ] as const)("GIVEN a GPU pool and both addons on %s THEN the releases are %j, each pinned", (cloud, names) => {
    const releases = plan(cloud, { pools: [GPU8], addons: { kueue: true, kubeRay: true } }).helm;
    expect(releases.map((r) => r.name)).toEqual(names);
    expect(releases.length).toBeGreaterThan(0);
    for (const r of releases) expect(r.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("GIVEN no GPU pool on AWS THEN no device plugin, but the autoscaler", () => {
    expect(plan("aws").helm.map((r) => r.name)).toEqual(["cluster-autoscaler"]);
    expect(CHARTS.clusterAutoscaler.version).toBe("9.59.0");
  });

  it("GIVEN the default version on AWS THEN the autoscaler runs the latest 1.35 patch from a chart whose ClusterRole covers 1.35", () => {
    const p = plan("aws");
    expect(p.version).toBe("1.35");
    expect(p.aws.autoscalerImageTag).toBe("v1.35.2");
    const release = p.helm.find((r) => r.name === "cluster-autoscaler");
    // 9.54.0 is the first chart granting resource.k8s.io, which the 1.35 autoscaler waits on at start.
    expect(atLeast(release?.version ?? "0.0.0", "9.54.0")).toBe(true);
  });

  it("GIVEN every minor the autoscaler table knows THEN the pinned chart is at least that minor's first chart", () => {
    const minors = Object.entries(CLUSTER_AUTOSCALER);
    expect(minors.length).toBeGreaterThan(0);
    for (const [minor, { firstChart, image }] of minors) {
      expect([minor, atLeast(CHARTS.clusterAutoscaler.version, firstChart)]).toEqual([minor, true]);
      expect(image.startsWith(`v${minor}.`)).toBe(true);
    }
  });

  it.each([
    ["1.34", "v1.34.5"],
    ["1.36", "v1.36.0"],
  ])("GIVEN version %s on AWS THEN the autoscaler's image is %s", (version, tag) => {
    expect(plan("aws", { version }).aws.autoscalerImageTag).toBe(tag);
    expect(clusterAutoscalerImageTag(version)).toBe(tag);
  });

  it("GIVEN authorized CIDRs THEN the endpoint is public to them only; without, private", () => {
    expect(plan("gcp", { endpoint: { authorizedCidrs: ["198.51.100.0/24"] } }).endpoint).toEqual({
      public: true,
      authorizedCidrs: ["198.51.100.0/24"],
    });
    expect(plan("gcp").endpoint).toEqual({ public: false, authorizedCidrs: [] });
  });

  it("GIVEN a 40-character name THEN every planned physical name fits its kind", () => {
    const long = "a".repeat(40);
    const p = planTrainingCluster(
      long,
      parseSpec(trainingClusterSchema, "TrainingCluster", long, { network, teams: [{ name: "b".repeat(30) }] }),
      ctx("gcp"),
    );
    expect(p.gcp.clusterName).toMatch(NAME_RULES.gcpCluster.pattern);
    expect(p.gcp.clusterName.length).toBeLessThanOrEqual(40);
    expect(p.aws.clusterName.length).toBeLessThanOrEqual(100);
    const roles = Object.values(p.aws.teamRoleNames);
    expect(roles).toHaveLength(1);
    for (const r of roles) expect(r.length).toBeLessThanOrEqual(64);
    for (const id of Object.values(p.gcp.teamServiceAccountIds)) expect(id).toMatch(NAME_RULES.gcpServiceAccount.pattern);
    expect(p.azure.keyVaultName).toMatch(NAME_RULES.azureKeyVault.pattern);
  });

  it.each([
    ["10.0.252.0/22", "10.0.252.0/28"],
    ["10.20.0.0/25", "10.20.0.0/28"],
  ])("GIVEN the reserved block %s THEN the GKE control plane takes %s", (reserved, master) => {
    expect(gkeMasterCidr(reserved)).toBe(master);
  });

  it("GIVEN a release channel on AWS THEN it is refused as unsupported", () => {
    expect(() => plan("aws", { gcp: { releaseChannel: "STABLE" } })).toThrow("gcp.releaseChannel");
  });

  it("GIVEN a 800-day retention on Azure THEN it is refused (Log Analytics keeps 730 at most)", () => {
    expect(() => plan("azure", { logRetentionDays: 800 })).toThrow("logRetentionDays");
  });

  it("GIVEN a one-zone network on AWS WHEN the cluster is checked THEN it is refused with the network named (EKS needs two zones)", () => {
    const cluster = { cloud: "aws" as const, name: "train" };
    expect(() => checkClusterEgress(cluster, { name: "core", zones: 1 })).toThrow(
      'TrainingCluster "train": network is MlopsVpc "core" with 1 zone: EKS needs subnets in at least two availability zones; give the network zones >= 2',
    );
    expect(() => checkClusterEgress(cluster, { name: "core", zones: 2 })).not.toThrow();
    expect(() => checkClusterEgress({ cloud: "gcp", name: "train" }, { name: "core", zones: 1 })).not.toThrow();
  });

  it("GIVEN a log retention on GCP WHEN planned THEN it is refused as unsupported (GKE logs keep the _Default bucket's retention); the profile's default is not", () => {
    expect(() => plan("gcp", { logRetentionDays: 365 })).toThrow(
      "TrainingCluster \"train\": logRetentionDays is not supported on gcp: GKE's logs go to the project's _Default log bucket, whose retention is set on that bucket",
    );
    expect(plan("gcp", {}, "prod").logRetentionDays).toBe(365);
  });
});
