import { resourceRule } from "@mlops-kit/policy-common";
import { ManagedCluster } from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-aks-kms-etcd",
  description: "An AKS cluster encrypts Kubernetes secrets in etcd with a Key Vault key (KMS).",
  severity: "high",
  frameworks: { nist: ["SC-28", "SC-12"], pci: ["3.5.1"] },
  remediation: [
    "Set securityProfile.azureKeyVaultKms { enabled: true, keyId } and give the cluster's identity Key Vault Crypto User on the vault.",
  ],
  validateResource: validateResourceOfType(ManagedCluster, (c, _args, report) => {
    const kms = c.securityProfile?.azureKeyVaultKms;
    // The key id is the key's versioned URI, unknown until the key exists; Azure refuses KMS without one.
    if (kms?.enabled !== true) report("secrets in etcd are not encrypted with a Key Vault key (securityProfile.azureKeyVaultKms).");
  }),
});
