import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./launch-template-disks-encrypted";

const lt = (ebs: Record<string, unknown>) =>
  planResource("aws:ec2/launchTemplate:LaunchTemplate", "nodes", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs }] });

describe(rule.name, () => {
  it("GIVEN an encrypted root volume, or no mappings THEN it passes", async () => {
    expect(
      await findings(rule, [lt({ encrypted: "true", volumeSize: 100 }), planResource("aws:ec2/launchTemplate:LaunchTemplate", "bare", {})]),
    ).toEqual([]);
  });

  it("GIVEN a volume without encryption THEN it fails naming the device", async () => {
    expect(await findings(rule, [lt({ volumeSize: 100 })])).toEqual([expect.stringContaining("/dev/xvda are not encrypted")]);
  });
});
