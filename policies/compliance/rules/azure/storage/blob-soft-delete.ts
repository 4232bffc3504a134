import { configuring, describe, stackRule } from "@mlops-kit/policy-common";
import { BlobServiceProperties, StorageAccount } from "@pulumi/azure-native/storage";

export default stackRule({
  name: "mlops-azure-storage-blob-soft-delete",
  description: "Every storage account keeps deleted blobs recoverable for at least the minimum (7 days).",
  severity: "medium",
  frameworks: { cis: ["Azure 2.1 3.11"], nist: ["CP-9", "SI-12"], pci: ["10.3.3"] },
  remediation: [
    'Create an azure-native storage.BlobServiceProperties for the account (blobServicesName "default") with deleteRetentionPolicy { enabled: true, days }.',
  ],
  configSchema: {
    properties: {
      minimumDays: {
        type: "integer",
        minimum: 1,
        maximum: 365,
        default: 7,
        description: "Shortest blob soft-delete retention allowed, in days.",
      },
    },
  },
  validateStack: (args, report) => {
    const { minimumDays } = args.getConfig<{ minimumDays: number }>();
    const services = args.resources.filter((r) => r.isType(BlobServiceProperties));
    for (const account of args.resources.filter((r) => r.isType(StorageAccount))) {
      const policies = configuring(account, services, "accountName", "accountName").map(
        (s) => s.props.deleteRetentionPolicy as { enabled?: boolean; days?: number } | undefined,
      );
      const best = Math.max(0, ...policies.filter((p) => p?.enabled === true).map((p) => p?.days ?? 7));
      if (policies.length === 0) report(`${describe(account)} has no blob service properties with a deleteRetentionPolicy.`, account.urn);
      else if (best === 0) report(`${describe(account)}: blob soft delete is off.`, account.urn);
      else if (best < minimumDays)
        report(`${describe(account)} keeps deleted blobs ${best} days; the minimum is ${minimumDays}.`, account.urn);
    }
  },
});
