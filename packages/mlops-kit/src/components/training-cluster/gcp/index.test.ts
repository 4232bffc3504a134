import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { MlopsVpc } from "../../network/component";
import { TrainingCluster } from "../component";
import type { TrainingClusterArgs } from "../spec";

const T = {
  cluster: "gcp:container/cluster:Cluster",
  nodePool: "gcp:container/nodePool:NodePool",
  keyMember: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
  account: "gcp:serviceaccount/account:Account",
  accountMember: "gcp:serviceaccount/iAMMember:IAMMember",
  repoMember: "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
  bucketMember: "gcp:storage/bucketIAMMember:BucketIAMMember",
  datasetMember: "gcp:bigquery/datasetIamMember:DatasetIamMember",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  release: "kubernetes:helm.sh/v3:Release",
} as const;

const REGISTRY = {
  cloud: "gcp",
  name: "models",
  region: "europe-west4",
  trackingUri: "",
  imageRepositoryUrl: "europe-west4-docker.pkg.dev/acme-ml/models",
  imageRepositoryId: "projects/acme-ml/locations/europe-west4/repositories/models",
  artifactUri: "gs://acme-models",
  artifactStoreId: "acme-models",
  models: {},
  gcp: { project: "acme-ml", repositoryName: "models", repositoryLocation: "europe-west4" },
} as const;

const FEATURES = {
  cloud: "gcp",
  name: "features",
  region: "europe-west4",
  groups: {},
  offlineStoreId: "projects/acme-ml/datasets/features",
  gcp: { project: "acme-ml", datasetId: "features" },
} as const;

const ARGS: Omit<TrainingClusterArgs, "network"> = {
  pools: [{ name: "gpu", compute: { cpu: 8, memoryGiB: 32, gpu: { type: "l4", count: 1 } }, max: 3, spot: true }],
  teams: [{ name: "nlp", access: { registry: REGISTRY, featureStore: FEATURES } }],
  gcp: { releaseChannel: "RAPID" },
};

async function synthCluster(args = ARGS, region = "europe-west4"): Promise<Plan> {
  return synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      const cluster = new TrainingCluster("train", { ...args, network: vpc.network });
      return { endpoint: cluster.endpoint };
    },
    { project: "p", stack: "dev", config: { "mlops:cloud": "gcp", "gcp:region": region, "gcp:project": "acme-ml" } },
  );
}

const inputs = (plan: Plan, type: string, name: string) => resource(plan, type, name).inputs as Record<string, unknown>;

describe("TrainingCluster on GCP: GPU pools go where their GPU is", () => {
  it("GIVEN an L4 pool in us-east1 WHEN synthesized THEN its nodes are in the zones that offer L4 (b, c, d), and the system pool in the network's", async () => {
    const plan = await synthCluster(ARGS, "us-east1");
    expect(inputs(plan, T.nodePool, "train-gpu").nodeLocations).toEqual(["us-east1-b", "us-east1-c", "us-east1-d"]);
    expect(inputs(plan, T.nodePool, "train-system").nodeLocations).toBeUndefined();
  });

  it("GIVEN an A100 80GB pool in us-east1, which offers it in no zone WHEN synthesized THEN it is refused naming the pool's GPU and where it is offered", async () => {
    const args = {
      ...ARGS,
      pools: [{ name: "gpu", compute: { cpu: 12, memoryGiB: 170, gpu: { type: "a100-80gb" as const, count: 1 } }, max: 2 }],
    };
    await expect(synthCluster(args, "us-east1")).rejects.toThrow(
      /TrainingCluster "train": pools\.0\.compute\.gpu \(a100-80gb\) is not offered in any zone of us-east1 \(nvidia-a100-80gb\); regions that offer it: .*us-central1/,
    );
  });
});

describe("TrainingCluster on GCP", () => {
  it("GIVEN an L4 spot pool and a team WHEN synthesized THEN GKE is private, Dataplane V2, Workload Identity, CMEK secrets", async () => {
    const plan = await synthCluster();
    expect(inputs(plan, T.cluster, "train")).toMatchObject({
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true },
      ipAllocationPolicy: { clusterSecondaryRangeName: "pods", servicesSecondaryRangeName: "services" },
      datapathProvider: "ADVANCED_DATAPATH",
      workloadIdentityConfig: { workloadPool: "acme-ml.svc.id.goog" },
      databaseEncryption: { state: "ENCRYPTED" },
      releaseChannel: { channel: "RAPID" },
      enableShieldedNodes: true,
      deletionProtection: false,
    });
    expect(inputs(plan, T.nodePool, "train-gpu")).toMatchObject({
      autoscaling: { totalMinNodeCount: 0, totalMaxNodeCount: 3, locationPolicy: "ANY" },
      nodeConfig: {
        machineType: "g2-standard-8",
        spot: true,
        taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NO_SCHEDULE" }],
        workloadMetadataConfig: { mode: "GKE_METADATA" },
        guestAccelerators: [{ type: "nvidia-l4", count: 1, gpuDriverInstallationConfig: { gpuDriverVersion: "DEFAULT" } }],
      },
    });
    expect(inputs(plan, T.accountMember, "train-nlp-workload-identity")).toMatchObject({
      role: "roles/iam.workloadIdentityUser",
      member: "serviceAccount:acme-ml.svc.id.goog[nlp/nlp]",
    });
    expect(inputs(plan, T.repoMember, "train-nlp-images")).toMatchObject({ repository: "models", role: "roles/artifactregistry.reader" });
    expect(inputs(plan, T.bucketMember, "train-nlp-artifacts")).toMatchObject({
      bucket: "acme-models",
      role: "roles/storage.objectViewer",
    });
    expect(inputs(plan, T.datasetMember, "train-nlp-features")).toMatchObject({ datasetId: "features", role: "roles/bigquery.dataViewer" });
    // GKE runs the device plugin and the autoscaler itself.
    expect(resourcesOfType(plan, T.release)).toEqual([]);
    expect(resourcesOfType(plan, T.keyMember)).toHaveLength(2);
  });

  it("GIVEN a component name of 40 characters WHEN its pools are planned THEN each GKE node pool is named within GKE's 40", async () => {
    const name = "a".repeat(40);
    const plan = await synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        new TrainingCluster(name, { ...ARGS, network: vpc.network });
      },
      { project: "p", stack: "dev", config: { "mlops:cloud": "gcp", "gcp:region": "europe-west4", "gcp:project": "acme-ml" } },
    );
    expect(inputs(plan, T.nodePool, `${name}-gpu`).name).toBe("gpu");
    expect(inputs(plan, T.nodePool, `${name}-system`).name).toBe("system");
  });

  it("GIVEN a cluster WHEN its key ring is planned THEN the ring takes a fresh auto-name, so an `up` after a destroy never asks for a ring that still exists", async () => {
    const plan = await synthCluster();
    const ring = inputs(plan, "gcp:kms/keyRing:KeyRing", "train-keys");
    expect(ring.name).toBeUndefined();
    expect(ring.location).toBe("europe-west4");
    expect(inputs(plan, "gcp:kms/cryptoKey:CryptoKey", "train-key").name).toBe("cluster");
  });
});
