import { type Plan, synthProject } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers";

// A stack deployed on an earlier default steps its training cluster through each minor version by
// setting platform:trainingVersion; the whole cluster follows the setting, not the library default.

describe("GIVEN aws-dev with platform:trainingVersion 1.34", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = (await synthProject(ROOT, "aws-dev", { config: { "platform:trainingVersion": "1.34" } })).plan;
  });

  const inputsOf = (type: string) =>
    plan.resources.filter((r) => r.type === type && r.urn.includes("TrainingCluster")).map((r) => r.inputs as Record<string, unknown>);

  it("WHEN planned THEN the EKS cluster and every node group run 1.34", () => {
    const clusters = inputsOf("aws:eks/cluster:Cluster");
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.version).toBe("1.34");
    const groups = inputsOf("aws:eks/nodeGroup:NodeGroup");
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const g of groups) expect(g.version).toBe("1.34");
  });

  it("WHEN planned THEN the cluster autoscaler runs the 1.34 image", () => {
    const releases = inputsOf("kubernetes:helm.sh/v3:Release").filter((r) => r.name === "cluster-autoscaler");
    expect(releases).toHaveLength(1);
    expect(releases[0]?.values).toMatchObject({ image: { tag: "v1.34.5" } });
  });
});
