import { resourceRule } from "@mlops-kit/policy-common";
import { RoleAssignment } from "@pulumi/azure-native/authorization";
import { validateResourceOfType } from "@pulumi/policy";

/** The built-in Owner role definition (the same id in every tenant). */
const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

export default resourceRule({
  name: "mlops-azure-authorization-no-owner-role",
  description: "No role assignment grants the built-in Owner role.",
  severity: "high",
  frameworks: { nist: ["AC-6", "AC-2"], pci: ["7.2.1", "7.2.2"] },
  remediation: ["Assign a role that covers what the principal does (Contributor on one resource group, a data-plane role, a custom role)."],
  configSchema: {
    properties: {
      forbiddenRoleDefinitionIds: {
        type: "array",
        items: { type: "string" },
        default: [OWNER],
        description:
          "Role definition GUIDs no assignment may use (Owner by default; add User Access Administrator 18d7d88d-d35e-4fb5-a5c3-7773c20a72d9 to forbid it too).",
      },
    },
  },
  validateResource: validateResourceOfType(RoleAssignment, (assignment, args, report) => {
    const forbidden = args.getConfig<{ forbiddenRoleDefinitionIds: string[] }>().forbiddenRoleDefinitionIds.map((id) => id.toLowerCase());
    const id =
      String(assignment.roleDefinitionId ?? "")
        .toLowerCase()
        .split("/")
        .pop() ?? "";
    if (forbidden.includes(id))
      report(`roleDefinitionId ${assignment.roleDefinitionId} is a forbidden role${id === OWNER ? " (Owner)" : ""}.`);
  }),
});
