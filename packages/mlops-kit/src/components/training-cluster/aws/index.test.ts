import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { MlopsVpc } from "../../network/component";
import { TrainingCluster } from "../component";
import type { TrainingClusterArgs } from "../spec";

const T = {
  cluster: "aws:eks/cluster:Cluster",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  addon: "aws:eks/addon:Addon",
  association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  role: "aws:iam/role:Role",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  asgTag: "aws:autoscaling/tag:Tag",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  namespace: "kubernetes:core/v1:Namespace",
  quota: "kubernetes:core/v1:ResourceQuota",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  release: "kubernetes:helm.sh/v3:Release",
  provider: "pulumi:providers:kubernetes",
} as const;

const REGISTRY = {
  cloud: "aws",
  name: "models",
  region: "eu-west-1",
  trackingUri: "",
  imageRepositoryUrl: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/models",
  imageRepositoryId: "arn:aws:ecr:eu-west-1:123456789012:repository/models",
  artifactUri: "s3://models-artifacts",
  artifactStoreId: "arn:aws:s3:::models-artifacts",
  models: {},
  aws: {
    readerPolicyArn: "arn:aws:iam::123456789012:policy/models-reader",
    publisherPolicyArn: "arn:aws:iam::123456789012:policy/models-publisher",
    approverPolicyArn: "arn:aws:iam::123456789012:policy/models-approver",
  },
} as const;

const ARGS: Omit<TrainingClusterArgs, "network"> = {
  version: "1.32",
  endpoint: { authorizedCidrs: ["203.0.113.0/24"] },
  pools: [{ name: "gpu", compute: { cpu: 8, memoryGiB: 32, gpu: { type: "a10g", count: 1 } }, max: 4, spot: true, diskGiB: 300 }],
  teams: [{ name: "vision", quota: { gpus: 4 }, access: { registry: REGISTRY } }],
  addons: { kueue: true },
};

async function synthCluster(args = ARGS, config: Record<string, string> = {}): Promise<{ plan: Plan; cluster: TrainingCluster }> {
  let cluster: TrainingCluster | undefined;
  const plan = await synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      cluster = new TrainingCluster("train", { ...args, network: vpc.network });
      return { endpoint: cluster.endpoint };
    },
    { project: "p", stack: "dev", config: { "mlops:cloud": "aws", "aws:region": "eu-west-1", ...config } },
  );
  if (!cluster) throw new Error("the program did not construct the TrainingCluster");
  return { plan, cluster };
}

const inputs = (plan: Plan, type: string, name: string) => resource(plan, type, name).inputs as Record<string, unknown>;

describe("TrainingCluster on AWS", () => {
  it("GIVEN a GPU spot pool, a team and a public endpoint with CIDRs WHEN synthesized THEN EKS is private-first, encrypted and logged", async () => {
    const { plan } = await synthCluster();
    expect(inputs(plan, T.cluster, "train")).toMatchObject({
      version: "1.32",
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
      enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      encryptionConfig: { resources: ["secrets"] },
      vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
    });
    expect(inputs(plan, T.nodeGroup, "train-gpu")).toMatchObject({
      amiType: "AL2023_x86_64_NVIDIA",
      capacityType: "SPOT",
      instanceTypes: ["g5.2xlarge"],
      scalingConfig: { minSize: 0, maxSize: 4, desiredSize: 0 },
      taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NO_SCHEDULE" }],
    });
    expect(inputs(plan, T.launchTemplate, "train-gpu")).toMatchObject({
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ ebs: { volumeSize: 300, volumeType: "gp3", encrypted: "true" } }],
    });
    expect(
      resourcesOfType(plan, T.addon)
        .map((r) => (r.inputs as Record<string, unknown>).addonName)
        .sort(),
    ).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    expect(inputs(plan, T.quota, "train-vision-quota")).toMatchObject({ spec: { hard: { "requests.nvidia.com/gpu": "4" } } });
    expect(
      resourcesOfType(plan, T.release)
        .map((r) => (r.inputs as Record<string, unknown>).name)
        .sort(),
    ).toEqual(["cluster-autoscaler", "kueue", "nvidia-device-plugin"]);
  });

  it("GIVEN version 1.34 WHEN synthesized THEN the nodes follow it, the add-ons take EKS's default, and the autoscaler runs its latest 1.34 patch from the pinned chart", async () => {
    const { plan } = await synthCluster({ ...ARGS, version: "1.34" });
    expect(inputs(plan, T.cluster, "train").version).toBe("1.34");
    for (const group of ["train-system", "train-gpu"]) expect(inputs(plan, T.nodeGroup, group).version).toBe("1.34");
    const addons = resourcesOfType(plan, T.addon);
    expect(addons).toHaveLength(4);
    for (const a of addons) expect((a.inputs as Record<string, unknown>).addonVersion).toBeUndefined();
    expect(inputs(plan, T.release, "train-cluster-autoscaler")).toMatchObject({
      chart: "cluster-autoscaler",
      version: "9.59.0",
      values: { image: { tag: "v1.34.5" }, autoDiscovery: { clusterName: expect.any(String) } },
    });
  });

  it("GIVEN a team and the autoscaler WHEN their roles are planned THEN only their own service account of this cluster in this account may take them", async () => {
    const { plan } = await synthCluster();
    // The offline engine's ARN for the cluster (its physical name after `arn:aws:mock:cluster:`).
    const clusterArn = `arn:aws:mock:cluster:${String(inputs(plan, T.cluster, "train").name)}`;
    const trust = (name: string) => JSON.parse(String(inputs(plan, T.role, name).assumeRolePolicy)).Statement[0].Condition;
    expect(trust("train-vision")).toEqual({
      StringEquals: {
        "aws:SourceAccount": "123456789012",
        "aws:RequestTag/eks-cluster-arn": clusterArn,
        "aws:RequestTag/kubernetes-namespace": "vision",
        "aws:RequestTag/kubernetes-service-account": "vision",
      },
    });
    expect(trust("train-autoscaler").StringEquals).toMatchObject({
      "aws:RequestTag/kubernetes-namespace": "kube-system",
      "aws:RequestTag/kubernetes-service-account": "cluster-autoscaler",
    });
  });
});
