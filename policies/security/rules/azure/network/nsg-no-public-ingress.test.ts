import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./nsg-no-public-ingress";

const allow = {
  access: "Allow",
  direction: "Inbound",
  protocol: "Tcp",
  sourceAddressPrefix: "Internet",
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  priority: 100,
};
const nsg = (...securityRules: Record<string, unknown>[]) =>
  planResource("azure-native:network:NetworkSecurityGroup", "nsg", { resourceGroupName: "rg", securityRules });
const securityRule = (inputs: Record<string, unknown>) =>
  planResource("azure-native:network:SecurityRule", "r", { resourceGroupName: "rg", networkSecurityGroupName: "nsg", ...allow, ...inputs });

describe(rule.name, () => {
  it("GIVEN HTTPS from the internet, a deny-all, and SSH from the VNet THEN it passes", async () => {
    const resources = [
      nsg(
        { ...allow, name: "https", destinationPortRanges: ["443", "80"] },
        { ...allow, name: "deny", access: "Deny", protocol: "*", destinationPortRange: "*", priority: 4096 },
        { ...allow, name: "ssh", sourceAddressPrefix: "VirtualNetwork", destinationPortRange: "22" },
      ),
      securityRule({ direction: "Outbound", destinationPortRange: "*", protocol: "*" }),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN SSH from Internet inline THEN it fails naming the rule", async () => {
    expect(await findings(rule, [nsg({ ...allow, name: "ssh", destinationPortRange: "22" })])).toEqual([
      expect.stringMatching(/^securityRules\[0\] \(ssh\) admits Internet to 22;/),
    ]);
  });

  it("GIVEN any protocol from * THEN it fails", async () => {
    expect(await findings(rule, [nsg({ ...allow, protocol: "*", sourceAddressPrefix: "*", destinationPortRange: "*" })])).toEqual([
      expect.stringContaining("admits * to every protocol"),
    ]);
  });

  it("GIVEN a SecurityRule opening 3389 to 0.0.0.0/0 THEN it fails", async () => {
    expect(
      await findings(rule, [
        securityRule({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/0"], destinationPortRange: "3389" }),
      ]),
    ).toEqual([expect.stringContaining("to 3389")]);
  });

  it("GIVEN a port range 80-8080 from the internet THEN it fails", async () => {
    expect(await findings(rule, [securityRule({ destinationPortRange: "80-8080" })])).toEqual([expect.stringContaining("to 80-8080")]);
  });
});
