import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { MlopsVpc } from "../../network/component";
import { TrainingCluster } from "../component";
import type { TrainingClusterArgs } from "../spec";

const T = {
  cluster: "azure-native:containerservice:ManagedCluster",
  agentPool: "azure-native:containerservice:AgentPool",
  federated: "azure-native:managedidentity:FederatedIdentityCredential",
  role: "azure-native:authorization:RoleAssignment",
  vault: "azure-native:keyvault:Vault",
  release: "kubernetes:helm.sh/v3:Release",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
} as const;

const FEATURES = {
  cloud: "azure",
  name: "features",
  region: "westeurope",
  groups: {},
  offlineStoreId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/features",
} as const;

const ARGS: Omit<TrainingClusterArgs, "network"> = {
  version: "1.31",
  pools: [{ name: "gpu", compute: { cpu: 24, memoryGiB: 200, gpu: { type: "a100-80gb", count: 1 } }, max: 2, spot: true }],
  teams: [{ name: "speech", access: { featureStore: FEATURES } }],
};

async function synthCluster(args = ARGS): Promise<Plan> {
  return synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      const cluster = new TrainingCluster("train", { ...args, network: vpc.network });
      return { endpoint: cluster.endpoint };
    },
    { project: "p", stack: "dev", config: { "mlops:cloud": "azure", "azure-native:location": "westeurope" } },
  );
}

const inputs = (plan: Plan, type: string, name: string) => resource(plan, type, name).inputs as Record<string, unknown>;

describe("TrainingCluster on Azure", () => {
  it("GIVEN a spot A100 pool and a team WHEN synthesized THEN AKS is Entra-only, private, KMS-encrypted, and the team is federated", async () => {
    const plan = await synthCluster();
    expect(inputs(plan, T.cluster, "train")).toMatchObject({
      kubernetesVersion: "1.31",
      aadProfile: { managed: true, enableAzureRBAC: true },
      disableLocalAccounts: true,
      oidcIssuerProfile: { enabled: true },
      securityProfile: { workloadIdentity: { enabled: true }, azureKeyVaultKms: { enabled: true } },
      apiServerAccessProfile: { enablePrivateCluster: true },
      networkProfile: {
        networkPlugin: "azure",
        networkPluginMode: "overlay",
        outboundType: "userAssignedNATGateway",
        podCidr: "100.64.0.0/14",
      },
      addonProfiles: { omsagent: { enabled: true } },
    });
    expect(inputs(plan, T.agentPool, "train-gpu")).toMatchObject({
      mode: "User",
      vmSize: "Standard_NC24ads_A100_v4",
      scaleSetPriority: "Spot",
      scaleSetEvictionPolicy: "Delete",
      spotMaxPrice: -1,
      enableAutoScaling: true,
      minCount: 0,
      maxCount: 2,
      nodeTaints: ["nvidia.com/gpu=present:NoSchedule", "kubernetes.azure.com/scalesetpriority=spot:NoSchedule"],
    });
    expect(inputs(plan, T.federated, "train-speech")).toMatchObject({
      subject: "system:serviceaccount:speech:speech",
      audiences: ["api://AzureADTokenExchange"],
    });
    expect(inputs(plan, T.role, "train-speech-features")).toMatchObject({ scope: FEATURES.offlineStoreId });
    expect(inputs(plan, T.vault, "train-kms")).toMatchObject({
      properties: { enablePurgeProtection: true, enableRbacAuthorization: true },
    });
    expect(resourcesOfType(plan, T.release).map((r) => (r.inputs as Record<string, unknown>).name)).toEqual(["nvidia-device-plugin"]);
  });

  it("GIVEN version 1.31 WHEN synthesized THEN every pool carries it too, since AKS moves only the control plane on a kubernetesVersion change", async () => {
    const plan = await synthCluster();
    const profiles = inputs(plan, T.cluster, "train").agentPoolProfiles as Record<string, unknown>[];
    expect(profiles).toHaveLength(1);
    for (const p of profiles) expect([p.name, p.orchestratorVersion]).toEqual(["system", "1.31"]);
    const pools = resourcesOfType(plan, T.agentPool);
    expect(pools).toHaveLength(1);
    for (const p of pools) expect((p.inputs as Record<string, unknown>).orchestratorVersion).toBe("1.31");
  });

  it("GIVEN a spot GPU pool WHEN synthesized THEN the device plugin tolerates AKS's spot taint, so the pool's GPUs are offered to pods", async () => {
    const plan = await synthCluster();
    const release = resourcesOfType(plan, T.release)[0]?.inputs as { values?: { tolerations?: unknown } } | undefined;
    expect(release?.values?.tolerations).toEqual([
      { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" },
      { key: "kubernetes.azure.com/scalesetpriority", operator: "Exists", effect: "NoSchedule" },
    ]);
  });

  it("GIVEN a cluster WHEN synthesized THEN the control plane's logs go to the workspace (AKS sends none without a diagnostic setting)", async () => {
    const plan = await synthCluster();
    expect(inputs(plan, "azure-native:monitor:DiagnosticSetting", "train-control-plane")).toMatchObject({
      logAnalyticsDestinationType: "Dedicated",
      logs: [
        { category: "kube-apiserver", enabled: true },
        { category: "kube-audit-admin", enabled: true },
        { category: "kube-controller-manager", enabled: true },
        { category: "kube-scheduler", enabled: true },
        { category: "cluster-autoscaler", enabled: true },
        { category: "guard", enabled: true },
      ],
    });
  });
});
