import { checkDeletionSafety, deletionSafetySchema, stackRule } from "@mlops-kit/policy-common";

const STATEFUL = [
  "azure-native:storage:StorageAccount",
  "azure-native:keyvault:Vault",
  "azure-native:operationalinsights:Workspace",
  "azure-native:containerregistry:Registry",
  "azure-native:machinelearningservices:Workspace",
  "azure-native:documentdb:DatabaseAccount",
  "azure-native:sql:Server",
  "azure-native:dbforpostgresql:Server",
  "azure-native:machinelearningservices:Registry",
];

export default stackRule({
  name: "mlops-azure-data-prod-deletion-safety",
  description:
    "In production stacks, resources that hold data (storage accounts, key vaults, workspaces, registries, ...) have protect or retainOnDelete.",
  severity: "high",
  frameworks: { nist: ["CP-9", "SI-12", "AU-9"], pci: ["10.3.3"] },
  remediation: [
    "Set the resource option retainOnDelete: true (the resource stays in Azure when Pulumi deletes or replaces it) or protect: true (Pulumi refuses to delete it); mlops-kit does so in the prod profile.",
    "Add a CanNotDelete management lock for protection outside Pulumi too.",
  ],
  configSchema: deletionSafetySchema(STATEFUL),
  validateStack: (args, report) => checkDeletionSafety(args, report),
});
