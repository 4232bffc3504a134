import { asArray, resourceRule } from "@mlops-kit/policy-common";
import { Instance, InstanceTemplate, RegionInstanceTemplate } from "@pulumi/gcp/compute";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

function check(vm: { networkInterfaces?: { accessConfigs?: unknown[]; ipv6AccessConfigs?: unknown[] }[] }, report: ReportViolation): void {
  for (const [i, ni] of asArray(vm.networkInterfaces).entries()) {
    if (asArray(ni.accessConfigs).length > 0) report(`networkInterfaces[${i}] has accessConfigs: the VM gets an external IPv4 address.`);
    if (asArray(ni.ipv6AccessConfigs).length > 0)
      report(`networkInterfaces[${i}] has ipv6AccessConfigs: the VM gets an external IPv6 address.`);
  }
}

export default resourceRule({
  name: "mlops-gcp-compute-no-public-ip-on-instances",
  description: "VMs and instance templates have no external IP address.",
  severity: "high",
  frameworks: { cis: ["GCP 2.0 4.9"], nist: ["AC-4", "SC-7"], pci: ["1.3.1", "1.4.4"] },
  remediation: [
    "Remove accessConfigs from the network interfaces; egress through Cloud NAT (MlopsVpc's private tier).",
    "Serve traffic through a load balancer; reach VMs through Identity-Aware Proxy.",
  ],
  validateResource: [
    validateResourceOfType(InstanceTemplate, (t, _args, report) => check(t, report)),
    validateResourceOfType(RegionInstanceTemplate, (t, _args, report) => check(t, report)),
    validateResourceOfType(Instance, (vm, _args, report) => check(vm, report)),
  ],
});
