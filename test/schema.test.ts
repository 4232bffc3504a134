import * as path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import * as kit from "mlops-kit";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers";

describe("the component package schema", () => {
  it("generates for every component, so other languages can use them later without renaming a URN", async () => {
    const provider = new ComponentProvider({ components: kit.components, name: "mlops", dirname: path.join(ROOT, "packages/mlops-kit") });
    const schema = JSON.parse(await provider.getSchema());
    expect(Object.keys(schema.resources).sort()).toEqual(kit.components.map((c) => `mlops:index:${c.name}`).sort());
    expect(schema.resources["mlops:index:InferenceService"].requiredInputs.sort()).toEqual(["compute", "image", "network"]);
    const vpc = schema.resources["mlops:index:MlopsVpc"];
    expect(vpc.isComponent).toBe(true);
    expect(Object.keys(vpc.inputProperties).sort()).toEqual(
      ["aws", "azure", "cidr", "cloud", "flowLogs", "gcp", "nat", "privateEndpoints", "profile", "tags", "zones"].sort(),
    );
    expect(schema.types["mlops:index:NatMode"].enum.map((e: { value: string }) => e.value)).toEqual(["none", "single", "perZone"]);
    expect(schema.types["mlops:index:Cloud"].enum.map((e: { value: string }) => e.value)).toEqual(["aws", "gcp", "azure"]);
    expect(vpc.properties.network.$ref).toBe("#/types/mlops:index:NetworkInfo");
    const registry = schema.resources["mlops:index:ModelRegistry"];
    expect(registry.requiredInputs).toEqual(["network"]);
    expect(registry.properties.info.$ref).toBe("#/types/mlops:index:RegistryInfo");
    expect(schema.types["mlops:index:TrackingSize"].enum.map((e: { value: string }) => e.value)).toEqual(["small", "medium", "large"]);
    const platform = schema.resources["mlops:index:MlopsPlatform"];
    expect(platform.requiredInputs).toEqual([]);
    expect(platform.inputProperties.services.additionalProperties.$ref).toBe("#/types/mlops:index:PlatformServiceArgs");
    expect(Object.keys(schema.types["mlops:index:PlatformRegistryArgs"].properties)).not.toContain("network");
    expect(platform.properties.info.$ref).toBe("#/types/mlops:index:MlopsPlatformInfo");
  });
});
