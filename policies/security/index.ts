import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("mlops-security", {
  description: "mlops-kit security rules for AWS, GCP and Azure: network exposure, IAM, encryption, instance metadata, public IPs, TLS.",
  displayName: "mlops-kit security",
  policies,
});
