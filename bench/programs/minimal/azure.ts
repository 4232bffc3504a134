/**
 * The hand-written minimal Azure equivalent of a dev platform's always-on part, for the idle-cost
 * row: a virtual network with one NAT gateway, one Application Gateway Standard_v2 at a fixed
 * capacity of one (Azure's HTTP load balancer, as the AWS and GCP programs use theirs) and one
 * Standard_D2s_v5 instance (the catalog's smallest) behind it, in a scale set of exactly one. Nothing else: no cluster,
 * registry, Key Vault, private endpoints, WAF policy or workspaces.
 */
import { VirtualMachineScaleSet } from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import { ApplicationGateway } from "@pulumi/azure-native/network/applicationGateway";
import { NatGateway } from "@pulumi/azure-native/network/natGateway";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { Subnet } from "@pulumi/azure-native/network/subnet";
import { VirtualNetwork } from "@pulumi/azure-native/network/virtualNetwork";
import { ResourceGroup } from "@pulumi/azure-native/resources/resourceGroup";
import * as pulumi from "@pulumi/pulumi";

export const VM_SIZE = "Standard_D2s_v5";
const GATEWAY = "min-gateway";

interface Common {
  resourceGroupName: pulumi.Output<string>;
  location: string;
}

export function program(): Record<string, pulumi.Output<string>> {
  const location = new pulumi.Config("azure-native").require("location");
  const group = new ResourceGroup("min", { location });
  const common: Common = { resourceGroupName: group.name, location };
  const { appSubnet, gatewaySubnet } = network(common);
  const gatewayIp = new PublicIPAddress("min-gateway", { ...common, sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
  const gateway = applicationGateway(common, group.id, gatewaySubnet, gatewayIp);
  scaleSet(common, appSubnet, gateway);
  return { address: gatewayIp.ipAddress.apply((ip) => ip ?? "") };
}

/** The virtual network: the app's subnet behind one NAT gateway, and the subnet Application Gateway takes for itself. */
function network(common: Common): { appSubnet: Subnet; gatewaySubnet: Subnet } {
  const vnet = new VirtualNetwork("min", { ...common, addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
  const natIp = new PublicIPAddress("min-nat", { ...common, sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
  const nat = new NatGateway("min", { ...common, sku: { name: "Standard" }, publicIpAddresses: [{ id: natIp.id }] });
  const appSubnet = new Subnet("min-app", {
    resourceGroupName: common.resourceGroupName,
    virtualNetworkName: vnet.name,
    addressPrefix: "10.0.1.0/24",
    natGateway: { id: nat.id },
  });
  // Application Gateway takes a subnet of its own.
  const gatewaySubnet = new Subnet("min-gateway", {
    resourceGroupName: common.resourceGroupName,
    virtualNetworkName: vnet.name,
    addressPrefix: "10.0.0.0/24",
  });
  return { appSubnet, gatewaySubnet };
}

/** One Standard_v2 gateway at a fixed capacity of one: HTTP on 80 to the app's pool on 8080, probed on /health. */
function applicationGateway(common: Common, groupId: pulumi.Output<string>, subnet: Subnet, ip: PublicIPAddress): ApplicationGateway {
  // A gateway's parts refer to each other by id under the gateway's own id.
  const part = (kind: string, name: string) =>
    pulumi.interpolate`${groupId}/providers/Microsoft.Network/applicationGateways/${GATEWAY}/${kind}/${name}`;
  return new ApplicationGateway("min", {
    ...common,
    applicationGatewayName: GATEWAY,
    sku: { name: "Standard_v2", tier: "Standard_v2", capacity: 1 },
    gatewayIPConfigurations: [{ name: "gateway", subnet: { id: subnet.id } }],
    frontendIPConfigurations: [{ name: "public", publicIPAddress: { id: ip.id } }],
    frontendPorts: [{ name: "http", port: 80 }],
    backendAddressPools: [{ name: "app" }],
    probes: [
      {
        name: "health",
        protocol: "Http",
        path: "/health",
        interval: 30,
        timeout: 30,
        unhealthyThreshold: 3,
        pickHostNameFromBackendHttpSettings: true,
      },
    ],
    backendHttpSettingsCollection: [
      {
        name: "app",
        port: 8080,
        protocol: "Http",
        cookieBasedAffinity: "Disabled",
        pickHostNameFromBackendAddress: true,
        probe: { id: part("probes", "health") },
      },
    ],
    httpListeners: [
      {
        name: "http",
        protocol: "Http",
        frontendIPConfiguration: { id: part("frontendIPConfigurations", "public") },
        frontendPort: { id: part("frontendPorts", "http") },
      },
    ],
    requestRoutingRules: [
      {
        name: "app",
        ruleType: "Basic",
        priority: 100,
        httpListener: { id: part("httpListeners", "http") },
        backendAddressPool: { id: part("backendAddressPools", "app") },
        backendHttpSettings: { id: part("backendHttpSettingsCollection", "app") },
      },
    ],
  });
}

/** One instance of the catalog's smallest size in the gateway's backend pool. */
function scaleSet(common: Common, subnet: Subnet, gateway: ApplicationGateway): void {
  new VirtualMachineScaleSet("min", {
    ...common,
    orchestrationMode: "Flexible",
    platformFaultDomainCount: 1,
    sku: { name: VM_SIZE, tier: "Standard", capacity: 1 },
    virtualMachineProfile: {
      osProfile: {
        computerNamePrefix: "app",
        adminUsername: "azureuser",
        linuxConfiguration: {
          disablePasswordAuthentication: true,
          ssh: {
            publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: new pulumi.Config("min").get("sshPublicKey") ?? "" }],
          },
        },
      },
      storageProfile: {
        imageReference: { publisher: "Canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts-gen2", version: "latest" },
        // The smallest Premium SSD tier the price table holds (P6), so the baseline prices its disk.
        osDisk: { createOption: "FromImage", diskSizeGB: 64, managedDisk: { storageAccountType: "Premium_LRS" } },
      },
      networkProfile: {
        networkApiVersion: "2020-11-01",
        networkInterfaceConfigurations: [
          {
            name: "nic",
            primary: true,
            ipConfigurations: [
              {
                name: "ip",
                primary: true,
                subnet: { id: subnet.id },
                applicationGatewayBackendAddressPools: [{ id: pulumi.interpolate`${gateway.id}/backendAddressPools/app` }],
              },
            ],
          },
        ],
      },
    },
  });
}
