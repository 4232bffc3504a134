import { asRecord, isTrue, resourceRule } from "@mlops-kit/policy-common";

/** The tag that marks a CodeBuild project as one that builds container images. */
export const IMAGE_BUILD_TAG = "mlops:build";

export default resourceRule({
  name: "mlops-aws-codebuild-privileged-image-builds-only",
  description: "CodeBuild runs privileged (Docker daemon access) only in projects that build container images.",
  severity: "high",
  frameworks: { nist: ["AC-6", "CM-7"], pci: ["2.2.1"] },
  remediation: [
    "Turn environment.privilegedMode off in projects that do not build images.",
    `Tag projects that build images with ${IMAGE_BUILD_TAG}=image, and keep their buildspec to the image build.`,
  ],
  validateResource: (args, report) => {
    if (args.type !== "aws:codebuild/project:Project") args.notApplicable("Policy only applies to CodeBuild projects");
    const env = asRecord(args.props.environment);
    if (!isTrue(env?.privilegedMode)) return;
    const tags = asRecord(args.props.tags) ?? {};
    if (tags[IMAGE_BUILD_TAG] !== "image")
      report(`runs privileged but is not tagged ${IMAGE_BUILD_TAG}=image (a project that builds images).`);
  },
});
