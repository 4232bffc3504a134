import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-public-ip-on-instances";

const lt = (associatePublicIpAddress: unknown) =>
  planResource("aws:ec2/launchTemplate:LaunchTemplate", "api", { networkInterfaces: [{ associatePublicIpAddress, deviceIndex: 0 }] });

describe(rule.name, () => {
  it("GIVEN no public IP asked for THEN it passes", async () => {
    const resources = [lt("false"), planResource("aws:ec2/instance:Instance", "vm", { ami: "ami-1", associatePublicIpAddress: false })];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it('GIVEN a launch template with associatePublicIpAddress "true" THEN it fails', async () => {
    expect(await findings(rule, [lt("true")])).toEqual(["networkInterfaces[0].associatePublicIpAddress is true."]);
  });

  it("GIVEN an instance with associatePublicIpAddress true THEN it fails", async () => {
    expect(await findings(rule, [planResource("aws:ec2/instance:Instance", "vm", { associatePublicIpAddress: true })])).toEqual([
      "associatePublicIpAddress is true.",
    ]);
  });
});
