import { resourceRule } from "@mlops-kit/policy-common";
import { Subnetwork } from "@pulumi/gcp/compute";
import { validateResourceOfType } from "@pulumi/policy";

/** Subnetworks with these purposes carry proxies or endpoints and cannot log flows. */
const NO_FLOW_LOGS = new Set([
  "REGIONAL_MANAGED_PROXY",
  "GLOBAL_MANAGED_PROXY",
  "INTERNAL_HTTPS_LOAD_BALANCER",
  "PRIVATE_SERVICE_CONNECT",
  "PRIVATE_NAT",
]);

export default resourceRule({
  name: "mlops-gcp-compute-subnetwork-flow-logs",
  description: "Every VPC subnetwork records its flows with VPC Flow Logs.",
  severity: "medium",
  frameworks: { cis: ["GCP 2.0 3.8"], nist: ["AU-2", "AU-12", "SI-4"], pci: ["10.2.1"] },
  remediation: [
    "Set logConfig on the subnetwork (MlopsVpc sets aggregationInterval INTERVAL_5_SEC, flowSampling 0.5, metadata INCLUDE_ALL_METADATA).",
    "Route the flow logs to a log bucket with the retention you need.",
  ],
  validateResource: validateResourceOfType(Subnetwork, (subnet, args, report) => {
    if (subnet.purpose && NO_FLOW_LOGS.has(subnet.purpose))
      args.notApplicable(`subnetworks with purpose ${subnet.purpose} have no flow logs`);
    if (!subnet.logConfig) report("logConfig is not set: the subnetwork's flows are not logged.");
    else if (subnet.logConfig.flowSampling === 0) report("logConfig.flowSampling is 0: no flows are logged.");
  }),
});
