import * as pulumi from "@pulumi/pulumi";
import { MlopsVpc, TrainingCluster } from "mlops-kit";

const config = new pulumi.Config("example");

const network = new MlopsVpc("ml", { zones: 2 });

// One team, one pool of 8-GPU spot nodes that costs nothing while no job asks for a GPU.
const adminCidr = config.get("adminCidr");
const cluster = new TrainingCluster("train", {
  network: network.network,
  endpoint: adminCidr ? { authorizedCidrs: [adminCidr] } : {},
  pools: [
    {
      name: "gpu8",
      compute: { cpu: 96, memoryGiB: 384, gpu: { type: "l4", count: 8 } },
      min: 0,
      max: 2,
      spot: true,
      diskGiB: 500,
    },
  ],
  teams: [{ name: "research", quota: { gpus: 16, cpu: 192, memoryGiB: 768 } }],
  addons: { kueue: true },
});

export const clusterName = cluster.clusterName;
export const kubeconfig = cluster.kubeconfig;
export const info = cluster.info;
