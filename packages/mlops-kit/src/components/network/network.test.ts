import { descendantsOf, type Plan, resourcesOfType, synth } from "@mlops-kit/testing";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { MlopsVpc } from "./component";

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "us-east-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};
const SDK_PREFIX: Record<CloudId, string> = { aws: "aws:", gcp: "gcp:", azure: "azure-native:" };
const COMPONENT = "mlops:index:MlopsVpc";

describe.each(["aws", "gcp", "azure"] as const)("MlopsVpc on %s", (cloud) => {
  let plan: Plan;
  let vpc: MlopsVpc | undefined;
  beforeAll(async () => {
    plan = await synth(
      () => {
        vpc = new MlopsVpc("core", {});
        return { network: vpc.network };
      },
      { project: "p", stack: "dev", config: CONFIG[cloud] },
    );
  });

  it("THEN the component's URN does not depend on the cloud", () => {
    expect(plan.resources.find((r) => r.type === COMPONENT)?.urn).toBe("urn:pulumi:dev::p::mlops:index:MlopsVpc::core");
  });

  it("THEN every cloud resource is of this cloud and sits under the component", () => {
    const component = plan.resources.find((r) => r.type === COMPONENT);
    const custom = plan.resources.filter((r) => r.custom);
    expect(custom.length).toBeGreaterThan(5);
    for (const r of custom) expect(r.type.startsWith(SDK_PREFIX[cloud])).toBe(true);
    expect(descendantsOf(plan, component?.urn ?? "").filter((r) => r.custom)).toHaveLength(custom.length);
  });

  it("THEN the neutral network output describes the network in the cloud's terms", () => {
    const network = plan.outputs.network as Record<string, unknown>;
    expect(network).toMatchObject({ cloud, name: "core", cidr: "10.0.0.0/16", reservedCidr: "10.0.224.0/19" });
    expect((network.zones as string[]).length).toBe(2);
    for (const tier of ["publicSubnetIds", "privateSubnetIds", "isolatedSubnetIds"]) {
      expect((network[tier] as string[]).length).toBe(cloud === "aws" ? 2 : 1);
    }
  });

  it("THEN the escape hatch gives this cloud's resources and refuses the others", () => {
    expect(vpc?.cloud).toBe(cloud);
    expect(vpc?.[cloud]).toBeDefined();
    const other = cloud === "aws" ? "gcp" : "aws";
    expect(() => vpc?.[other]).toThrow(`MlopsVpc "core": ${other} is not supported on ${cloud}`);
  });

  it("property: an invalid spec registers nothing, not even the component", async () => {
    const badSpecs = fc.oneof(
      fc.record({ cidr: fc.constantFrom("10.0.0.0/8", "300.0.0.0/16", "10.0.0.1/16", "") }),
      fc.record({ zones: fc.oneof(fc.integer({ min: 7, max: 100 }), fc.integer({ min: -5, max: 0 })) }),
      fc.record({ nat: fc.string().filter((s) => !["none", "single", "perZone"].includes(s)) }),
      fc.record({ flowLogs: fc.record({ retentionDays: fc.integer({ min: -10, max: 0 }) }) }),
      fc.record({ unknownField: fc.anything() }),
    );
    await fc.assert(
      fc.asyncProperty(badSpecs, async (args) => {
        let error: unknown;
        const p = await synth(
          () => {
            try {
              new MlopsVpc("bad", args as never);
            } catch (err) {
              error = err;
            }
          },
          { project: "p", stack: "dev", config: CONFIG[cloud] },
        );
        expect((error as Error).name).toBe("SpecError");
        expect((error as Error).message).toMatch(/^MlopsVpc "bad"/);
        expect(p.resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
      }),
      { numRuns: 15 },
    );
  });
});

describe("cloud resolution", () => {
  it("GIVEN no mlops:cloud and no cloud in the spec THEN the error names mlops:cloud and the allowed values", async () => {
    await expect(synth(() => new MlopsVpc("core", {}), { config: {} })).rejects.toThrow(
      "the stack setting mlops:cloud is not set; set it to one of aws, gcp, azure",
    );
  });

  it("GIVEN mlops:cloud oracle THEN the error names the setting and the allowed values", async () => {
    await expect(synth(() => new MlopsVpc("core", {}), { config: { "mlops:cloud": "oracle" } })).rejects.toThrow(
      'the stack setting mlops:cloud is "oracle"; it must be one of aws, gcp, azure',
    );
  });

  it("GIVEN mlops:cloud aws but cloud gcp in the spec THEN the component builds on GCP", async () => {
    const p = await synth(() => new MlopsVpc("core", { cloud: "gcp", gcp: { region: "us-east1" } }), { config: { "mlops:cloud": "aws" } });
    expect(resourcesOfType(p, "gcp:compute/network:Network")).toHaveLength(1);
    expect(p.resources.some((r) => r.type.startsWith("aws:"))).toBe(false);
  });

  it("GIVEN mlops:profile staging THEN the error names mlops:profile", async () => {
    await expect(synth(() => new MlopsVpc("core", {}), { config: { "mlops:cloud": "aws", "mlops:profile": "staging" } })).rejects.toThrow(
      'the stack setting mlops:profile is "staging"; it must be one of dev, prod',
    );
  });
});
