import { type Plan, resource, synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../core/spec";
import { MlopsVpc } from "../../network/component";
import { InferenceService } from "../component";
import { type InferenceServiceArgs, inferenceServiceSchema } from "../spec";
import { PINNED_IMAGE_PATH } from "./index";

// The boot image of the instance template: pinned by default, so that a Container-Optimized OS
// release does not replace the whole group during an unrelated `pulumi up`.

const TEMPLATE = "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate";
const CONFIG = { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme-ml-dev" };
const IMAGE = "projects/cos-cloud/global/images/cos-stable-121-18867-90-38";

/** The plan, and each resource's ignoreChanges as the program gave them (the mock engine does not record them). */
async function synthWith(gcp: InferenceServiceArgs["gcp"]): Promise<{ plan: Plan; ignored: Record<string, string[] | undefined> }> {
  const ignored: Record<string, string[] | undefined> = {};
  const plan = await synth(
    () => {
      pulumi.runtime.registerStackTransformation((args) => {
        ignored[args.name] = args.opts.ignoreChanges;
        return undefined;
      });
      const vpc = new MlopsVpc("core", {});
      new InferenceService("api", {
        network: vpc.network,
        image: "us-central1-docker.pkg.dev/acme-ml-dev/models/api:1",
        compute: { cpu: 2, memoryGiB: 8 },
        loadBalancer: { tls: { domain: "api.example.com" } },
        gcp,
      });
    },
    { project: "p", stack: "dev", config: CONFIG },
  );
  return { plan, ignored };
}

const sourceImage = (plan: Plan) => (resource(plan, TEMPLATE, "api-template").inputs.disks as { sourceImage: string }[])[0]?.sourceImage;

describe("InferenceService on GCP: the boot image", () => {
  it("GIVEN no image WHEN synthesized THEN the template boots the newest cos-stable image and keeps it on later deployments", async () => {
    const { plan, ignored } = await synthWith(undefined);
    expect(sourceImage(plan)).toMatch(/\/projects\/cos-cloud\/global\/images\/cos-stable-/);
    expect(ignored["api-template"]).toEqual([PINNED_IMAGE_PATH]);
    expect(PINNED_IMAGE_PATH).toBe("disks[0].sourceImage");
  });

  it("GIVEN imageUpdates latest WHEN synthesized THEN the template follows the family on every deployment", async () => {
    const { plan, ignored } = await synthWith({ imageUpdates: "latest" });
    expect(sourceImage(plan)).toMatch(/cos-stable-/);
    expect(ignored["api-template"]).toBeUndefined();
  });

  it("GIVEN an image WHEN synthesized THEN the template boots exactly it and a new value rolls the group", async () => {
    const { plan, ignored } = await synthWith({ image: IMAGE });
    expect(sourceImage(plan)).toBe(IMAGE);
    expect(ignored["api-template"]).toBeUndefined();
  });

  it("GIVEN a Hyperdisk-only machine type WHEN synthesized THEN the boot disk is hyperdisk-balanced (a pd-balanced one would be refused)", async () => {
    const disk = (plan: Plan) => (resource(plan, TEMPLATE, "api-template").inputs.disks as { diskType: string }[])[0]?.diskType;
    expect(disk((await synthWith({ machineType: "n4-standard-4" })).plan)).toBe("hyperdisk-balanced");
    expect(disk((await synthWith(undefined)).plan)).toBe("pd-balanced");
  });

  it("GIVEN an image family or a bare name THEN the spec refuses it, naming the field", () => {
    const base = {
      network: { cloud: "gcp", name: "core", cidr: "10.0.0.0/16" } as unknown as InferenceServiceArgs["network"],
      image: "repo/model:1",
      compute: { cpu: 2, memoryGiB: 4 },
      loadBalancer: { tls: { domain: "api.example.com" } },
    };
    const parse = (image: string) => () => parseSpec(inferenceServiceSchema, "InferenceService", "api", { ...base, gcp: { image } });
    expect(parse("projects/cos-cloud/global/images/family/cos-stable")).toThrow(/gcp\.image .*an image, not a family/);
    expect(parse("cos-stable-121")).toThrow(/gcp\.image /);
    expect(parse(`https://www.googleapis.com/compute/v1/${IMAGE}`)).not.toThrow();
  });
});
