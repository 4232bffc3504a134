import * as fs from "node:fs";
import * as path from "node:path";
import { listStacks, synthProject } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers";

// Every example is a Pulumi project of its own: each of its stacks must plan offline.
const EXPECTED: Record<string, string[]> = {
  network: ["mlops:index:MlopsVpc"],
  "inference-service": ["mlops:index:MlopsVpc", "mlops:index:InferenceService"],
  "cicd-pipeline": ["mlops:index:MlopsVpc", "mlops:index:InferenceService", "mlops:index:CiCdPipeline"],
  "model-registry": ["mlops:index:MlopsVpc", "mlops:index:ModelRegistry"],
  "training-cluster": ["mlops:index:MlopsVpc", "mlops:index:TrainingCluster"],
  "feature-store": ["mlops:index:MlopsVpc", "mlops:index:FeatureStore"],
  monitoring: ["mlops:index:MlopsVpc", "mlops:index:InferenceService", "mlops:index:MonitoringStack"],
  platform: ["mlops:index:MlopsPlatform", "mlops:index:MlopsVpc", "mlops:index:TrainingCluster", "mlops:index:MonitoringStack"],
};

const examples = fs
  .readdirSync(path.join(ROOT, "examples"))
  .filter((d) => fs.existsSync(path.join(ROOT, "examples", d, "Pulumi.yaml")))
  .sort();

describe("examples", () => {
  it("GIVEN the examples folder THEN every example is known here, so none goes untested", () => {
    expect(examples).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(examples)("example %s", (example) => {
    const dir = path.join(ROOT, "examples", example);
    it.each(listStacks(dir))("GIVEN stack %s THEN it plans its components with cloud resources under them", async (stack) => {
      const { plan } = await synthProject(dir, stack);
      const types = new Set(plan.resources.map((r) => r.type));
      for (const t of EXPECTED[example] ?? []) expect(types).toContain(t);
      expect(plan.resources.filter((r) => r.custom).length).toBeGreaterThan(10);
    });
  });
});
