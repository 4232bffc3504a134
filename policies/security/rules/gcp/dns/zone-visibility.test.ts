import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./zone-visibility";

const zone = (inputs: Record<string, unknown>) =>
  planResource("gcp:dns/managedZone:ManagedZone", "z", { dnsName: "googleapis.com.", ...inputs });

describe(rule.name, () => {
  it("GIVEN a private zone bound to a network and a signed public zone THEN it passes", async () => {
    const resources = [
      zone({ visibility: "private", privateVisibilityConfig: { networks: [{ networkUrl: "projects/p/global/networks/core" }] } }),
      zone({ dnsName: "example.com.", visibility: "public", dnssecConfig: { state: "on" } }),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN a private zone bound to nothing THEN it fails", async () => {
    expect(await findings(rule, [zone({ visibility: "private", privateVisibilityConfig: { networks: [] } })])).toEqual([
      expect.stringContaining("resolves for no one"),
    ]);
  });

  it("GIVEN a public zone without DNSSEC THEN it fails", async () => {
    expect(await findings(rule, [zone({ dnsName: "example.com." })])).toEqual([expect.stringContaining("DNSSEC")]);
  });
});
