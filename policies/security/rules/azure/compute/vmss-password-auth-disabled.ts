import { resourceRule } from "@mlops-kit/policy-common";
import { VirtualMachineScaleSet } from "@pulumi/azure-native/compute";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-compute-vmss-password-auth-disabled",
  description: "Linux scale sets accept SSH keys only, never passwords.",
  severity: "high",
  frameworks: { nist: ["IA-2", "IA-5"], pci: ["8.3.1", "2.2.7"] },
  remediation: ["Set osProfile.linuxConfiguration.disablePasswordAuthentication to true and give ssh.publicKeys (or use Entra ID login)."],
  validateResource: validateResourceOfType(VirtualMachineScaleSet, (vmss, args, report) => {
    const linux = vmss.virtualMachineProfile?.osProfile?.linuxConfiguration;
    if (!linux) return args.notApplicable("only Linux scale sets have password authentication to turn off");
    if (linux.disablePasswordAuthentication !== true) report("osProfile.linuxConfiguration.disablePasswordAuthentication is not true.");
  }),
});
