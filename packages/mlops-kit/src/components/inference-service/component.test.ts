import { defaultNewResource, synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import type { NetworkInfo } from "../network/info";
import { InferenceService } from "./component";
import type { InferenceServiceArgs } from "./spec";

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "us-east-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};

const NETWORK: NetworkInfo = {
  cloud: "aws",
  name: "core",
  networkId: "vpc-1",
  cidr: "10.0.0.0/16",
  region: "us-east-1",
  zones: ["us-east-1a", "us-east-1b"],
  publicSubnetIds: ["subnet-p1", "subnet-p2"],
  privateSubnetIds: ["subnet-q1", "subnet-q2"],
  isolatedSubnetIds: ["subnet-i1", "subnet-i2"],
  reservedCidr: "10.0.192.0/18",
};

const base: InferenceServiceArgs = {
  network: NETWORK,
  image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo/model:1",
  compute: { cpu: 2, memoryGiB: 4 },
  loadBalancer: { tls: { certificateId: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } },
};

/** How many cloud resources registered before the program failed, and its error ("" when none). */
async function attempt(args: Partial<InferenceServiceArgs> & Record<string, unknown>): Promise<{ registered: number; error: string }> {
  let registered = 0;
  const mocks = {
    newResource: (a: Parameters<typeof defaultNewResource>[0]) => {
      if (a.type !== "pulumi:pulumi:Stack") registered++;
      return defaultNewResource(a);
    },
  };
  try {
    await synth(() => new InferenceService("api", { ...base, ...args } as InferenceServiceArgs), {
      project: "p",
      stack: "dev",
      config: CONFIG.aws,
      mocks,
    });
    return { registered, error: "" };
  } catch (err) {
    // Pulumi prefixes an error thrown inside an output; the library keeps its own words in `summary`.
    return { registered, error: (err as { summary?: string }).summary ?? (err as Error).message };
  }
}

describe("InferenceService: a network of the wrong shape is refused before anything registers", () => {
  it.each([
    [{}, "network.cloud is required: pass an MlopsVpc's `network`"],
    [
      { ...NETWORK, publicSubnetIds: [], privateSubnetIds: [] },
      "network.publicSubnetIds is empty: the public tier needs at least one subnet",
    ],
    [{ ...NETWORK, privateSubnetIds: undefined }, "network.privateSubnetIds is missing: the private tier needs at least one subnet"],
    [{ ...NETWORK, privateSubnetIds: [""] }, "network.privateSubnetIds must hold subnet ids (non-empty strings)"],
  ])("GIVEN network %j THEN the SpecError names the field and nothing registers", async (network, message) => {
    const { registered, error } = await attempt({ network: network as NetworkInfo });
    expect(error).toContain(message);
    expect(error.startsWith('InferenceService "api"')).toBe(true);
    expect(registered).toBe(0);
  });

  it("GIVEN an output resolving to a network without subnets THEN the same words once it resolves", async () => {
    const { error } = await attempt({ network: pulumi.output({ ...NETWORK, privateSubnetIds: [] }) });
    expect(error).toBe('InferenceService "api": network.privateSubnetIds is empty: the private tier needs at least one subnet');
  });
});

describe("InferenceService: outputs are checked when they resolve, as clear SpecErrors", () => {
  it.each([
    [
      "a certificate id resolving to an empty string",
      { loadBalancer: { tls: { certificateId: pulumi.output("") } } },
      'InferenceService "api": loadBalancer.tls.certificateId ("") must not be empty',
    ],
    [
      "an env value resolving to an object",
      { env: { MODEL: pulumi.output({ a: 1 } as unknown as string) } },
      'InferenceService "api": env.MODEL ({"a":1}) must be a string (a single line (no line breaks or NUL))',
    ],
    [
      "an image resolving to undefined",
      { image: pulumi.output(undefined as unknown as string) },
      'InferenceService "api": image (undefined) must be a string (a container image reference)',
    ],
    [
      "a secret image resolving to undefined",
      { image: pulumi.secret(undefined as unknown as string) },
      'InferenceService "api": image ([secret]) must be a string (a container image reference)',
    ],
  ])("GIVEN %s THEN %s", async (_what, args, message) => {
    expect((await attempt(args)).error).toBe(message);
  });

  it("GIVEN a health check path over ELBv2's 1024 characters THEN refused before anything registers", async () => {
    const { registered, error } = await attempt({ healthCheck: { path: `/${"a".repeat(1024)}` } });
    expect(error).toBe(`InferenceService "api": healthCheck.path ("/${"a".repeat(75)}...) must be at most 1024 characters`);
    expect(registered).toBe(0);
  });

  it("GIVEN an allowed CIDR listed twice THEN the repeat is refused by index", async () => {
    const { error } = await attempt({ loadBalancer: { ...base.loadBalancer, allowedCidrs: ["10.1.0.0/16", "10.1.0.0/16"] } });
    expect(error).toBe('InferenceService "api": loadBalancer.allowedCidrs.1 ("10.1.0.0/16") repeats entry 0');
  });
});
