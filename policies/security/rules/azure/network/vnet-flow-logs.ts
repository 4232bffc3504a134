import { describe, referencing, stackRule } from "@mlops-kit/policy-common";
import { FlowLog, VirtualNetwork } from "@pulumi/azure-native/network";

export default stackRule({
  name: "mlops-azure-network-vnet-flow-logs",
  description: "Every virtual network records its traffic with an enabled VNet flow log.",
  severity: "medium",
  frameworks: { cis: ["Azure 2.1 6.5"], nist: ["AU-2", "AU-12", "SI-4"], pci: ["10.2.1"] },
  remediation: [
    "Create an azure-native network.FlowLog in the region's Network Watcher with targetResourceId set to the virtual network's id and enabled true (MlopsVpc does unless flowLogs.enabled is false).",
    "NSG flow logs are retired: target the virtual network, not its NSGs.",
  ],
  validateStack: (args, report) => {
    const flowLogs = args.resources.filter((r) => r.isType(FlowLog));
    for (const vnet of args.resources.filter((r) => r.isType(VirtualNetwork))) {
      const own = referencing(vnet, flowLogs, "targetResourceId");
      if (own.length === 0) report(`${describe(vnet)} has no flow log targeting it.`, vnet.urn);
      else if (own.every((f) => f.props.enabled === false)) report(`${describe(vnet)}: its flow log is disabled.`, vnet.urn);
    }
  },
});
