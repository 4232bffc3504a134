import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./endpoint-restricted";

const cluster = (inputs: Record<string, unknown>) => planResource("gcp:container/cluster:Cluster", "train", inputs);

describe(rule.name, () => {
  it("GIVEN private nodes and a private endpoint, or authorized networks THEN it passes", async () => {
    expect(
      await findings(rule, [
        cluster({ privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true } }),
        cluster({
          privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false },
          masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "198.51.100.0/24" }] },
        }),
      ]),
    ).toEqual([]);
  });

  it("GIVEN public nodes THEN it fails", async () => {
    expect(await findings(rule, [cluster({ privateClusterConfig: { enablePrivateEndpoint: true } })])).toEqual([
      expect.stringContaining("nodes have public IPs"),
    ]);
  });

  it("GIVEN a public endpoint open to the world THEN it fails", async () => {
    const open = cluster({
      privateClusterConfig: { enablePrivateNodes: true },
      masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "0.0.0.0/0" }] },
    });
    expect(await findings(rule, [open])).toEqual([expect.stringContaining("admits 0.0.0.0/0")]);
  });
});
