import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./workload-identity";

const cluster = (workloadPool?: string) =>
  planResource("gcp:container/cluster:Cluster", "train", workloadPool ? { workloadIdentityConfig: { workloadPool } } : {});
const pool = (mode?: string) =>
  planResource("gcp:container/nodePool:NodePool", "gpu", { cluster: "c", nodeConfig: mode ? { workloadMetadataConfig: { mode } } : {} });

describe(rule.name, () => {
  it("GIVEN a workload pool and node pools on the GKE metadata server THEN it passes", async () => {
    expect(await findings(rule, [cluster("p.svc.id.goog"), pool("GKE_METADATA")])).toEqual([]);
  });

  it("GIVEN a cluster without a workload pool THEN it fails", async () => {
    expect(await findings(rule, [cluster()])).toEqual([expect.stringContaining("Workload Identity is off")]);
  });

  it("GIVEN a node pool exposing the node's metadata THEN it fails", async () => {
    expect(await findings(rule, [pool("GCE_METADATA")])).toEqual([expect.stringContaining("mode is GCE_METADATA")]);
  });
});
