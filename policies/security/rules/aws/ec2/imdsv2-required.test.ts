import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./imdsv2-required";

const lt = (metadataOptions?: Record<string, unknown>) =>
  planResource("aws:ec2/launchTemplate:LaunchTemplate", "api", { imageId: "ami-1", ...(metadataOptions ? { metadataOptions } : {}) });
const instance = (metadataOptions?: Record<string, unknown>) =>
  planResource("aws:ec2/instance:Instance", "vm", { ami: "ami-1", ...(metadataOptions ? { metadataOptions } : {}) });

describe(rule.name, () => {
  it("GIVEN httpTokens required, or the metadata endpoint off THEN it passes", async () => {
    expect(
      await findings(rule, [lt({ httpTokens: "required", httpPutResponseHopLimit: 1 }), instance({ httpEndpoint: "disabled" })]),
    ).toEqual([]);
  });

  it("GIVEN a launch template without metadataOptions THEN it fails", async () => {
    expect(await findings(rule, [lt()])).toEqual([expect.stringContaining("httpTokens is not set (IMDSv1 allowed)")]);
  });

  it("GIVEN an instance with httpTokens optional THEN it fails", async () => {
    expect(await findings(rule, [instance({ httpTokens: "optional" })])).toEqual([expect.stringContaining("httpTokens is optional")]);
  });
});
