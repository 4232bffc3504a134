import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-public-ip-on-launch";

const subnet = (inputs: Record<string, unknown> = {}) =>
  planResource("aws:ec2/subnet:Subnet", "net-public-0", {
    vpcId: "net-id",
    cidrBlock: "10.0.192.0/22",
    mapPublicIpOnLaunch: false,
    ...inputs,
  });

describe(rule.name, () => {
  it("GIVEN a subnet with mapPublicIpOnLaunch false, or unset (the default) THEN it passes", async () => {
    expect(await findings(rule, [subnet(), subnet({ mapPublicIpOnLaunch: undefined })])).toEqual([]);
  });

  it("GIVEN mapPublicIpOnLaunch true THEN it fails", async () => {
    expect(await findings(rule, [subnet({ mapPublicIpOnLaunch: true })])).toEqual([expect.stringContaining("mapPublicIpOnLaunch is true")]);
  });

  it("THEN it is high severity and mandatory", () => {
    expect([rule.metadata.severity, rule.enforcementLevel]).toEqual(["high", "mandatory"]);
  });
});
