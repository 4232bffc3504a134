import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./endpoint-restricted";

const cluster = (vpcConfig: Record<string, unknown>) => planResource("aws:eks/cluster:Cluster", "train", { roleArn: "arn:r", vpcConfig });

describe(rule.name, () => {
  it("GIVEN a private endpoint, or a public one limited to listed CIDRs THEN it passes", async () => {
    expect(
      await findings(rule, [
        cluster({ subnetIds: ["s"], endpointPrivateAccess: true, endpointPublicAccess: false }),
        cluster({ subnetIds: ["s"], endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
      ]),
    ).toEqual([]);
  });

  it("GIVEN public access without CIDRs (EKS's default) THEN it fails", async () => {
    expect(await findings(rule, [cluster({ subnetIds: ["s"] })])).toEqual([expect.stringContaining("0.0.0.0/0 (no publicAccessCidrs)")]);
  });

  it("GIVEN public access to 0.0.0.0/0 THEN it fails", async () => {
    expect(await findings(rule, [cluster({ subnetIds: ["s"], endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] })])).toEqual([
      expect.stringContaining("open to 0.0.0.0/0"),
    ]);
  });
});
