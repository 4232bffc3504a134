import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-owner-role";

const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions";
const assignment = (roleGuid: string) =>
  planResource("azure-native:authorization:RoleAssignment", "a", {
    principalId: "p",
    scope: "/subscriptions/s",
    roleDefinitionId: `${sub}/${roleGuid}`,
  });

describe(rule.name, () => {
  it("GIVEN a Storage Blob Data Reader assignment THEN it passes", async () => {
    expect(await findings(rule, [assignment("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1")])).toEqual([]);
  });

  it("GIVEN an Owner assignment THEN it fails", async () => {
    expect(await findings(rule, [assignment("8e3af657-a8ff-443c-a75c-2fe8c4bcb635")])).toEqual([
      expect.stringContaining("is a forbidden role (Owner)"),
    ]);
  });

  it("GIVEN User Access Administrator forbidden by config THEN its assignment fails", async () => {
    const config = { [rule.name]: { forbiddenRoleDefinitionIds: ["18D7D88D-D35E-4FB5-A5C3-7773C20A72D9"] } };
    expect(await findings(rule, [assignment("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9")], { config })).toHaveLength(1);
  });
});
