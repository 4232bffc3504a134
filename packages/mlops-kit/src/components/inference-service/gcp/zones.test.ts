import { type Plan, resource, synth } from "@mlops-kit/testing";
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { MlopsVpc } from "../../network/component";
import { InferenceService } from "../component";
import type { InferenceServiceArgs } from "../spec";
import { groupName } from ".";

const GROUP = "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager";
const AUTOSCALER = "gcp:compute/regionAutoscaler:RegionAutoscaler";
const CONFIG = { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme-ml" };

function newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
  const name = typeof args.inputs.name === "string" ? args.inputs.name : args.name;
  const state: Record<string, unknown> = { name, ...args.inputs };
  state.selfLink ??= `https://mock.googleapis.com/${args.type.split(":").pop()?.toLowerCase()}/${args.name}`;
  if (args.type === GROUP) state.instanceGroup = `https://mock.googleapis.com/instancegroup/${args.name}`;
  if (args.type.endsWith(":Account")) state.email = `${args.inputs.accountId}@acme-ml.iam.gserviceaccount.com`;
  return { id: `${args.name}-id`, state };
}

/** A service with a GPU on a dev network (2 zones) in `region`: its plan, or the error's own words. */
async function synthGpu(gpu: "t4" | "a100-80gb" | "l4", region = "us-central1"): Promise<{ plan?: Plan; error?: string }> {
  try {
    const plan = await synth(
      () => {
        const vpc = new MlopsVpc("core", { gcp: { region } });
        new InferenceService("api", {
          network: vpc.network,
          image: "us-docker.pkg.dev/acme-ml/models/api:1",
          compute: { cpu: 4, memoryGiB: 15, gpu: { type: gpu } },
          loadBalancer: { tls: { domain: "api.example.com" } },
        } satisfies InferenceServiceArgs);
      },
      { project: "p", stack: "dev", config: CONFIG, mocks: { newResource } },
    );
    return { plan };
  } catch (err) {
    return { error: (err as { summary?: string }).summary ?? (err as Error).message };
  }
}

const group = (plan: Plan | undefined) => {
  if (!plan) throw new Error("the program failed");
  return resource(plan, GROUP, "api-group").inputs;
};

describe("InferenceService on GCP: a GPU group runs only in zones that offer its accelerator", () => {
  it("GIVEN an A100 80GB in us-central1 (zones a and c) WHEN synthesized THEN the group spans a and c, under a name keyed by them", async () => {
    const { plan } = await synthGpu("a100-80gb");
    const g = group(plan);
    expect(g.distributionPolicyZones).toEqual(["us-central1-a", "us-central1-c"]);
    expect(g.distributionPolicyTargetShape).toBe("BALANCED");
    // Other zones would replace the group: the hash in its name lets the new one come up first.
    expect(g.name).toMatch(/^api-group-[a-z0-9]{6}-z2[a-z0-9]{6}$/);
    expect(plan && resource(plan, AUTOSCALER, "api-autoscaler").inputs.name).toMatch(/^api-autoscaler-[a-z0-9]{6}-z2[a-z0-9]{6}$/);
    expect(String(g.name).length).toBeLessThanOrEqual(63);
  });

  it("GIVEN a T4, offered in every zone of the network WHEN synthesized THEN the group keeps the network's zones and its name", async () => {
    const g = group((await synthGpu("t4")).plan);
    expect(g.distributionPolicyZones).toEqual(["us-central1-a", "us-central1-b"]);
    expect(g.name).toMatch(/^api-group-[a-z0-9]{6}-z2$/);
  });

  it("GIVEN an A100 80GB on a network in us-east1, which offers none WHEN synthesized THEN the preview fails with the SpecError", async () => {
    const { error } = await synthGpu("a100-80gb", "us-east1");
    expect(error).toBe(
      'InferenceService "api": compute.gpu (a100-80gb, nvidia-a100-80gb) is offered in no zone of us-east1; ' +
        "regions that offer it in 2 zones: us-central1, us-east5",
    );
  });

  it("GIVEN an L4 in a region the table lacks WHEN synthesized THEN the group keeps the network's zones, unchecked", async () => {
    const g = group((await synthGpu("l4", "africa-south1")).plan);
    expect(g.distributionPolicyZones).toEqual(["africa-south1-a", "africa-south1-b"]);
    expect(g.name).toMatch(/^api-group-[a-z0-9]{6}-z2$/);
  });

  it("GIVEN the longest planned name and moved zones THEN the group name stays within 63 characters and keeps the plan's hash", () => {
    const planned = `${"a".repeat(56)}-abcdef`;
    const name = groupName(planned, { zones: ["us-central1-a", "us-central1-c"], moved: true });
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^a+-abcdef-z2[a-z0-9]{6}$/);
    expect(groupName(planned, { zones: ["us-central1-a", "us-central1-b"], moved: false })).toMatch(/^a+-abcdef-z2$/);
    expect(groupName(planned, { zones: ["us-central1-b", "us-central1-c"], moved: true })).not.toBe(name);
  });
});
