import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("mlops-compliance", {
  description:
    "mlops-kit compliance rules for AWS, GCP and Azure: tags and labels, regions, log retention, deletion safety, data recovery.",
  displayName: "mlops-kit compliance",
  policies,
});
