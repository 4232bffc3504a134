import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./allowed-regions";

const config = { [rule.name]: { allowedRegions: ["europe-west4", "EU"] } };
const subnet = (inputs: Record<string, unknown> = {}) =>
  planResource("gcp:compute/subnetwork:Subnetwork", "s", { network: "n", ipCidrRange: "10.0.0.0/17", ...inputs });

describe(rule.name, () => {
  it("GIVEN allowed regions, locations and zones, and global resources THEN it passes", async () => {
    const resources = [
      subnet({ region: "europe-west4" }),
      planResource("gcp:storage/bucket:Bucket", "b", { location: "eu" }),
      planResource("gcp:compute/instance:Instance", "vm", { zone: "europe-west4-a" }),
      planResource("gcp:compute/network:Network", "n", {}),
      planResource("gcp:logging/projectBucketConfig:ProjectBucketConfig", "l", { location: "global" }),
    ];
    expect(await findings(rule, resources, { config })).toEqual([]);
  });

  it("GIVEN a subnetwork without region in a provider region outside the list THEN it fails", async () => {
    expect(await findings(rule, [subnet()], { config, stackConfig: { "gcp:region": "us-central1" } })).toEqual([
      "the provider's region us-central1 is not one of europe-west4, eu.",
    ]);
  });

  it("GIVEN a bucket in the US multi-region THEN it fails", async () => {
    expect(await findings(rule, [planResource("gcp:storage/bucket:Bucket", "b", { location: "US" })], { config })).toEqual([
      expect.stringContaining("location US"),
    ]);
  });

  it("GIVEN a VM in a zone of another region THEN it fails", async () => {
    expect(await findings(rule, [planResource("gcp:compute/instance:Instance", "vm", { zone: "us-east1-b" })], { config })).toEqual([
      expect.stringContaining("zone us-east1"),
    ]);
  });
});
