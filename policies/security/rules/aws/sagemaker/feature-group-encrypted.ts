import { resourceRule } from "@mlops-kit/policy-common";
import { FeatureGroup } from "@pulumi/aws/sagemaker";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-sagemaker-feature-group-encrypted",
  description: "SageMaker feature groups encrypt their online and offline stores with a customer-managed KMS key.",
  severity: "high",
  frameworks: { nist: ["SC-12", "SC-28"], pci: ["3.5.1"] },
  remediation: [
    "Set onlineStoreConfig.securityConfig.kmsKeyId to a KMS key ARN when the online store is enabled.",
    "Set offlineStoreConfig.s3StorageConfig.kmsKeyId when the group has an offline store.",
  ],
  validateResource: validateResourceOfType(FeatureGroup, (group, _args, report) => {
    const online = group.onlineStoreConfig;
    if (online?.enableOnlineStore === true && !online.securityConfig?.kmsKeyId)
      report("onlineStoreConfig.securityConfig.kmsKeyId is not set: the online store uses an AWS-owned key.");
    const offline = group.offlineStoreConfig;
    if (offline && !offline.s3StorageConfig?.kmsKeyId)
      report(
        "offlineStoreConfig.s3StorageConfig.kmsKeyId is not set: offline files are written with the bucket's default encryption only.",
      );
  }),
});
