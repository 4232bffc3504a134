import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-public-ip-on-instances";

const template = (ni: Record<string, unknown>, type = "gcp:compute/instanceTemplate:InstanceTemplate") =>
  planResource(type, "t", { machineType: "e2-small", disks: [], networkInterfaces: [{ subnetwork: "s", ...ni }] });

describe(rule.name, () => {
  it("GIVEN templates and VMs with internal addresses only THEN it passes", async () => {
    const resources = [
      template({}),
      template({}, "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate"),
      template({ accessConfigs: [] }, "gcp:compute/instance:Instance"),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN an instance template with an accessConfig THEN it fails", async () => {
    expect(await findings(rule, [template({ accessConfigs: [{}] })])).toEqual([expect.stringContaining("external IPv4 address")]);
  });

  it("GIVEN a VM with an IPv6 access config THEN it fails", async () => {
    const vm = template({ ipv6AccessConfigs: [{ networkTier: "PREMIUM" }] }, "gcp:compute/instance:Instance");
    expect(await findings(rule, [vm])).toEqual([expect.stringContaining("external IPv6 address")]);
  });
});
