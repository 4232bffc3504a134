import { checkPolicies, planResource, SECRET_PLACEHOLDER } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import imdsv2 from "../security/rules/aws/ec2/imdsv2-required";
import publicIngress from "../security/rules/aws/ec2/no-public-ingress";

// The plan masks secrets: a rule sees `[secret]` where the value was. Deciding on the mask is
// deciding on nothing, so every rule that reads one reports "cannot be checked: secret".
const lt = (metadataOptions: unknown) =>
  planResource("aws:ec2/launchTemplate:LaunchTemplate", "api", { imageId: "ami-1", metadataOptions });
const sg = (ingress: unknown) => planResource("aws:ec2/securityGroup:SecurityGroup", "lb", { vpcId: "v", ingress });

/** What the rule said: level and detail of each violation. */
async function said(rule: Parameters<typeof checkPolicies>[0], resources: ReturnType<typeof planResource>[]) {
  const report = await checkPolicies(rule, resources);
  return report.violations.map((v) => [v.enforcementLevel, v.detail, v.secret ?? false]);
}

describe("rules on secret values", () => {
  it.each([
    ["a secret metadataOptions (was a false violation)", imdsv2, [lt(SECRET_PLACEHOLDER)], "metadataOptions"],
    ["a secret httpTokens", imdsv2, [lt({ httpTokens: SECRET_PLACEHOLDER })], "metadataOptions.httpTokens"],
    [
      "a secret cidrBlocks (a world-open rule passed silently)",
      publicIngress,
      [sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: SECRET_PLACEHOLDER }])],
      "ingress.0.cidrBlocks",
    ],
    [
      "a secret entry of cidrBlocks",
      publicIngress,
      [sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [SECRET_PLACEHOLDER] }])],
      "ingress.0.cidrBlocks.0",
    ],
  ] as const)("GIVEN %s THEN one advisory: cannot be checked: secret", async (_what, rule, resources, at) => {
    expect(await said(rule, [...resources])).toEqual([["advisory", `cannot be checked: secret value at .${at}`, true]]);
  });

  it("GIVEN secrets the rule does not read THEN it decides as usual", async () => {
    const open = sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: SECRET_PLACEHOLDER }]);
    const report = await checkPolicies(publicIngress, [open]);
    expect(report.violations.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });
});
