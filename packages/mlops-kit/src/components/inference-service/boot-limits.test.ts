import { synth } from "@mlops-kit/testing";
import { defaultNewResource } from "@mlops-kit/testing/src/mocks";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { MlopsVpc } from "../network/component";
import { InferenceService } from "./component";
import type { InferenceServiceArgs } from "./spec";

// What the instances boot with is checked on every cloud before anything is registered where the
// values are known, and as they resolve where they are outputs, in the same words.

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "us-east-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme-ml" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};
/** Over each cloud's user data limit once rendered, under the next cloud's. */
const TOO_BIG: Record<CloudId, number> = { aws: 17_000, azure: 66_000, gcp: 270_000 };
const LIMIT_WORDS: Record<CloudId, RegExp> = {
  aws: /EC2 takes 16384 bytes of user data/,
  azure: /Azure takes 65535 bytes of custom data/,
  gcp: /Compute Engine takes 262144 bytes in one metadata value/,
};

type ServiceArgs = Omit<InferenceServiceArgs, "network">;
const ARGS: ServiceArgs = {
  // An ECR image: the one registry AWS instances hold credentials for (GCP and Azure pull it too).
  image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/acme/model:1",
  compute: { cpu: 2, memoryGiB: 8 },
  loadBalancer: { tls: { enabled: false } },
};

/** Synthesizes a network and the service; the error, and the types of the service's resources registered before it. */
async function attempt(cloud: CloudId, args: ServiceArgs): Promise<{ error: unknown; serviceTypes: string[] }> {
  const registered: { type: string; name: string }[] = [];
  const error = await synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      new InferenceService("api", { ...args, network: vpc.network });
    },
    {
      project: "p",
      stack: "dev",
      config: CONFIG[cloud],
      mocks: {
        newResource: (a) => {
          registered.push({ type: a.type, name: a.name });
          return defaultNewResource(a);
        },
      },
    },
  ).then(
    () => undefined,
    (err: unknown) => err,
  );
  return { error, serviceTypes: registered.filter((r) => r.name.startsWith("api")).map((r) => r.type) };
}

describe.each(["aws", "gcp", "azure"] as const)("InferenceService boot limits on %s", (cloud) => {
  it("GIVEN a plain env over the user data limit WHEN constructed THEN it is a SpecError on env before any of the service's resources registers", async () => {
    const { error, serviceTypes } = await attempt(cloud, { ...ARGS, env: { BIG: "x".repeat(TOO_BIG[cloud]) } });
    expect(String(error)).toMatch(
      /InferenceService "api": env with command and args makes the instances' boot configuration at least \d+ bytes/,
    );
    expect(String(error)).toMatch(LIMIT_WORDS[cloud]);
    expect(serviceTypes).toEqual([]);
  });

  it("GIVEN an env output that resolves over the limit WHEN deployed THEN it fails with the same words", async () => {
    const { error } = await attempt(cloud, { ...ARGS, env: { BIG: pulumi.output("x".repeat(TOO_BIG[cloud])) } });
    expect(String(error)).toMatch(
      /InferenceService "api": env with command and args makes the instances' boot configuration at least \d+ bytes/,
    );
    expect(String(error)).toMatch(LIMIT_WORDS[cloud]);
  });

  it('GIVEN an env output that resolves to an object WHEN deployed THEN it is a SpecError naming the variable, not "[object Object]" on the instance', async () => {
    const { error } = await attempt(cloud, { ...ARGS, env: { OBJ: pulumi.output({ a: 1 } as unknown as string) } });
    expect(String(error)).toMatch(/InferenceService "api": env\.OBJ \(\{"a":1\}\) must be a string/);
  });

  it("GIVEN a NUL in an argument WHEN constructed THEN it is a SpecError naming the argument before any of the service's resources registers", async () => {
    const { error, serviceTypes } = await attempt(cloud, { ...ARGS, args: ["--ok", "bad\0"] });
    expect(String(error)).toMatch(/InferenceService "api": args\.1 .* must not contain NUL/);
    expect(serviceTypes).toEqual([]);
  });

  it("GIVEN env, command and args just under the limit WHEN deployed THEN the service is built", async () => {
    const { error, serviceTypes } = await attempt(cloud, { ...ARGS, env: { OK: "x".repeat(8_000) }, args: ["--x"] });
    expect(error).toBeUndefined();
    expect(serviceTypes.length).toBeGreaterThan(5);
  });
});
