import { resourceRule } from "@mlops-kit/policy-common";
import { Instance, InstanceTemplate, RegionInstanceTemplate } from "@pulumi/gcp/compute";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

type Shielded = { enableSecureBoot?: boolean; enableVtpm?: boolean; enableIntegrityMonitoring?: boolean } | undefined;

function check(config: Shielded, report: ReportViolation): void {
  // vTPM and integrity monitoring default to on; secure boot defaults to off.
  const off = [
    config?.enableSecureBoot !== true ? "enableSecureBoot" : undefined,
    config?.enableVtpm === false ? "enableVtpm" : undefined,
    config?.enableIntegrityMonitoring === false ? "enableIntegrityMonitoring" : undefined,
  ].filter((x) => x !== undefined);
  if (off.length > 0) report(`shieldedInstanceConfig leaves ${off.join(", ")} off.`);
}

export default resourceRule({
  name: "mlops-gcp-compute-shielded-vm",
  description: "VMs boot as Shielded VMs: secure boot, vTPM and integrity monitoring on.",
  severity: "medium",
  frameworks: { cis: ["GCP 2.0 4.8"], nist: ["SI-7", "CM-6"], pci: ["2.2.1"] },
  remediation: [
    "Set shieldedInstanceConfig { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true } with a Shielded VM image.",
  ],
  validateResource: [
    validateResourceOfType(InstanceTemplate, (t, _args, report) => check(t.shieldedInstanceConfig, report)),
    validateResourceOfType(RegionInstanceTemplate, (t, _args, report) => check(t.shieldedInstanceConfig, report)),
    validateResourceOfType(Instance, (vm, _args, report) => check(vm.shieldedInstanceConfig, report)),
  ],
});
