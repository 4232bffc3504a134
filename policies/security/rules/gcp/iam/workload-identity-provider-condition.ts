import { asRecord, resourceRule } from "@mlops-kit/policy-common";

export default resourceRule({
  name: "mlops-gcp-iam-workload-identity-provider-condition",
  description: "Workload identity pool providers for OIDC issuers restrict tokens with an attribute condition.",
  severity: "critical",
  frameworks: { nist: ["AC-3", "IA-2", "IA-8"], pci: ["7.2.1", "8.2.1"] },
  remediation: [
    "Set attributeCondition to pin the repository (GitHub: assertion.repository == '<owner>/<name>', and assertion.repository_owner_id).",
    "Bind service accounts to principal://.../subject/<subject>, one subject each, rather than a principalSet over the pool.",
  ],
  validateResource: (args, report) => {
    if (args.type !== "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider") {
      args.notApplicable("Policy only applies to workload identity pool providers");
    }
    // Without a condition, every token the issuer signs (any GitHub repository) is accepted by the pool.
    if (asRecord(args.props.oidc) === undefined) return;
    const condition = args.props.attributeCondition;
    if (typeof condition !== "string" || condition.trim() === "") report("has an OIDC issuer and no attributeCondition.");
  },
});
