import { asArray, asRecord, parseJson, resourceRule } from "@mlops-kit/policy-common";

/**
 * IAM member, binding and policy resources of every GCP service: gcp:projects/iAMMember:IAMMember,
 * gcp:storage/bucketIAMBinding:BucketIAMBinding, gcp:artifactregistry/repositoryIamMember:RepositoryIamMember, ...
 */
const IAM_TYPE = /^gcp:[^:]+:\w*I[Aa][Mm](Member|Binding|Policy)$/;

export default resourceRule({
  name: "mlops-gcp-iam-no-primitive-roles",
  description: "No one is granted a primitive role (roles/owner, roles/editor).",
  severity: "high",
  frameworks: { cis: ["GCP 2.0 1.5"], nist: ["AC-6", "AC-2"], pci: ["7.2.1", "7.2.2"] },
  remediation: [
    "Grant predefined or custom roles that cover what the member does (roles/storage.objectViewer, roles/aiplatform.user, ...).",
  ],
  configSchema: {
    properties: {
      forbiddenRoles: {
        type: "array",
        items: { type: "string" },
        default: ["roles/owner", "roles/editor"],
        description: "Roles no member may be granted.",
      },
    },
  },
  validateResource: (args, report) => {
    if (!IAM_TYPE.test(args.type)) args.notApplicable("Policy only applies to GCP IAM member, binding and policy resources");
    const forbidden = new Set(args.getConfig<{ forbiddenRoles: string[] }>().forbiddenRoles);
    if (args.type.endsWith("Policy")) {
      const bindings = asArray(asRecord(parseJson(args.props.policyData))?.bindings as { role?: string }[] | undefined);
      for (const b of bindings) if (b.role && forbidden.has(b.role)) report(`policyData binds ${b.role}.`);
    } else if (forbidden.has(args.props.role)) {
      report(`role is ${args.props.role}.`);
    }
  },
});
