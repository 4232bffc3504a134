import { resourceRule } from "@mlops-kit/policy-common";
import { Vault } from "@pulumi/azure-native/keyvault";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-keyvault-soft-delete",
  description: "Key vaults keep deleted vaults, keys and secrets recoverable for at least the minimum (90 days).",
  severity: "high",
  frameworks: { cis: ["Azure 2.1 8.5"], nist: ["SC-12", "CP-9"], pci: ["3.6.1"] },
  remediation: [
    "Leave properties.enableSoftDelete on (true) and set softDeleteRetentionInDays to the minimum or more (7 to 90; 90 is the default).",
  ],
  configSchema: {
    properties: {
      minimumDays: {
        type: "integer",
        minimum: 7,
        maximum: 90,
        default: 90,
        description: "Shortest soft-delete retention allowed, in days.",
      },
    },
  },
  validateResource: validateResourceOfType(Vault, (vault, args, report) => {
    const { minimumDays } = args.getConfig<{ minimumDays: number }>();
    if (vault.properties?.enableSoftDelete === false) report("properties.enableSoftDelete is false.");
    const days = vault.properties?.softDeleteRetentionInDays ?? 90;
    if (days < minimumDays) report(`properties.softDeleteRetentionInDays is ${days}; the minimum is ${minimumDays} days.`);
  }),
});
