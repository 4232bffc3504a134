import { asArray, resourceRule } from "@mlops-kit/policy-common";
import { Subnet, VirtualNetwork } from "@pulumi/azure-native/network";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-network-subnet-no-default-outbound-access",
  description: "Subnets turn default outbound access off, so no VM gets an implicit public IP for egress.",
  severity: "high",
  frameworks: { nist: ["AC-4", "SC-7"], pci: ["1.3.2", "1.4.4"] },
  remediation: ["Set defaultOutboundAccess to false on every subnet (MlopsVpc does).", "Give subnets that need egress a NAT gateway."],
  validateResource: [
    validateResourceOfType(Subnet, (subnet, _args, report) => {
      if (subnet.defaultOutboundAccess !== false)
        report("defaultOutboundAccess is not false: VMs here get an implicit outbound public IP.");
    }),
    validateResourceOfType(VirtualNetwork, (vnet, _args, report) => {
      for (const [i, s] of asArray(vnet.subnets).entries()) {
        if (s.defaultOutboundAccess !== false) report(`subnets[${i}]${s.name ? ` (${s.name})` : ""}: defaultOutboundAccess is not false.`);
      }
    }),
  ],
});
