import { asArray, resourceRule } from "@mlops-kit/policy-common";
import { VirtualMachineScaleSet } from "@pulumi/azure-native/compute";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-compute-vmss-no-public-ip",
  description: "Scale set instances get no public IP address.",
  severity: "high",
  frameworks: { nist: ["AC-4", "SC-7"], pci: ["1.3.1", "1.4.4"] },
  remediation: [
    "Remove publicIPAddressConfiguration from the IP configurations; egress through a NAT gateway.",
    "Serve traffic through Application Gateway or a load balancer; reach instances with Azure Bastion.",
  ],
  validateResource: validateResourceOfType(VirtualMachineScaleSet, (vmss, _args, report) => {
    for (const nic of asArray(vmss.virtualMachineProfile?.networkProfile?.networkInterfaceConfigurations)) {
      for (const ip of asArray(nic.ipConfigurations)) {
        if (ip.publicIPAddressConfiguration)
          report(`network interface ${nic.name}, IP configuration ${ip.name} has a publicIPAddressConfiguration.`);
      }
    }
  }),
});
