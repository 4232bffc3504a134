import { resourceRule } from "@mlops-kit/policy-common";
import { BackendService, RegionBackendService } from "@pulumi/gcp/compute";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

function check(backend: { loadBalancingScheme?: string; logConfig?: { enable?: boolean } }, report: ReportViolation): void {
  // Only proxy-based (HTTP(S)) load balancers log requests per backend service.
  if ((backend.loadBalancingScheme ?? "EXTERNAL").startsWith("INTERNAL") && backend.loadBalancingScheme !== "INTERNAL_MANAGED") return;
  if (backend.logConfig?.enable !== true) report("logConfig.enable is not true: requests to this backend are not logged.");
}

export default resourceRule({
  name: "mlops-gcp-compute-backend-logging",
  description: "Load balancer backend services log the requests they serve.",
  severity: "medium",
  frameworks: { cis: ["GCP 2.0 2.16"], nist: ["AU-2", "AU-12"], pci: ["10.2.1"] },
  remediation: ["Set logConfig { enable: true, sampleRate: 1 } on the backend service."],
  validateResource: [
    validateResourceOfType(BackendService, (b, _args, report) => check(b, report)),
    validateResourceOfType(RegionBackendService, (b, _args, report) => check(b, report)),
  ],
});
