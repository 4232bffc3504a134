import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./control-plane-logs";

const cluster = (enabledClusterLogTypes?: string[]) =>
  planResource("aws:eks/cluster:Cluster", "train", {
    roleArn: "arn:r",
    vpcConfig: { subnetIds: ["s"] },
    ...(enabledClusterLogTypes ? { enabledClusterLogTypes } : {}),
  });

describe(rule.name, () => {
  it("GIVEN every log type THEN it passes", async () => {
    expect(await findings(rule, [cluster(["api", "audit", "authenticator", "controllerManager", "scheduler"])])).toEqual([]);
  });

  it("GIVEN no logs THEN it fails naming the missing types", async () => {
    expect(await findings(rule, [cluster()])).toEqual([expect.stringContaining("api, audit, authenticator are off")]);
  });

  it("GIVEN api only THEN it fails naming audit and authenticator", async () => {
    expect(await findings(rule, [cluster(["api"])])).toEqual([expect.stringContaining("audit, authenticator are off")]);
  });
});
