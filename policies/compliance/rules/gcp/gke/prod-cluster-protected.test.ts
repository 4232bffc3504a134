import { checkPolicies, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./prod-cluster-protected";

type Opts = { protect?: boolean; retainOnDelete?: boolean };
const cluster = (opts: Opts = {}) => planResource("gcp:container/cluster:Cluster", "train", {}, opts);
const gpuPool = (opts: Opts = {}) =>
  planResource(
    "gcp:container/nodePool:NodePool",
    "train-gpu",
    { nodeConfig: { guestAccelerators: [{ type: "nvidia-l4", count: 1 }] } },
    opts,
  );
const cpuPool = planResource("gcp:container/nodePool:NodePool", "train-cpu", { nodeConfig: {} }, {});
const run = async (resources: ReturnType<typeof cluster>[], stack: string) =>
  (await checkPolicies(rule, resources, { stack })).violations.map((v) => [v.name, v.detail]);

describe(rule.name, () => {
  it("GIVEN a prod stack with a retained cluster and a protected GPU pool THEN it passes (CPU pools need nothing)", async () => {
    expect(await run([cluster({ retainOnDelete: true }), gpuPool({ protect: true }), cpuPool], "gcp-prod")).toEqual([]);
  });

  it("GIVEN a dev stack THEN it does not apply", async () => {
    expect(await run([cluster(), gpuPool()], "gcp-dev")).toEqual([]);
  });

  it("GIVEN a prod stack with an unretained cluster THEN it fails", async () => {
    expect(await run([cluster(), gpuPool({ protect: true })], "gcp-prod")).toEqual([
      ["train", expect.stringContaining("neither protect nor retainOnDelete")],
    ]);
  });

  it("GIVEN a prod stack with an unprotected GPU pool THEN it fails", async () => {
    expect(await run([cluster({ protect: true }), gpuPool({ retainOnDelete: true })], "gcp-prod")).toEqual([
      ["train-gpu", expect.stringContaining("GPU pool without protect")],
    ]);
  });
});
