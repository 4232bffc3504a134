import { resourceRule } from "@mlops-kit/policy-common";
import { Repository } from "@pulumi/aws/ecr";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-ecr-scan-on-push",
  description: "ECR repositories scan every image for vulnerabilities when it is pushed.",
  severity: "medium",
  frameworks: { nist: ["RA-5", "SI-2"], pci: ["6.3.1", "11.3.1"] },
  remediation: [
    "Set imageScanningConfiguration.scanOnPush to true (or turn on enhanced scanning in the registry's scanning configuration).",
  ],
  validateResource: validateResourceOfType(Repository, (repo, _args, report) => {
    if (repo.imageScanningConfiguration?.scanOnPush !== true)
      report("imageScanningConfiguration.scanOnPush is not true: pushed images are not scanned.");
  }),
});
