import { resourceRule } from "@mlops-kit/policy-common";
import { Repository } from "@pulumi/aws/ecr";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-ecr-immutable-tags",
  description: "ECR repositories keep image tags immutable: a tag names one image for good.",
  severity: "medium",
  frameworks: { nist: ["CM-2", "SI-7"], pci: ["6.5.1"] },
  remediation: ["Set imageTagMutability to IMMUTABLE (ModelRegistry: images.immutableTags, on by default)."],
  validateResource: validateResourceOfType(Repository, (repo, _args, report) => {
    if (!String(repo.imageTagMutability ?? "MUTABLE").startsWith("IMMUTABLE"))
      report(`imageTagMutability is ${repo.imageTagMutability ?? "MUTABLE (the default)"}: a pushed tag can be moved to another image.`);
  }),
});
