import { asArray, asRecord, isTrue, resourceRule } from "@mlops-kit/policy-common";

export default resourceRule({
  name: "mlops-aws-codebuild-artifacts-encrypted",
  description: "Build artifacts are encrypted with a customer-managed KMS key: CodeBuild projects and CodePipeline artifact stores.",
  severity: "high",
  frameworks: { nist: ["SC-28", "SC-12"], pci: ["3.5.1"] },
  remediation: [
    "Set the CodeBuild project's encryptionKey to a KMS key ARN and leave artifact encryption on.",
    "Give each CodePipeline artifact store an encryptionKey { type: KMS, id: <key ARN> }.",
  ],
  validateResource: (args, report) => {
    if (args.type === "aws:codebuild/project:Project") {
      if (typeof args.props.encryptionKey !== "string" || args.props.encryptionKey === "")
        report("has no encryptionKey (artifacts use the AWS-managed key).");
      const artifacts = [args.props.artifacts, ...asArray(args.props.secondaryArtifacts)];
      if (artifacts.some((a) => isTrue(asRecord(a)?.encryptionDisabled))) report("turns artifact encryption off.");
      return;
    }
    if (args.type !== "aws:codepipeline/pipeline:Pipeline")
      args.notApplicable("Policy only applies to CodeBuild projects and CodePipelines");
    for (const [i, store] of asArray(args.props.artifactStores).entries()) {
      const key = asRecord(asRecord(store)?.encryptionKey);
      if (key?.type !== "KMS" || typeof key.id !== "string" || key.id === "") report(`artifact store ${i} has no KMS encryptionKey.`);
    }
  },
});
