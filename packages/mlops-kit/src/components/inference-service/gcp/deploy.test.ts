import * as fs from "node:fs";
import * as path from "node:path";
import { type Plan, resource, synth } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { MlopsVpc } from "../../network/component";
import { InferenceService } from "../component";
import type { InferenceServiceArgs } from "../spec";

const CONFIG = { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme-ml" };

async function synthNamed(name: string, extra: Partial<InferenceServiceArgs> = {}, config: Record<string, string> = {}): Promise<Plan> {
  return synth(
    () => {
      const vpc = new MlopsVpc("core", { gcp: { enableApis: true } });
      new InferenceService(name, {
        network: vpc.network,
        image: "us-docker.pkg.dev/acme-ml/models/api:1",
        compute: { cpu: 2, memoryGiB: 8 },
        loadBalancer: { tls: { domain: "api.example.com" }, allowedCidrs: ["198.51.100.0/24"] },
        ...extra,
      });
    },
    { project: "p", stack: "dev", config: { ...CONFIG, ...config } },
  );
}

/**
 * The GCP resource types whose arguments take `labels`, read from pulumi-gcp's own declarations:
 * a token's class is found by its `__pulumiType`, and its `<Type>Args` interface by name.
 */
function typesTakingLabels(types: string[]): Set<string> {
  const root = path.dirname(require.resolve("@pulumi/gcp/package.json"));
  const taking = new Set<string>();
  for (const type of types) {
    const [, mod, cls] = /^gcp:([^/]+)\/[^:]+:(\w+)$/.exec(type) ?? [];
    if (!mod || !cls) continue;
    const dir = path.join(root, mod);
    const js = fs
      .readdirSync(dir)
      .find((f) => f.endsWith(".js") && fs.readFileSync(path.join(dir, f), "utf8").includes(`__pulumiType = '${type}'`));
    if (!js) throw new Error(`no declaration of ${type} in @pulumi/gcp/${mod}`);
    const dts = fs.readFileSync(path.join(dir, js.replace(/\.js$/, ".d.ts")), "utf8");
    const args = dts.slice(dts.indexOf(`export interface ${cls}Args {`));
    if (/\n {4}labels\?:/.test(args.slice(0, args.indexOf("\n}")))) taking.add(type);
  }
  return taking;
}

describe("InferenceService on GCP: what a real deployment checks", () => {
  it("GIVEN a non-default health-check path WHEN synthesized THEN the health check probes exactly it", async () => {
    const plan = await synthNamed("api", { healthCheck: { path: "/v2/models/ready" } });
    expect(resource(plan, "gcp:compute/healthCheck:HealthCheck", "api-health").inputs.httpHealthCheck).toEqual({
      port: 8080,
      requestPath: "/v2/models/ready",
    });
    const internal = await synthNamed("api", {
      healthCheck: { path: "/v2/models/ready" },
      loadBalancer: { scheme: "internal", tls: { certificateId: "projects/p/locations/us-central1/certificates/c" } },
    });
    expect(resource(internal, "gcp:compute/regionHealthCheck:RegionHealthCheck", "api-health").inputs.httpHealthCheck).toEqual({
      port: 8080,
      requestPath: "/v2/models/ready",
    });
  });

  it("GIVEN both components WHEN synthesized THEN every resource whose type takes labels has the stack's labels", async () => {
    for (const scheme of ["public", "internal"] as const) {
      const tls =
        scheme === "internal" ? { certificateId: "projects/p/locations/us-central1/certificates/c" } : { domain: "api.example.com" };
      const plan = await synthNamed("api", { loadBalancer: { scheme, tls, allowedCidrs: ["10.0.0.0/8"] } });
      const gcp = plan.resources.filter((r) => r.type.startsWith("gcp:"));
      const taking = typesTakingLabels([...new Set(gcp.map((r) => r.type))]);
      const labelled = gcp.filter((r) => taking.has(r.type));
      expect(labelled.length, scheme).toBeGreaterThanOrEqual(7);
      for (const r of labelled) expect(r.inputs.labels, `${r.type} ${r.name}`).toMatchObject({ "managed-by": "mlops-kit" });
    }
  });
});
