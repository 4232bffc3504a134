import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./workspace-no-public-network-access";

const resource = (inputs: Record<string, unknown>) =>
  planResource("azure-native:machinelearningservices:Workspace", "r", { resourceGroupName: "g", ...inputs });

describe(rule.name, () => {
  it("GIVEN a compliant setting THEN it passes", async () => {
    expect(await findings(rule, [resource({ publicNetworkAccess: "Disabled" })])).toEqual([]);
  });

  it("GIVEN a non-compliant setting THEN it fails", async () => {
    expect(await findings(rule, [resource({})])).toEqual([expect.stringContaining("Enabled (the default)")]);
  });
});
