import { checkPolicies, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./team-namespaces";

const ns = (enforce?: string) =>
  planResource("kubernetes:core/v1:Namespace", "train-vision", {
    metadata: {
      name: "vision",
      labels: { "mlops-kit/team": "vision", ...(enforce ? { "pod-security.kubernetes.io/enforce": enforce } : {}) },
    },
  });
const quota = planResource("kubernetes:core/v1:ResourceQuota", "train-vision-quota", {
  metadata: { name: "team-quota", namespace: "vision" },
  spec: { hard: { "requests.nvidia.com/gpu": "8" } },
});
const deny = planResource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "train-vision-default-deny", {
  metadata: { name: "default-deny", namespace: "vision" },
  spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
});
const run = async (resources: ReturnType<typeof ns>[]) =>
  (await checkPolicies(rule, resources, { stack: "gcp-dev", stackConfig: { "mlops:cloud": "gcp" } })).violations.map((v) => v.detail);

describe(rule.name, () => {
  it("GIVEN a team namespace at baseline with a GPU quota and a default-deny policy THEN it passes", async () => {
    expect(await run([ns("baseline"), quota, deny])).toEqual([]);
  });

  it("GIVEN a namespace that admits privileged pods THEN it fails", async () => {
    expect(await run([ns("privileged"), quota, deny])).toEqual([expect.stringContaining("enforce is privileged")]);
  });

  it("GIVEN no quota and no default-deny policy THEN it fails naming both", async () => {
    expect(await run([ns("restricted")])).toEqual([
      expect.stringContaining("no ResourceQuota on requests.nvidia.com/gpu; no default-deny NetworkPolicy"),
    ]);
  });
});
