import { defaultNewResource, synth } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { MlopsVpc } from "./component";
import type { MlopsVpcArgs } from "./spec";

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "us-east-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};

/** What the engine saw of the program: how many resources registered, and the error, if any. */
async function attempt(cloud: CloudId, args: MlopsVpcArgs): Promise<{ registered: number; error: string }> {
  let registered = 0;
  const mocks = {
    newResource: (a: Parameters<typeof defaultNewResource>[0]) => {
      if (a.type !== "pulumi:pulumi:Stack") registered++;
      return defaultNewResource(a);
    },
  };
  try {
    await synth(() => new MlopsVpc("core", args), { project: "p", stack: "dev", config: CONFIG[cloud], mocks });
    return { registered, error: "" };
  } catch (err) {
    return { registered, error: (err as Error).message };
  }
}

describe("MlopsVpc: limits of the chosen cloud, checked before anything registers", () => {
  it("GIVEN GCP and a cidr inside the default GKE pods range THEN cidr is refused and nothing registers", async () => {
    expect(await attempt("gcp", { cidr: "100.64.0.0/16" })).toEqual({
      registered: 0,
      error:
        'MlopsVpc "core": cidr (100.64.0.0/16) overlaps the default GKE pods range (100.64.0.0/14); choose another cidr, or set gcp.podsCidr and gcp.servicesCidr outside it',
    });
  });

  it("GIVEN AWS and the same cidr THEN it is accepted (GKE ranges are GCP's)", async () => {
    expect((await attempt("aws", { cidr: "100.64.0.0/16" })).error).toBe("");
  });

  it("GIVEN GCP, that cidr and ranges moved outside it THEN accepted", async () => {
    const result = await attempt("gcp", { cidr: "100.64.0.0/16", gcp: { podsCidr: "172.16.0.0/14", servicesCidr: "172.20.0.0/20" } });
    expect(result.error).toBe("");
  });

  it.each([
    [
      "gcp",
      "two keys that are one label",
      { "Cost Center": "a", cost_center: "b" },
      'tags keys "Cost Center" and "cost_center" are the same key on gcp ("cost_center")',
    ],
    [
      "azure",
      "two names that differ in case",
      { Owner: "a", owner: "b" },
      'tags keys "Owner" and "owner" are the same key on azure ("owner")',
    ],
    [
      "aws",
      "43 tags",
      Object.fromEntries(Array.from({ length: 43 }, (_, i) => [`t${i}`, "v"])),
      "tags has 43 tags; with the 8 that mlops-kit adds that makes 51, over aws's limit of 50 per resource",
    ],
  ] as const)("GIVEN %s and %s THEN a SpecError on tags, nothing registered", async (cloud, _what, tags, message) => {
    expect(await attempt(cloud, { tags: { ...tags } })).toEqual({ registered: 0, error: `MlopsVpc "core": ${message}` });
  });
});
