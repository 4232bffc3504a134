import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./workspace-managed-network";

const resource = (inputs: Record<string, unknown>) =>
  planResource("azure-native:machinelearningservices:Workspace", "r", { resourceGroupName: "g", ...inputs });

describe(rule.name, () => {
  it("GIVEN a compliant setting THEN it passes", async () => {
    expect(await findings(rule, [resource({ managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } })])).toEqual([]);
  });

  it("GIVEN a non-compliant setting THEN it fails", async () => {
    expect(await findings(rule, [resource({})])).toEqual([expect.stringContaining("not set")]);
    expect(await findings(rule, [resource({ managedNetwork: { isolationMode: "Disabled" } })])).toEqual([
      expect.stringContaining("is Disabled"),
    ]);
  });
});
