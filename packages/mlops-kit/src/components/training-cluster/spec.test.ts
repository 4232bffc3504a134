import { synth } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../core/spec";
import { TrainingCluster } from "./component";
import { type TrainingClusterArgs, trainingClusterSchema } from "./spec";

const network = { cloud: "aws", name: "core", cidr: "10.0.0.0/16" } as unknown as TrainingClusterArgs["network"];
const GPU_POOL = { name: "gpu", compute: { cpu: 8, memoryGiB: 32, gpu: { type: "a10g" as const } }, max: 4 };
const parse = (over: Record<string, unknown>) => parseSpec(trainingClusterSchema, "TrainingCluster", "train", { network, ...over });

describe("TrainingCluster spec", () => {
  it("GIVEN the minimum THEN the documented defaults are filled in", () => {
    const spec = parse({ pools: [GPU_POOL], teams: [{ name: "vision" }] });
    expect(spec.version).toBe("1.35");
    expect(spec.endpoint).toEqual({});
    expect(spec.pools[0]).toMatchObject({ min: 0, max: 4, spot: false });
    expect(spec.teams[0]).toEqual({ name: "vision", quota: { gpus: 8, cpu: 64, memoryGiB: 256 }, access: {} });
    expect(spec.addons).toEqual({ kueue: false, kubeRay: false });
  });

  it.each([
    [{ pools: [{ ...GPU_POOL, min: 5 }] }, 'TrainingCluster "train": pools.0.min (5) must be <= pools.0.max (4)'],
    [
      { pools: [{ ...GPU_POOL, name: "GPU-pool" }] },
      'TrainingCluster "train": pools.0.name ("GPU-pool") must be a lowercase letter then lowercase letters and digits, at most 12 characters',
    ],
    [{ pools: [{ ...GPU_POOL, name: "system" }] }, `TrainingCluster "train": pools.0.name ("system") is the system pool's name`],
    [{ pools: [GPU_POOL, GPU_POOL] }, 'TrainingCluster "train": pools.1 repeats entry 0'],
    [{ version: "1.9" }, 'TrainingCluster "train": version ("1.9") must be a Kubernetes minor version such as "1.35"'],
    [{ endpoint: { authorizedCidrs: ["10.0.0.0/33"] } }, 'TrainingCluster "train": endpoint.authorizedCidrs.0 ("10.0.0.0/33")'],
    [{ endpoint: { authorizedCidrs: [] } }, 'TrainingCluster "train": endpoint.authorizedCidrs ([]) must be >= 1'],
    [
      { teams: [{ name: "Team_A" }] },
      'TrainingCluster "train": teams.0.name ("Team_A") must be a lowercase DNS label of at most 30 characters',
    ],
    [{ teams: [{ name: "a", quota: { gpus: -1 } }] }, 'TrainingCluster "train": teams.0.quota.gpus (-1) must be >= 0'],
    [
      { pools: [{ ...GPU_POOL, taints: [{ key: "x", effect: "Never" }] }] },
      'TrainingCluster "train": pools.0.taints.0.effect ("Never") must be one of "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ],
    [{ aws: { overrides: { vpc: {} } } }, 'TrainingCluster "train": aws.overrides.vpc is not a child role'],
  ])("GIVEN %j THEN it is refused naming the field", (over, message) => {
    expect(() => parse(over)).toThrow(message);
  });

  it("GIVEN an invalid spec WHEN constructed in a program THEN nothing is registered", async () => {
    const plan = await synth(
      () => {
        expect(() => new TrainingCluster("train", { network, pools: [{ ...GPU_POOL, min: 9 }] })).toThrow("pools.0.min (9)");
      },
      { config: { "mlops:cloud": "aws", "aws:region": "eu-west-1" } },
    );
    expect(plan.resources.filter((r) => r.custom)).toEqual([]);
    expect(plan.resources.filter((r) => r.type === "mlops:index:TrainingCluster")).toEqual([]);
  });
});
