import { resourceRule } from "@mlops-kit/policy-common";

export default resourceRule({
  name: "mlops-azure-managedidentity-federated-subject-pinned",
  description: "Federated identity credentials trust one exact token subject, never a pattern.",
  severity: "critical",
  frameworks: { nist: ["AC-3", "IA-2", "IA-8"], pci: ["7.2.1", "8.2.1"] },
  remediation: [
    "Set subject to one GitHub subject: repo:<owner>/<name>:environment:<env>, :ref:refs/heads/<branch> or :pull_request; one credential per subject.",
  ],
  validateResource: (args, report) => {
    if (args.type !== "azure-native:managedidentity:FederatedIdentityCredential") {
      args.notApplicable("Policy only applies to federated identity credentials");
    }
    const subject = args.props.subject;
    if (typeof subject !== "string" || subject.trim() === "") {
      // A credential matched by a claims expression instead of a subject trusts whatever it matches.
      report("has no subject (a claims-matching expression trusts a pattern).");
    } else if (/[*?]/.test(subject)) {
      report(`trusts the subject pattern ${subject}.`);
    }
  },
});
