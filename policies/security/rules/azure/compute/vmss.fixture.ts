import { planResource } from "@mlops-kit/testing";

/** A Linux scale set with SSH keys only and no public IP. */
export function scaleSet(changes: { ipConfiguration?: Record<string, unknown>; linuxConfiguration?: Record<string, unknown> | null } = {}) {
  const linux =
    changes.linuxConfiguration === null
      ? {}
      : { linuxConfiguration: { disablePasswordAuthentication: true, ...changes.linuxConfiguration } };
  return planResource("azure-native:compute:VirtualMachineScaleSet", "api", {
    resourceGroupName: "rg",
    sku: { name: "Standard_D2s_v5", capacity: 2 },
    virtualMachineProfile: {
      osProfile: { computerNamePrefix: "api", adminUsername: "azureuser", ...linux },
      networkProfile: {
        networkInterfaceConfigurations: [
          { name: "nic", primary: true, ipConfigurations: [{ name: "ip", subnet: { id: "subnet" }, ...changes.ipConfiguration }] },
        ],
      },
    },
  });
}
