import { resourceRule } from "@mlops-kit/policy-common";
import { Instance, LaunchTemplate } from "@pulumi/aws/ec2";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

function check(options: { httpTokens?: string; httpEndpoint?: string } | undefined, report: ReportViolation): void {
  if (options?.httpEndpoint === "disabled") return;
  if (options?.httpTokens !== "required") {
    report(
      `metadataOptions.httpTokens is ${options?.httpTokens ?? "not set (IMDSv1 allowed)"}; set it to "required" so only IMDSv2 answers.`,
    );
  }
}

export default resourceRule({
  name: "mlops-aws-ec2-imdsv2-required",
  description: "Instances and launch templates require IMDSv2 session tokens for the instance metadata service.",
  severity: "high",
  frameworks: { cis: ["AWS 3.0 5.6"], nist: ["AC-3", "CM-6", "SC-7"], pci: ["2.2.1"] },
  remediation: ['Set metadataOptions.httpTokens to "required" (and httpPutResponseHopLimit to 1 unless containers need 2).'],
  validateResource: [
    validateResourceOfType(LaunchTemplate, (lt, _args, report) => check(lt.metadataOptions, report)),
    validateResourceOfType(Instance, (instance, _args, report) => check(instance.metadataOptions, report)),
  ],
});
