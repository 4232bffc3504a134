import { synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InferenceService } from "../components/inference-service/component";
import { MlopsVpc } from "../components/network/component";
import type { NetworkInfo } from "../components/network/info";
import type { CloudId } from "./cloud";
import { fieldPath, redactSecrets, showValue } from "./secrets";

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "us-east-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};

/** The message a program fails with, or "" when it succeeds. */
async function failure(program: () => unknown, cloud: CloudId, secretConfig: Record<string, string> = {}): Promise<string> {
  try {
    await synth(program, {
      project: "p",
      stack: "dev",
      config: { ...CONFIG[cloud], ...secretConfig },
      secretKeys: Object.keys(secretConfig),
    });
    return "";
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

describe("messages never show a secret", () => {
  it("GIVEN field paths THEN plain keys stay bare and any other key is quoted", () => {
    expect(fieldPath(["env", "MODEL_NAME"])).toBe("env.MODEL_NAME");
    expect(fieldPath(["env", "MODEL NAME=x; rm -rf /"])).toBe('env."MODEL NAME=x; rm -rf /"');
    expect(fieldPath(["loadBalancer", "allowedCidrs", 1])).toBe("loadBalancer.allowedCidrs.1");
    expect(fieldPath(["tags", 'a"\nb'])).toBe('tags."a\\"\\nb"');
  });

  it("GIVEN an env key that is not a variable name THEN the message quotes it", async () => {
    const message = await failure(() => {
      new InferenceService("api", {
        network: new MlopsVpc("core", {}).network,
        image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo/model:1",
        compute: { cpu: 2, memoryGiB: 4 },
        loadBalancer: { tls: { enabled: false } },
        env: { "MODEL NAME=x; rm -rf /": "v" },
      });
    }, "aws");
    expect(message).toBe('InferenceService "api": env."MODEL NAME=x; rm -rf /" must be an environment variable name');
  });

  it("GIVEN a secret text THEN it is masked plainly and as it appears inside JSON", () => {
    expect(redactSecrets('x ("p@ss\\"word") y', ['p@ss"word'])).toBe('x ("[secret]") y');
    expect(redactSecrets("token hunter22", ["hunter22"])).toBe("token [secret]");
    // Too short to mask without making every message unreadable.
    expect(redactSecrets("on and on", ["on"])).toBe("on and on");
  });

  it("GIVEN a long value THEN it is cut after masking, so a cut secret is never shown in part", () => {
    expect(showValue("a".repeat(200))).toHaveLength(80);
  });

  it.each(["aws", "gcp", "azure"] as const)(
    "GIVEN a secure config value read with config.require into a spec field on %s THEN the SpecError shows [secret]",
    async (cloud) => {
      const message = await failure(
        () => {
          const cidr = new pulumi.Config("app").require("cidr");
          new MlopsVpc("core", { cidr });
        },
        cloud,
        { "app:cidr": "10.0.0.0/33-SECRET-VALUE" },
      );
      expect(message).toMatch(/^MlopsVpc "core": cidr \("\[secret\]"\)/);
      expect(message).not.toContain("SECRET-VALUE");
    },
  );

  it.each(["aws", "gcp", "azure"] as const)(
    "GIVEN a pulumi.secret env value with a line break on %s THEN the error names the field and shows [secret]",
    async (cloud) => {
      const message = await failure(() => {
        const vpc = new MlopsVpc("core", {});
        new InferenceService("api", {
          network: vpc.network,
          image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo/model:1",
          compute: { cpu: 2, memoryGiB: 4 },
          loadBalancer: { tls: { enabled: false } },
          env: { TLS_KEY: pulumi.secret("-----BEGIN PRIVATE KEY-----\nMIIE") },
        });
      }, cloud);
      expect(message).toContain('InferenceService "api": env.TLS_KEY ([secret]) must be a single line');
      expect(message).not.toContain("PRIVATE KEY");
    },
  );

  // Every validation path reachable with a value: each case puts the secret where that path shows
  // the offending value, on each cloud. The secret is arbitrary text around a fixed marker.
  const paths: [string, (secret: string) => () => unknown][] = [
    ["spec field from secure config", () => () => new MlopsVpc("core", { cidr: new pulumi.Config("app").require("v") })],
    ["tag key from secure config", () => () => new MlopsVpc("core", { tags: { [`aws:${new pulumi.Config("app").require("v")}`]: "x" } })],
    [
      "image output",
      (s) => () =>
        new InferenceService("api", {
          network: new MlopsVpc("core", {}).network,
          image: pulumi.secret(`bad image ${s}`),
          compute: { cpu: 2, memoryGiB: 4 },
          loadBalancer: { tls: { enabled: false } },
        }),
    ],
    [
      "certificate output",
      () => () =>
        new InferenceService("api", {
          network: new MlopsVpc("core", {}).network,
          image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo/model:1",
          compute: { cpu: 2, memoryGiB: 4 },
          loadBalancer: { tls: { certificateId: pulumi.secret(" ") } },
        }),
    ],
    [
      "env output",
      (s) => () =>
        new InferenceService("api", {
          network: new MlopsVpc("core", {}).network,
          image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo/model:1",
          compute: { cpu: 2, memoryGiB: 4 },
          loadBalancer: { tls: { enabled: false } },
          env: { K: pulumi.secret(`${s}\n`) },
        }),
    ],
    [
      "network output",
      (s) => () =>
        new InferenceService("api", {
          network: pulumi.secret({ cloud: s, name: s, privateSubnetIds: [s] } as unknown as NetworkInfo),
          image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo/model:1",
          compute: { cpu: 2, memoryGiB: 4 },
          loadBalancer: { tls: { enabled: false } },
        }),
    ],
    [
      "allowed CIDR from secure config",
      () => () =>
        new InferenceService("api", {
          network: new MlopsVpc("core", {}).network,
          image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo/model:1",
          compute: { cpu: 2, memoryGiB: 4 },
          loadBalancer: { tls: { enabled: false }, allowedCidrs: [new pulumi.Config("app").require("v")] },
        }),
    ],
  ];

  it.each(paths)("property: on %s, on every cloud, no error message contains the secret", async (_path, program) => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<CloudId>("aws", "gcp", "azure"),
        fc.string({ minLength: 4, maxLength: 30 }).map((s) => `S3CR3T${s.replace(/\s/g, "x")}`),
        async (cloud, secret) => {
          const message = await failure(program(secret), cloud, { "app:v": secret });
          // Every path here rejects the value: a run that succeeded would prove nothing.
          expect(message).not.toBe("");
          expect(message).not.toContain(secret);
          expect(message).not.toContain("S3CR3T");
        },
      ),
      { numRuns: 6 },
    );
  });
});
