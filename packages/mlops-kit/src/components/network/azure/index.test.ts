import { createRequire } from "node:module";
import { component, descendantsOf, type Plan, type PlanResource, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import type * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { MlopsVpc } from "../component";
import type { NetworkInfo } from "../info";
import type { MlopsVpcPlan } from "../plan";
import type { MlopsVpcArgs } from "../spec";
import { flowLogStorageAccountName } from "./flow-logs";

const T = {
  rg: "azure-native:resources:ResourceGroup",
  vnet: "azure-native:network:VirtualNetwork",
  subnet: "azure-native:network:Subnet",
  nsg: "azure-native:network:NetworkSecurityGroup",
  rule: "azure-native:network:SecurityRule",
  nat: "azure-native:network:NatGateway",
  pip: "azure-native:network:PublicIPAddress",
  zone: "azure-native:privatedns:PrivateZone",
  link: "azure-native:privatedns:VirtualNetworkLink",
  account: "azure-native:storage:StorageAccount",
  flowLog: "azure-native:network:FlowLog",
  blobService: "azure-native:storage:BlobServiceProperties",
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  roleAssignment: "azure-native:authorization:RoleAssignment",
  watcher: "azure-native:network:NetworkWatcher",
} as const;
const VPC = "mlops:index:MlopsVpc";
const TIERS = ["public", "private", "isolated"] as const;
/** The tiers and the Application Gateway subnet: every subnet the network creates. */
const SUBNETS = [...TIERS, "gateway"] as const;
/** The subscription the mock engine puts in every Azure resource id. */
const MOCK_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
const baseConfig = { "mlops:cloud": "azure", "azure-native:location": "westeurope" };

interface Synthed {
  plan: Plan;
  decisions: MlopsVpcPlan;
  network: NetworkInfo;
}

async function synthVpc(args: MlopsVpcArgs = {}, config: Record<string, unknown> = {}): Promise<Synthed> {
  let decisions: MlopsVpcPlan | undefined;
  let network: pulumi.Output<NetworkInfo> | undefined;
  const plan = await synth(
    () => {
      const vpc = new MlopsVpc("core", args);
      decisions = vpc.plan;
      network = vpc.network;
      return { network: vpc.network };
    },
    { project: "p", stack: "dev", config: { ...baseConfig, ...config } },
  );
  if (!decisions || !network) throw new Error("the program did not construct the network");
  return { plan, decisions, network: plan.outputs.network as NetworkInfo };
}

const azureResources = (plan: Plan) => plan.resources.filter((r) => r.type.startsWith("azure-native:"));
const inputs = (r: PlanResource): Record<string, unknown> => r.inputs;
/** The standalone rules attached to a network security group, by the group they name. */
const rulesOf = (plan: Plan, nsg: PlanResource) =>
  resourcesOfType(plan, T.rule).filter((r) => r.propertyDependencies.networkSecurityGroupName?.includes(nsg.urn));
const rules = (nsg: PlanResource, plan: Plan = dev.plan) => rulesOf(plan, nsg).map(inputs);

// The two profiles most tests read; tests that vary the spec synthesize their own.
let dev: Synthed;
let prod: Synthed;
beforeAll(async () => {
  dev = await synthVpc();
  prod = await synthVpc({}, { "mlops:profile": "prod" });
});

describe("Azure MlopsVpc: resource group", () => {
  it("GIVEN no azure.resourceGroupName WHEN synthesized THEN one resource group is created in the location, and every network resource but the flow log is in it", () => {
    const [rg, ...others] = resourcesOfType(dev.plan, T.rg);
    expect(others).toHaveLength(0);
    expect(rg?.name).toBe("core");
    expect(inputs(rg as PlanResource).location).toBe("westeurope");
    // A role assignment is scoped to what it grants on, with no group of its own.
    const inGroup = azureResources(dev.plan).filter((r) => r.type !== T.rg && r.type !== T.flowLog && r.type !== T.roleAssignment);
    expect(inGroup.length).toBeGreaterThan(10);
    for (const r of inGroup) {
      expect(r.propertyDependencies.resourceGroupName, `${r.type} ${r.name}`).toEqual([rg?.urn]);
    }
    expect(dev.network.resourceGroupName).toBe("core");
  });

  it("GIVEN azure.resourceGroupName WHEN synthesized THEN no resource group is created and every network resource but the flow log uses that name", async () => {
    const { plan, network } = await synthVpc({ azure: { resourceGroupName: "platform-rg" } });
    expect(resourcesOfType(plan, T.rg)).toHaveLength(0);
    const inGroup = azureResources(plan).filter((r) => r.type !== T.flowLog && r.type !== T.roleAssignment);
    expect(inGroup.length).toBeGreaterThan(10);
    for (const r of inGroup) expect(inputs(r).resourceGroupName, `${r.type} ${r.name}`).toBe("platform-rg");
    expect(network.resourceGroupName).toBe("platform-rg");
  });

  it("GIVEN any network WHEN synthesized THEN every regional resource is in the stack's location and DNS zones are global", () => {
    // Subnets, security rules and blob service settings are parts of another resource, with no location of their own.
    const parts = [T.subnet, T.rule, T.blobService, T.roleAssignment] as string[];
    for (const r of azureResources(dev.plan).filter((x) => !parts.includes(x.type))) {
      const expected = r.type === T.zone || r.type === T.link ? "global" : "westeurope";
      expect(inputs(r).location, `${r.type} ${r.name}`).toBe(expected);
    }
  });
});

describe("Azure MlopsVpc: virtual network and subnets", () => {
  it("GIVEN the default cidr WHEN synthesized THEN the virtual network spans it and declares no inline subnets", () => {
    const vnet = resource(dev.plan, T.vnet, "core");
    expect(inputs(vnet).addressSpace).toEqual({ addressPrefixes: ["10.0.0.0/16"] });
    expect(inputs(vnet).subnets).toBeUndefined();
  });

  it("GIVEN the default cidr WHEN synthesized THEN there is one subnet per tier with the plan's tier block, and the gateway subnet", () => {
    expect(resourcesOfType(dev.plan, T.subnet)).toHaveLength(4);
    const expected = { private: "10.0.0.0/17", isolated: "10.0.128.0/18", public: "10.0.192.0/19" };
    for (const tier of TIERS) {
      const subnet = resource(dev.plan, T.subnet, `core-${tier}`);
      expect(inputs(subnet).addressPrefix).toBe(expected[tier]);
      expect(inputs(subnet).addressPrefix).toBe(dev.decisions.tiers[tier].cidr);
      expect(subnet.propertyDependencies.virtualNetworkName).toEqual([resource(dev.plan, T.vnet, "core").urn]);
    }
  });

  it("GIVEN the default cidr WHEN synthesized THEN the gateway subnet is the first half of the reserved block, on the same network, with no NAT", () => {
    const gateway = resource(dev.plan, T.subnet, "core-gateway");
    expect(inputs(gateway).addressPrefix).toBe("10.0.224.0/20");
    expect(inputs(gateway).addressPrefix).toBe(dev.decisions.azure.gatewaySubnetCidr);
    expect(gateway.propertyDependencies.virtualNetworkName).toEqual([resource(dev.plan, T.vnet, "core").urn]);
    expect(inputs(gateway).natGateway).toBeUndefined();
    expect(gateway.dependencies).not.toContain(resource(dev.plan, T.nat, "core-nat").urn);
  });

  it("GIVEN a /20 cidr WHEN synthesized THEN the subnets follow it", async () => {
    const { plan, decisions } = await synthVpc({ cidr: "172.16.0.0/20" });
    expect(inputs(resource(plan, T.vnet, "core")).addressSpace).toEqual({ addressPrefixes: ["172.16.0.0/20"] });
    for (const tier of TIERS) {
      const prefix = inputs(resource(plan, T.subnet, `core-${tier}`)).addressPrefix as string;
      expect(prefix).toBe(decisions.tiers[tier].cidr);
      expect(prefix.startsWith("172.16.")).toBe(true);
    }
    expect(inputs(resource(plan, T.subnet, "core-gateway")).addressPrefix).toBe("172.16.14.0/24");
  });

  it("GIVEN any subnet, the gateway's included WHEN synthesized THEN it has no default outbound access and applies network policies to private endpoints", () => {
    for (const tier of SUBNETS) {
      const subnet = inputs(resource(dev.plan, T.subnet, `core-${tier}`));
      expect(subnet.defaultOutboundAccess, tier).toBe(false);
      expect(subnet.privateEndpointNetworkPolicies, tier).toBe("Enabled");
    }
  });

  it("GIVEN four subnets on one network WHEN synthesized THEN each waits for the previous one, so Azure never sees two subnet writes at once", () => {
    const urn = (tier: string) => resource(dev.plan, T.subnet, `core-${tier}`).urn;
    expect(resource(dev.plan, T.subnet, "core-gateway").dependsOn).toEqual([]);
    expect(resource(dev.plan, T.subnet, "core-public").dependsOn).toEqual([urn("gateway")]);
    expect(resource(dev.plan, T.subnet, "core-isolated").dependsOn).toEqual([urn("public")]);
    expect(resource(dev.plan, T.subnet, "core-private").dependsOn).toEqual([urn("isolated")]);
  });

  it("GIVEN NAT WHEN synthesized THEN only the private subnet waits for the NAT gateway, and the gateway subnet waits for no other subnet", () => {
    const natUrn = resource(dev.plan, T.nat, "core-nat").urn;
    const waitingForNat = resourcesOfType(dev.plan, T.subnet).filter((s) => s.dependencies.includes(natUrn));
    expect(waitingForNat.map((s) => s.name)).toEqual(["core-private"]);
    const gateway = resource(dev.plan, T.subnet, "core-gateway");
    expect(gateway.dependencies.filter((d) => d.includes(T.subnet))).toEqual([]);
  });
});

describe("Azure MlopsVpc: network security groups", () => {
  it("GIVEN any subnet WHEN synthesized THEN it carries its own NSG", () => {
    expect(resourcesOfType(dev.plan, T.nsg)).toHaveLength(4);
    for (const tier of SUBNETS) {
      const nsg = resource(dev.plan, T.nsg, `core-${tier}-nsg`);
      const subnet = resource(dev.plan, T.subnet, `core-${tier}`);
      expect(subnet.propertyDependencies.networkSecurityGroup).toEqual([nsg.urn]);
      expect(inputs(subnet).networkSecurityGroup).toEqual({ id: expect.stringMatching(new RegExp(`/core-${tier}-nsg$`)) });
    }
  });

  it("GIVEN any NSG WHEN synthesized THEN it declares no inline rules: every rule is a standalone SecurityRule named after its subnet, parented by the component", () => {
    const vpc = component(dev.plan, VPC, "core");
    for (const tier of SUBNETS) {
      const nsg = resource(dev.plan, T.nsg, `core-${tier}-nsg`);
      expect(inputs(nsg).securityRules, tier).toBeUndefined();
      const attached = rulesOf(dev.plan, nsg);
      expect(attached.length, tier).toBeGreaterThan(0);
      for (const rule of attached) {
        expect(rule.name).toBe(`core-${tier}-${inputs(rule).securityRuleName}`);
        expect(rule.parent).toBe(vpc.urn);
        expect(inputs(rule).resourceGroupName).toBe("core");
      }
    }
    // Every rule belongs to exactly one group.
    const attachedTotal = SUBNETS.reduce((n, tier) => n + rulesOf(dev.plan, resource(dev.plan, T.nsg, `core-${tier}-nsg`)).length, 0);
    expect(attachedTotal).toBe(resourcesOfType(dev.plan, T.rule).length);
  });

  it("GIVEN several rules in one NSG WHEN synthesized THEN each waits for the previous one, so Azure never sees two writes to a group at once", () => {
    const gatewayRules = rulesOf(dev.plan, resource(dev.plan, T.nsg, "core-gateway-nsg"));
    const byName = (n: string) => resource(dev.plan, T.rule, `core-gateway-${n}`);
    expect(gatewayRules).toHaveLength(3);
    expect(byName("deny-internet-inbound").dependsOn).toEqual([]);
    expect(byName("allow-gateway-manager").dependsOn).toEqual([byName("deny-internet-inbound").urn]);
    expect(byName("allow-azure-load-balancer").dependsOn).toEqual([byName("allow-gateway-manager").urn]);
    expect(resource(dev.plan, T.rule, "core-isolated-deny-internet-outbound").dependsOn).toEqual([
      resource(dev.plan, T.rule, "core-isolated-deny-internet-inbound").urn,
    ]);
  });

  it("GIVEN any subnet WHEN synthesized THEN its NSG denies all inbound traffic from the Internet at the last priority", () => {
    for (const tier of SUBNETS) {
      const all = rules(resource(dev.plan, T.nsg, `core-${tier}-nsg`));
      const fromInternet = all.filter((r) => r.direction === "Inbound" && r.sourceAddressPrefix === "Internet");
      expect(fromInternet, tier).toEqual([
        expect.objectContaining({
          securityRuleName: "deny-internet-inbound",
          access: "Deny",
          protocol: "*",
          priority: 4096,
          destinationAddressPrefix: "*",
          destinationPortRange: "*",
          sourcePortRange: "*",
        }),
      ]);
    }
  });

  it("GIVEN the three tiers WHEN synthesized THEN their NSGs allow nothing inbound", () => {
    for (const tier of TIERS) {
      const all = rules(resource(dev.plan, T.nsg, `core-${tier}-nsg`));
      expect(
        all.filter((r) => r.direction === "Inbound" && r.access === "Allow"),
        tier,
      ).toEqual([]);
    }
  });

  it("GIVEN the gateway subnet WHEN synthesized THEN its NSG admits only what Application Gateway v2 needs: GatewayManager on TCP 65200-65535 and AzureLoadBalancer, above the final deny", () => {
    const allows = rules(resource(dev.plan, T.nsg, "core-gateway-nsg"))
      .filter((r) => r.direction === "Inbound" && r.access === "Allow")
      .sort((a, b) => (a.priority as number) - (b.priority as number));
    expect(allows).toEqual([
      expect.objectContaining({
        securityRuleName: "allow-gateway-manager",
        protocol: "Tcp",
        sourceAddressPrefix: "GatewayManager",
        destinationAddressPrefix: "*",
        destinationPortRange: "65200-65535",
        priority: 4000,
      }),
      expect.objectContaining({
        securityRuleName: "allow-azure-load-balancer",
        protocol: "*",
        sourceAddressPrefix: "AzureLoadBalancer",
        destinationPortRange: "*",
        priority: 4010,
      }),
    ]);
    // No internet ingress yet: the InferenceService adds its own 80/443.
    expect(allows.filter((r) => ["Internet", "*", "0.0.0.0/0"].includes(r.sourceAddressPrefix as string))).toEqual([]);
  });

  it("GIVEN the isolated tier WHEN synthesized THEN its NSG denies outbound traffic to the Internet, and neither the private tier's (NAT) nor the gateway's (Application Gateway refuses it) does", () => {
    const toInternet = (tier: string) =>
      rules(resource(dev.plan, T.nsg, `core-${tier}-nsg`)).filter(
        (r) => r.direction === "Outbound" && r.destinationAddressPrefix === "Internet",
      );
    expect(toInternet("isolated")).toEqual([
      expect.objectContaining({ access: "Deny", protocol: "*", destinationPortRange: "*", sourceAddressPrefix: "*", priority: 4096 }),
    ]);
    expect(toInternet("private")).toEqual([]);
    expect(rules(resource(dev.plan, T.nsg, "core-gateway-nsg")).filter((r) => r.direction === "Outbound")).toEqual([]);
  });

  it("GIVEN inline securityRules in azure.overrides.networkSecurityGroup WHEN synthesized THEN it is refused, naming the field", async () => {
    await expect(synthVpc({ azure: { overrides: { networkSecurityGroup: { securityRules: [] } } } })).rejects.toThrow(
      /MlopsVpc "core": azure\.overrides\.networkSecurityGroup\.securityRules cannot be set/,
    );
  });
});

describe("Azure MlopsVpc: NAT", () => {
  it("GIVEN the dev profile WHEN synthesized THEN one Standard NAT gateway with a static Standard IP in zone 1 serves the private subnet only", () => {
    const nat = resource(dev.plan, T.nat, "core-nat");
    const ip = resource(dev.plan, T.pip, "core-nat-ip");
    expect(inputs(nat)).toMatchObject({ sku: { name: "Standard" }, idleTimeoutInMinutes: 4, zones: ["1"] });
    expect(nat.propertyDependencies.publicIpAddresses).toEqual([ip.urn]);
    expect(inputs(ip)).toMatchObject({ sku: { name: "Standard" }, publicIPAllocationMethod: "Static", zones: ["1"] });
    expect(resource(dev.plan, T.subnet, "core-private").propertyDependencies.natGateway).toEqual([nat.urn]);
    for (const tier of ["public", "isolated"]) {
      const subnet = resource(dev.plan, T.subnet, `core-${tier}`);
      expect(inputs(subnet).natGateway, tier).toBeUndefined();
      expect(subnet.dependencies, tier).not.toContain(nat.urn);
    }
  });

  it("GIVEN the prod profile (nat perZone) WHEN synthesized THEN regional subnets still get exactly one NAT gateway and one public IP", () => {
    expect(prod.decisions.nat.mode).toBe("perZone");
    expect(resourcesOfType(prod.plan, T.nat)).toHaveLength(1);
    expect(resourcesOfType(prod.plan, T.pip)).toHaveLength(1);
    expect(resource(prod.plan, T.subnet, "core-private").propertyDependencies.natGateway).toEqual([
      resource(prod.plan, T.nat, "core-nat").urn,
    ]);
  });

  it("GIVEN nat perZone WHEN planned on Azure THEN the plan flags it as unmet (one gateway in zone 1) instead of silently planning one", () => {
    expect(prod.decisions.azure.nat).toEqual({ gateways: 1, zone: "1", perZoneUnmet: true });
    expect(dev.decisions.azure.nat).toEqual({ gateways: 1, zone: "1", perZoneUnmet: false });
  });

  it("GIVEN a region without availability zones WHEN synthesized THEN nothing is pinned to a zone and the network hands out no zones", async () => {
    const { plan, network, decisions } = await synthVpc({ azure: { availabilityZones: false } }, { "mlops:profile": "prod" });
    expect(inputs(resource(plan, T.nat, "core-nat")).zones).toBeUndefined();
    expect(inputs(resource(plan, T.pip, "core-nat-ip")).zones).toBeUndefined();
    expect(network.zones).toEqual([]);
    expect(decisions.azure.nat.perZoneUnmet).toBe(false);
    // Zone-redundant storage exists only in regions with zones.
    expect(inputs(resource(plan, T.account, "core-flow-logs")).sku).toEqual({ name: "Standard_LRS" });
  });

  it("GIVEN nat none WHEN synthesized THEN there is no NAT gateway, no public IP and no subnet refers to one", async () => {
    const { plan } = await synthVpc({ nat: "none" });
    expect(resourcesOfType(plan, T.nat)).toEqual([]);
    expect(resourcesOfType(plan, T.pip)).toEqual([]);
    for (const s of resourcesOfType(plan, T.subnet)) expect(inputs(s).natGateway, s.name).toBeUndefined();
  });
});

describe("Azure MlopsVpc: private DNS", () => {
  const zoneNames = [
    "privatelink.api.azureml.ms",
    "privatelink.azurecr.io",
    "privatelink.blob.core.windows.net",
    "privatelink.dfs.core.windows.net",
    "privatelink.file.core.windows.net",
    "privatelink.notebooks.azure.net",
    "privatelink.redis.cache.windows.net",
    "privatelink.vaultcore.azure.net",
  ];

  it("GIVEN private endpoints on (default) WHEN synthesized THEN the eight privatelink zones (file for Azure ML's storage, dfs and redis for feature stores) exist, each linked for resolution only, falling back to public DNS for names they lack", () => {
    const zones = resourcesOfType(dev.plan, T.zone);
    expect(zones.map((z) => inputs(z).privateZoneName).sort()).toEqual(zoneNames);
    const links = resourcesOfType(dev.plan, T.link);
    expect(links).toHaveLength(8);
    const vnet = resource(dev.plan, T.vnet, "core");
    for (const link of links) {
      expect(inputs(link).registrationEnabled, link.name).toBe(false);
      expect(inputs(link).resolutionPolicy, link.name).toBe("NxDomainRedirect");
      expect(link.propertyDependencies.virtualNetwork, link.name).toEqual([vnet.urn]);
      expect(link.propertyDependencies.privateZoneName, link.name).toHaveLength(1);
    }
    const linkedZones = links.map((l) => l.propertyDependencies.privateZoneName?.[0]).sort();
    expect(linkedZones).toEqual(zones.map((z) => z.urn).sort());
  });

  it("GIVEN a hub's zone ids WHEN synthesized THEN those zones are not created, and the network is linked to them in the hub's group", async () => {
    const hub = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/hub-dns/providers/Microsoft.Network/privateDnsZones";
    const { plan, network } = await synthVpc({
      azure: { privateDnsZoneIds: { blob: `${hub}/privatelink.blob.core.windows.net`, registry: `${hub}/privatelink.azurecr.io` } },
    });
    const created = resourcesOfType(plan, T.zone).map((z) => inputs(z).privateZoneName);
    expect(created).toHaveLength(6);
    expect(created).not.toContain("privatelink.blob.core.windows.net");
    expect(created).not.toContain("privatelink.azurecr.io");
    expect(inputs(resource(plan, T.link, "core-blob-link"))).toMatchObject({
      resourceGroupName: "hub-dns",
      privateZoneName: "privatelink.blob.core.windows.net",
      resolutionPolicy: "NxDomainRedirect",
    });
    expect(resourcesOfType(plan, T.link)).toHaveLength(8);
    // Consumers' private endpoints register in the hub's zone, not in one of ours.
    expect(network.privateDnsZoneIds?.blob).toBe(`${hub}/privatelink.blob.core.windows.net`);
  });

  it("GIVEN private endpoints on WHEN synthesized THEN the network hands out every zone's id by service, for consumers' DNS zone groups", () => {
    const ids = dev.network.privateDnsZoneIds ?? {};
    expect(Object.keys(ids).sort()).toEqual(["blob", "dfs", "file", "keyVault", "mlApi", "mlNotebooks", "redis", "registry"]);
    for (const id of Object.values(ids)) expect(id).toMatch(/\S/);
  });

  it("GIVEN a zone id for the wrong service WHEN synthesized THEN it is refused naming azure.privateDnsZoneIds.<service>", async () => {
    const id = "/subscriptions/s/resourceGroups/hub/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io";
    await expect(synthVpc({ azure: { privateDnsZoneIds: { blob: id } } })).rejects.toThrow(
      'MlopsVpc "core": azure.privateDnsZoneIds.blob names zone "privatelink.azurecr.io"; the blob zone is privatelink.blob.core.windows.net',
    );
  });

  it("GIVEN privateEndpoints false WHEN synthesized THEN there are no private DNS zones or links", async () => {
    const { plan } = await synthVpc({ privateEndpoints: false });
    expect(resourcesOfType(plan, T.zone)).toEqual([]);
    expect(resourcesOfType(plan, T.link)).toEqual([]);
  });
});

describe("Azure MlopsVpc: flow logs", () => {
  it("GIVEN the same project, stack and network in two subscriptions THEN their flow-log storage accounts get different valid names", () => {
    const planned = dev.decisions.azure.flowLogStorageAccountName;
    const a = flowLogStorageAccountName(planned, MOCK_SUBSCRIPTION);
    const b = flowLogStorageAccountName(planned, "11111111-2222-3333-4444-555555555555");
    expect(a).not.toBe(b);
    for (const n of [a, b]) expect(n).toMatch(/^[a-z0-9]{3,24}$/);
    // Only the hash changes: the readable part stays the network's.
    expect(a.slice(0, -6)).toBe(planned.slice(0, -6));
    // Synthesized: the account's name is not the subscription-blind planned one.
    expect(inputs(resource(dev.plan, T.account, "core-flow-logs")).accountName).not.toBe(planned);
  });

  it("GIVEN each profile WHEN synthesized THEN deleted flow-log blobs stay recoverable, 7 days in dev and 30 in prod", () => {
    for (const [synthed, days] of [
      [dev, 7],
      [prod, 30],
    ] as const) {
      const blobs = resource(synthed.plan, "azure-native:storage:BlobServiceProperties", "core-flow-logs");
      expect(inputs(blobs)).toMatchObject({
        blobServicesName: "default",
        deleteRetentionPolicy: { enabled: true, days },
        containerDeleteRetentionPolicy: { enabled: true, days },
      });
      expect(blobs.propertyDependencies.accountName).toEqual([resource(synthed.plan, T.account, "core-flow-logs").urn]);
    }
  });

  it("GIVEN the dev profile WHEN synthesized THEN flow logs go to a locked-down, locally redundant account named by the plan, kept 30 days", () => {
    const account = resource(dev.plan, T.account, "core-flow-logs");
    expect(inputs(account)).toMatchObject({
      accountName: flowLogStorageAccountName(dev.decisions.azure.flowLogStorageAccountName, MOCK_SUBSCRIPTION),
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
      encryption: { requireInfrastructureEncryption: true },
    });
    expect(inputs(account).accountName).toMatch(/^[a-z0-9]{3,24}$/);
    expect(account.retainOnDelete).toBe(false);
    const flowLog = resource(dev.plan, T.flowLog, "core-flow-log");
    expect(inputs(flowLog)).toMatchObject({
      enabled: true,
      retentionPolicy: { days: 30, enabled: true },
      format: { type: "JSON", version: 2 },
    });
  });

  it("GIVEN the prod profile WHEN synthesized THEN the account is zone-redundant and kept on destroy, and flow logs are kept 365 days", () => {
    const account = resource(prod.plan, T.account, "core-flow-logs");
    expect(inputs(account).sku).toEqual({ name: "Standard_ZRS" });
    expect(account.retainOnDelete).toBe(true);
    expect(inputs(resource(prod.plan, T.flowLog, "core-flow-log")).retentionPolicy).toEqual({ days: 365, enabled: true });
  });

  it("GIVEN the default watcher WHEN synthesized THEN the flow log targets the virtual network, writes to the account and lives with the region's Network Watcher", () => {
    const flowLog = resource(dev.plan, T.flowLog, "core-flow-log");
    expect(inputs(flowLog)).toMatchObject({ networkWatcherName: "NetworkWatcher_westeurope", resourceGroupName: "NetworkWatcherRG" });
    expect(flowLog.propertyDependencies.targetResourceId).toEqual([resource(dev.plan, T.vnet, "core").urn]);
    expect(flowLog.propertyDependencies.storageId).toEqual([resource(dev.plan, T.account, "core-flow-logs").urn]);
    expect(resourcesOfType(dev.plan, T.watcher)).toEqual([]);
  });

  it("GIVEN the account takes no shared keys WHEN synthesized THEN the flow log writes with its own identity, granted Storage Blob Data Contributor on that account only, and waits for the grant", () => {
    const flowLog = resource(dev.plan, T.flowLog, "core-flow-log");
    const identity = resource(dev.plan, T.identity, "core-flow-log-identity");
    const grant = resource(dev.plan, T.roleAssignment, "core-flow-log-writer");
    const account = resource(dev.plan, T.account, "core-flow-logs");
    expect(inputs(flowLog).identity).toMatchObject({ type: "UserAssigned" });
    expect(flowLog.propertyDependencies.identity).toEqual([identity.urn]);
    expect(grant.propertyDependencies.scope).toEqual([account.urn]);
    expect(inputs(grant)).toMatchObject({ principalType: "ServicePrincipal" });
    expect(inputs(grant).roleDefinitionId).toMatch(/\/roleDefinitions\/ba92f5b4-2d11-453d-a403-e96b0029c9fe$/);
    expect(flowLog.dependencies).toContain(grant.urn);
  });

  it("GIVEN a location spelt for display WHEN synthesized THEN the watcher's name uses Azure's short form", async () => {
    const { plan } = await synthVpc({}, { "azure-native:location": "West Europe" });
    expect(inputs(resource(plan, T.flowLog, "core-flow-log")).networkWatcherName).toBe("NetworkWatcher_westeurope");
  });

  it("GIVEN networkWatcher.create WHEN synthesized THEN the watcher is created in the network's group and owns the flow log", async () => {
    const { plan } = await synthVpc({ azure: { networkWatcher: { create: true } } });
    const watcher = resource(plan, T.watcher, "core-network-watcher");
    expect(inputs(watcher)).toMatchObject({ networkWatcherName: "NetworkWatcher_westeurope", location: "westeurope" });
    expect(watcher.propertyDependencies.resourceGroupName).toEqual([resource(plan, T.rg, "core").urn]);
    const flowLog = resource(plan, T.flowLog, "core-flow-log");
    expect(flowLog.propertyDependencies.networkWatcherName).toEqual([watcher.urn]);
    expect(flowLog.propertyDependencies.resourceGroupName).toEqual([resource(plan, T.rg, "core").urn]);
  });

  it("GIVEN flowLogs disabled WHEN synthesized THEN there is no flow log and no account for it", async () => {
    const { plan } = await synthVpc({ flowLogs: { enabled: false } });
    expect(resourcesOfType(plan, T.flowLog)).toEqual([]);
    expect(resourcesOfType(plan, T.account)).toEqual([]);
  });

  it("GIVEN flowLogs.retentionDays 90 WHEN synthesized THEN the flow log keeps 90 days", async () => {
    const { plan } = await synthVpc({ flowLogs: { retentionDays: 90 } });
    expect(inputs(resource(plan, T.flowLog, "core-flow-log")).retentionPolicy).toEqual({ days: 90, enabled: true });
  });
});

describe("Azure MlopsVpc: tags, overrides, parents", () => {
  it("GIVEN spec tags WHEN synthesized THEN every resource that takes tags carries them and the defaults", async () => {
    const { plan } = await synthVpc({ tags: { "cost-center": "ml" } });
    // The types without a tags property in azure-native: parts of another resource, and role assignments.
    const untaggable = [T.subnet, T.rule, T.blobService, T.roleAssignment] as string[];
    const tagged = azureResources(plan).filter((r) => !untaggable.includes(r.type));
    expect(tagged.length).toBeGreaterThan(10);
    for (const r of tagged) {
      expect(inputs(r).tags, `${r.type} ${r.name}`).toMatchObject({ "cost-center": "ml", "managed-by": "mlops-kit", "mlops-name": "core" });
    }
  });

  it("GIVEN azure.overrides by role WHEN synthesized THEN each child takes its role's values over ours", async () => {
    const { plan } = await synthVpc({
      azure: {
        overrides: {
          virtualNetwork: { flowTimeoutInMinutes: 10 },
          subnet: { serviceEndpoints: [{ service: "Microsoft.Storage" }] },
          natGateway: { idleTimeoutInMinutes: 10 },
          flowLogStorage: { sku: { name: "Standard_GRS" } },
          flowLog: { enabled: false },
        },
      },
    });
    expect(inputs(resource(plan, T.vnet, "core")).flowTimeoutInMinutes).toBe(10);
    for (const tier of TIERS)
      expect(inputs(resource(plan, T.subnet, `core-${tier}`)).serviceEndpoints).toEqual([{ service: "Microsoft.Storage" }]);
    expect(inputs(resource(plan, T.nat, "core-nat")).idleTimeoutInMinutes).toBe(10);
    expect(inputs(resource(plan, T.account, "core-flow-logs")).sku).toEqual({ name: "Standard_GRS" });
    expect(inputs(resource(plan, T.flowLog, "core-flow-log")).enabled).toBe(false);
    // Only the named roles change.
    for (const tier of SUBNETS) {
      expect(rules(resource(plan, T.nsg, `core-${tier}-nsg`), plan), tier).toEqual(rules(resource(dev.plan, T.nsg, `core-${tier}-nsg`)));
    }
  });

  it("GIVEN any network WHEN synthesized THEN every Azure resource descends from the MlopsVpc component", () => {
    const vpc = component(dev.plan, VPC, "core");
    const descendants = new Set(descendantsOf(dev.plan, vpc.urn).map((r) => r.urn));
    const all = azureResources(dev.plan);
    // group, network, 4 subnets, 4 NSGs, 7 rules (4 inbound denies, 1 outbound, 2 gateway allows), NAT + IP, 8 zones, 8 links,
    // account + its blob settings + the flow log's identity and grant + flow log
    expect(all.length).toBe(1 + 1 + 4 + 4 + 7 + 2 + 8 + 8 + 5);
    for (const r of all) expect(descendants.has(r.urn), `${r.type} ${r.name}`).toBe(true);
  });

  it("GIVEN the azure cloud WHEN synthesized THEN only azure-native submodules are loaded, never another cloud's SDK nor azure-native's top-level index", () => {
    const loaded = Object.keys(createRequire(`${process.cwd()}/`).cache);
    expect(loaded.some((f) => f.includes("/@pulumi/azure-native/network/"))).toBe(true);
    expect(loaded.filter((f) => /\/@pulumi\/(aws|gcp)\//.test(f))).toEqual([]);
    expect(loaded.filter((f) => f.endsWith("/@pulumi/azure-native/index.js"))).toEqual([]);
  });
});

describe("Azure MlopsVpc: network info", () => {
  it("GIVEN the dev profile WHEN synthesized THEN the info names the network, location, two Azure zones and one subnet per tier", () => {
    const vnet = resource(dev.plan, T.vnet, "core");
    expect(dev.network).toMatchObject({
      cloud: "azure",
      name: "core",
      cidr: "10.0.0.0/16",
      region: "westeurope",
      zones: ["1", "2"],
      reservedCidr: "10.0.224.0/19",
      resourceGroupName: "core",
    });
    // The flow log's target is the virtual network's id.
    expect(dev.network.networkId).toBe(inputs(resource(dev.plan, T.flowLog, "core-flow-log")).targetResourceId);
    expect(dev.network.networkId).toMatch(new RegExp(`/${vnet.name}$`));
    for (const tier of TIERS) {
      const ids = dev.network[`${tier}SubnetIds`];
      expect(ids, tier).toHaveLength(1);
      expect(ids[0], tier).toMatch(new RegExp(`/core-${tier}$`));
    }
  });

  it("GIVEN the gateway subnet and the NSGs WHEN synthesized THEN the info carries the gateway subnet's id and each subnet's NSG name, for components that attach to them", () => {
    expect(dev.network.gatewaySubnetId).toMatch(/\/core-gateway$/);
    expect(dev.network.securityGroupNames).toEqual({
      public: "core-public-nsg",
      private: "core-private-nsg",
      isolated: "core-isolated-nsg",
      gateway: "core-gateway-nsg",
    });
    for (const tier of SUBNETS) {
      // The name is the one of the NSG the subnet is attached to.
      const attached = (inputs(resource(dev.plan, T.subnet, `core-${tier}`)).networkSecurityGroup as { id: string }).id;
      expect(attached.endsWith(`/${dev.network.securityGroupNames?.[tier]}`), tier).toBe(true);
    }
  });

  it("GIVEN six zones WHEN synthesized THEN the spec is rejected: Azure regions have three", async () => {
    await expect(synthVpc({ zones: 6 })).rejects.toThrow('MlopsVpc "core": zones (6) must be <= 3 on azure');
  });

  it("GIVEN azure.location in the spec WHEN synthesized THEN it wins over the stack's location", async () => {
    const { plan, network } = await synthVpc({ azure: { location: "northeurope" } });
    expect(network.region).toBe("northeurope");
    expect(inputs(resource(plan, T.vnet, "core")).location).toBe("northeurope");
    expect(inputs(resource(plan, T.flowLog, "core-flow-log")).networkWatcherName).toBe("NetworkWatcher_northeurope");
  });
});

describe("Azure MlopsVpc: errors", () => {
  it("GIVEN no location anywhere WHEN synthesized THEN it fails naming azure.location and registers no Azure resource", async () => {
    const registered: string[] = [];
    const run = synth(
      () => {
        new MlopsVpc("core", {});
      },
      {
        project: "p",
        stack: "dev",
        config: { "mlops:cloud": "azure" },
        mocks: {
          newResource: (args) => {
            registered.push(args.type);
            return { id: `${args.name}-id`, state: args.inputs };
          },
        },
      },
    );
    await expect(run).rejects.toThrow(/MlopsVpc "core": azure\.location is required/);
    expect(registered.filter((t) => t.startsWith("azure-native:"))).toEqual([]);
  });
});
