import { checkPolicies, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./prod-cluster-protected";

type Opts = { protect?: boolean; retainOnDelete?: boolean };
const cluster = (opts: Opts = {}) => planResource("aws:eks/cluster:Cluster", "train", {}, opts);
const gpuPool = (opts: Opts = {}) => planResource("aws:eks/nodeGroup:NodeGroup", "train-gpu", { amiType: "AL2023_x86_64_NVIDIA" }, opts);
const cpuPool = planResource("aws:eks/nodeGroup:NodeGroup", "train-cpu", { amiType: "AL2023_x86_64_STANDARD" }, {});
const run = async (resources: ReturnType<typeof cluster>[], stack: string) =>
  (await checkPolicies(rule, resources, { stack })).violations.map((v) => [v.name, v.detail]);

describe(rule.name, () => {
  it("GIVEN a prod stack with a retained cluster and a protected GPU pool THEN it passes (CPU pools need nothing)", async () => {
    expect(await run([cluster({ retainOnDelete: true }), gpuPool({ protect: true }), cpuPool], "aws-prod")).toEqual([]);
  });

  it("GIVEN a dev stack THEN it does not apply", async () => {
    expect(await run([cluster(), gpuPool()], "aws-dev")).toEqual([]);
  });

  it("GIVEN a prod stack with an unretained cluster THEN it fails", async () => {
    expect(await run([cluster(), gpuPool({ protect: true })], "aws-prod")).toEqual([
      ["train", expect.stringContaining("neither protect nor retainOnDelete")],
    ]);
  });

  it("GIVEN a prod stack with an unprotected GPU pool THEN it fails", async () => {
    expect(await run([cluster({ protect: true }), gpuPool({ retainOnDelete: true })], "aws-prod")).toEqual([
      ["train-gpu", expect.stringContaining("GPU pool without protect")],
    ]);
  });
});
