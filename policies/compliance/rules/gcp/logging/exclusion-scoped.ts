import { resourceRule } from "@mlops-kit/policy-common";
import { ProjectExclusion } from "@pulumi/gcp/logging";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-logging-exclusion-scoped",
  description: "An exclusion on the _Default sink names the logs it drops; it never drops audit logs.",
  severity: "high",
  frameworks: { cis: ["GCP 2.0 2.2"], nist: ["AU-2", "AU-9"], pci: ["10.2.1"] },
  remediation: [
    "Give the exclusion a filter that matches only logs routed to a bucket of their own (MlopsVpc and InferenceService exclude exactly what their sinks route).",
    "Never match cloudaudit.googleapis.com logs.",
  ],
  validateResource: validateResourceOfType(ProjectExclusion, (exclusion, _args, report) => {
    const filter = (exclusion.filter ?? "").trim();
    if (filter === "") report("filter is empty: every log would be dropped from the _Default bucket.");
    else if (filter.includes("cloudaudit.googleapis.com")) report("filter matches audit logs, which must be kept.");
  }),
});
