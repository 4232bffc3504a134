import { resourceRule } from "@mlops-kit/policy-common";
import { Vault } from "@pulumi/azure-native/keyvault";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-keyvault-purge-protection",
  description: "Key vaults have purge protection: deleted vaults and keys cannot be purged before their retention ends.",
  severity: "high",
  frameworks: { cis: ["Azure 2.1 8.5"], nist: ["SC-12", "CP-9"], pci: ["3.6.1"] },
  remediation: ["Set properties.enablePurgeProtection to true (it cannot be turned off again)."],
  validateResource: validateResourceOfType(Vault, (vault, _args, report) => {
    if (vault.properties?.enablePurgeProtection !== true) report("properties.enablePurgeProtection is not true.");
  }),
});
