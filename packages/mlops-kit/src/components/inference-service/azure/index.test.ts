import { createPublicKey } from "node:crypto";
import { createRequire } from "node:module";
import {
  component,
  defaultNewResource,
  descendantsOf,
  type Plan,
  type PlanResource,
  resource,
  resourcesOfType,
  synth,
} from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { MlopsVpc } from "../../network/component";
import type { NetworkInfo } from "../../network/info";
import { InferenceService } from "../component";
import { type InferenceServicePlan, rulePriority } from "../plan";
import type { InferenceServiceArgs } from "../spec";
import { NO_LOGIN_PUBLIC_KEY } from "./settings";

const T = {
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  roleAssignment: "azure-native:authorization:RoleAssignment",
  waf: "azure-native:network:WebApplicationFirewallPolicy",
  pip: "azure-native:network:PublicIPAddress",
  gateway: "azure-native:network:ApplicationGateway",
  asg: "azure-native:network:ApplicationSecurityGroup",
  rule: "azure-native:network:SecurityRule",
  nsg: "azure-native:network:NetworkSecurityGroup",
  subnet: "azure-native:network:Subnet",
  vmss: "azure-native:compute:VirtualMachineScaleSet",
  autoscale: "azure-native:monitor:AutoscaleSetting",
  workspace: "azure-native:operationalinsights:Workspace",
  diagnostics: "azure-native:monitor:DiagnosticSetting",
} as const;
const SERVICE = "mlops:index:InferenceService";
const CERTIFICATE_ID = "https://acme.vault.azure.net/secrets/api-tls";
const KEY_VAULT_ID = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/sec/providers/Microsoft.KeyVault/vaults/acme";
const GATEWAY_IP = "20.61.7.42";
const IDENTITY_CLIENT_ID = "6f1c2d3e-0000-4000-8000-000000000001";
const baseConfig = { "mlops:cloud": "azure", "azure-native:location": "westeurope" };

type ServiceArgs = Omit<InferenceServiceArgs, "network">;
const baseArgs: ServiceArgs = {
  image: "acmeml.azurecr.io/models/sentiment:1.0.0",
  compute: { cpu: 2, memoryGiB: 8 },
  env: { MODEL_NAME: "sentiment", GREETING: "hello world" },
  command: ["python", "-m", "serve"],
  args: ["--port", "8080"],
  loadBalancer: { tls: { certificateId: CERTIFICATE_ID } },
  azure: { keyVaultId: KEY_VAULT_ID },
};

interface Synthed {
  plan: Plan;
  decisions: InferenceServicePlan;
  network: NetworkInfo;
  outputs: { url: string; address: string; loadBalancerId: string; scalingGroupId: string };
}

async function synthService(over: Partial<ServiceArgs> = {}, config: Record<string, unknown> = {}): Promise<Synthed> {
  let decisions: InferenceServicePlan | undefined;
  const plan = await synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      const api = new InferenceService("api", { ...baseArgs, ...over, network: vpc.network });
      decisions = api.plan;
      return {
        network: vpc.network,
        url: api.url,
        address: api.address,
        loadBalancerId: api.loadBalancerId,
        scalingGroupId: api.scalingGroupId,
      };
    },
    {
      project: "p",
      stack: "dev",
      config: { ...baseConfig, ...config },
      mocks: {
        // What Azure returns once these exist: a static IP's address, an identity's client id.
        newResource: (args) => {
          const r = defaultNewResource(args);
          if (args.type === T.pip) return { ...r, state: { ...r.state, ipAddress: GATEWAY_IP } };
          if (args.type === T.identity)
            return { ...r, state: { ...r.state, clientId: IDENTITY_CLIENT_ID, principalId: `${args.name}-principal` } };
          return r;
        },
      },
    },
  );
  if (!decisions) throw new Error("the program did not construct the service");
  const { network, ...outputs } = plan.outputs as unknown as { network: NetworkInfo } & Synthed["outputs"];
  return { plan, decisions, network, outputs };
}

const inputs = (r: PlanResource): Record<string, unknown> => r.inputs;
// biome-ignore lint/suspicious/noExplicitAny: plan inputs are untyped JSON, read by path in assertions
type Json = any;
const json = (r: PlanResource): Json => r.inputs;
const scaleSet = (s: Synthed): Json => json(resource(s.plan, T.vmss, "api-scale-set"));
const gateway = (s: Synthed): Json => json(resource(s.plan, T.gateway, "api-gateway"));
const cloudInit = (s: Synthed): string => Buffer.from(scaleSet(s).virtualMachineProfile.osProfile.customData, "base64").toString("utf8");
const extension = (s: Synthed, type: string) =>
  (scaleSet(s).virtualMachineProfile.extensionProfile.extensions as Json[]).find((e) => e.type === type);
const nic = (s: Synthed): Json => scaleSet(s).virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0];
/** The standalone rules in one of the network's NSGs, the network's and the service's. */
const rulesIn = (s: Synthed, tier: string): Json[] =>
  resourcesOfType(s.plan, T.rule)
    .map(json)
    .filter((r) => r.networkSecurityGroupName === `core-${tier}-nsg`);
/** Whether a rule's destination ports include `port`. */
const coversPort = (r: Json, port: number): boolean =>
  [r.destinationPortRange, ...(r.destinationPortRanges ?? [])]
    .filter((p) => p !== undefined)
    .some((p: string) => {
      if (p === "*") return true;
      const [lo, hi = lo] = p.split("-").map(Number);
      return port >= (lo as number) && port <= (hi as number);
    });
/** The gateway part a reference points at: `.../<kind>/<name>` -> `<kind>/<name>`. */
const refTo = (ref: { id: string } | undefined): string => (ref?.id ?? "").split("/").slice(-2).join("/");

let dev: Synthed;
let gpu: Synthed;
let prod: Synthed;
beforeAll(async () => {
  dev = await synthService();
  gpu = await synthService({ compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } } });
  prod = await synthService({}, { "mlops:profile": "prod" });
});

describe("Azure InferenceService: scale set", () => {
  it("GIVEN the default service WHEN synthesized THEN a Flexible scale set of the catalog's VM size starts at scaling.min instances in the network's zones", () => {
    const vmss = scaleSet(dev);
    expect(vmss).toMatchObject({
      orchestrationMode: "Flexible",
      platformFaultDomainCount: 1,
      sku: { name: "Standard_D2s_v5", tier: "Standard", capacity: 1 },
      zones: ["1", "2"],
      resourceGroupName: "core",
      location: "westeurope",
    });
    expect(dev.decisions.compute.machineType).toBe("Standard_D2s_v5");
    expect(scaleSet(prod).sku.capacity).toBe(2);
    expect(scaleSet(prod).zones).toEqual(["1", "2", "3"]);
  });

  it("GIVEN the default service WHEN synthesized THEN instances get no public IP and sit in the network's private subnet only", () => {
    const vmss = scaleSet(dev);
    const configs = vmss.virtualMachineProfile.networkProfile.networkInterfaceConfigurations as Json[];
    expect(configs).toHaveLength(1);
    const ipConfigs = configs[0].ipConfigurations as Json[];
    expect(ipConfigs).toHaveLength(1);
    expect(ipConfigs[0].publicIPAddressConfiguration).toBeUndefined();
    expect(ipConfigs[0].subnet).toEqual({ id: dev.network.privateSubnetIds[0] });
    expect(vmss.virtualMachineProfile.networkProfile.networkApiVersion).toBe("2020-11-01");
  });

  it("GIVEN the default service WHEN synthesized THEN the instances run as their own user-assigned identity, not the gateway's", () => {
    const identity = resource(dev.plan, T.identity, "api-identity");
    const vmss = resource(dev.plan, T.vmss, "api-scale-set");
    expect(inputs(vmss).identity).toEqual({ type: "UserAssigned", userAssignedIdentities: [expect.stringMatching(/\/api-identity$/)] });
    expect(vmss.propertyDependencies.identity).toEqual([identity.urn]);
    expect(vmss.dependencies).not.toContain(resource(dev.plan, T.identity, "api-gateway-identity").urn);
  });

  it("GIVEN the default service WHEN synthesized THEN disks are encrypted at host, the OS disk is Premium_LRS of plan.diskGiB, and the image is Ubuntu 22.04 LTS gen2", () => {
    const profile = scaleSet(dev).virtualMachineProfile;
    // Trusted Launch set explicitly, so a change of Azure's default cannot change the set.
    expect(profile.securityProfile).toEqual({
      securityType: "TrustedLaunch",
      uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
      encryptionAtHost: true,
    });
    expect(scaleSet(gpu).virtualMachineProfile.securityProfile.uefiSettings).toEqual({ secureBootEnabled: false, vTpmEnabled: true });
    expect(profile.storageProfile).toEqual({
      imageReference: { publisher: "Canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts-gen2", version: "latest" },
      osDisk: {
        createOption: "FromImage",
        caching: "ReadWrite",
        diskSizeGB: 50,
        managedDisk: { storageAccountType: "Premium_LRS" },
        deleteOption: "Delete",
      },
    });
    expect(scaleSet(gpu).virtualMachineProfile.storageProfile.osDisk.diskSizeGB).toBe(200);
  });

  it("GIVEN the default service WHEN synthesized THEN password login is off and the only SSH key is a 2048-bit RSA key no one holds the private half of", () => {
    const linux = scaleSet(dev).virtualMachineProfile.osProfile.linuxConfiguration;
    expect(linux.disablePasswordAuthentication).toBe(true);
    expect(scaleSet(dev).virtualMachineProfile.osProfile.adminPassword).toBeUndefined();
    expect(linux.ssh.publicKeys).toEqual([{ path: "/home/mlops/.ssh/authorized_keys", keyData: NO_LOGIN_PUBLIC_KEY }]);
    const [kind, blob] = NO_LOGIN_PUBLIC_KEY.split(" ");
    expect(kind).toBe("ssh-rsa");
    // OpenSSH's wire form: length-prefixed "ssh-rsa", exponent, modulus.
    const fields: Buffer[] = [];
    const bytes = Buffer.from(blob ?? "", "base64");
    for (let at = 0; at < bytes.length; ) {
      const n = bytes.readUInt32BE(at);
      fields.push(bytes.subarray(at + 4, at + 4 + n));
      at += 4 + n;
    }
    expect(fields.map(String)[0]).toBe("ssh-rsa");
    const b64url = (b: Buffer) => (b[0] === 0 ? b.subarray(1) : b).toString("base64url");
    const key = createPublicKey({ key: { kty: "RSA", e: b64url(fields[1] as Buffer), n: b64url(fields[2] as Buffer) }, format: "jwk" });
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    // The RSA-2048 challenge modulus, whose factors no one has published.
    expect(
      BigInt(`0x${(fields[2] as Buffer).toString("hex")}`)
        .toString()
        .slice(0, 20),
    ).toBe("25195908475657893494");
    expect(
      BigInt(`0x${(fields[2] as Buffer).toString("hex")}`)
        .toString()
        .slice(-9),
    ).toBe("120720357");
  });

  it("GIVEN the default service WHEN synthesized THEN cloud-init installs Docker and runs the image as a restarting systemd unit with the port, env, command and args", () => {
    const init = cloudInit(dev);
    expect(init.startsWith("#cloud-config\n")).toBe(true);
    expect(init).toContain("packages:\n  - docker.io");
    expect(init).toContain("systemctl enable --now mlops-model.service");
    const run = init.split("\n").find((l) => l.includes("ExecStart=/usr/bin/docker run"));
    expect(run?.trim()).toBe(
      'ExecStart=/usr/bin/docker run --rm --name=model --publish=8080:8080 --env-file=/etc/mlops/model.env --entrypoint "python" "acmeml.azurecr.io/models/sentiment:1.0.0" "-m" "serve" "--port" "8080"',
    );
    expect(init).toContain("Restart=always");
    const envLine = init.split("\n").findIndex((l) => l.includes("path: /etc/mlops/model.env"));
    const encoded = init.split("\n")[envLine + 4]?.replace("    content: ", "") ?? "";
    expect(init.split("\n")[envLine + 1]).toBe('    permissions: "0600"');
    expect(Buffer.from(encoded, "base64").toString("utf8")).toBe("MODEL_NAME=sentiment\nGREETING=hello world\n");
  });

  it("GIVEN an image in an Azure Container Registry WHEN synthesized THEN the unit logs Docker in with the instances' identity before each start; other registries get no login", async () => {
    const init = cloudInit(dev);
    expect(init).toContain(`ExecStartPre=/usr/local/sbin/mlops-registry-login "acmeml.azurecr.io" "${IDENTITY_CLIENT_ID}"`);
    expect(init).toContain("oauth2/exchange");
    const other = cloudInit(await synthService({ image: "ghcr.io/acme/model:1" }));
    expect(other).not.toContain("mlops-registry-login");
  });

  it("GIVEN no GPU WHEN synthesized THEN there is no NVIDIA driver extension, no container toolkit and no --gpus", () => {
    expect(extension(dev, "NvidiaGpuDriverLinux")).toBeUndefined();
    expect(cloudInit(dev)).not.toContain("nvidia-container-toolkit");
    expect(cloudInit(dev)).not.toContain("--gpus");
  });

  it("GIVEN a T4 GPU WHEN synthesized THEN the NVIDIA driver extension is installed, cloud-init adds the container toolkit, and the container gets --gpus=all", () => {
    expect(scaleSet(gpu).sku.name).toBe("Standard_NC4as_T4_v3");
    expect(extension(gpu, "NvidiaGpuDriverLinux")).toMatchObject({ publisher: "Microsoft.HpcCompute", autoUpgradeMinorVersion: true });
    const init = cloudInit(gpu);
    expect(init).toContain("apt-get -o DPkg::Lock::Timeout=600 install -y nvidia-container-toolkit");
    expect(init).toContain("nvidia-ctk runtime configure --runtime=docker");
    expect(init).toContain("  - /usr/local/sbin/mlops-gpu-setup");
    expect(init).toMatch(/docker run .* --gpus=all /);
  });
});

describe("Azure InferenceService: self-healing and rollout", () => {
  it("GIVEN the default health check WHEN synthesized THEN the Application Health extension probes the container over HTTP, and automatic repairs replace what it finds unhealthy", () => {
    expect(extension(dev, "ApplicationHealthLinux")).toMatchObject({
      publisher: "Microsoft.ManagedServices",
      // 1.0: any 2xx is Healthy. 2.0 would count a plain 200 as Unknown and repair every instance.
      typeHandlerVersion: "1.0",
      settings: { protocol: "http", port: 8080, requestPath: "/health", intervalInSeconds: 15, numberOfProbes: 3, gracePeriod: 300 },
    });
    expect(scaleSet(dev).automaticRepairsPolicy).toEqual({ enabled: true, gracePeriod: "PT10M", repairAction: "Replace" });
  });

  it("GIVEN a long grace period WHEN synthesized THEN the health extension waits all of it and repairs wait at most Azure's 90 minutes", async () => {
    const s = await synthService({ healthCheck: { gracePeriodSeconds: 2700 } });
    expect(extension(s, "ApplicationHealthLinux").settings.gracePeriod).toBe(2700);
    expect(scaleSet(s).automaticRepairsPolicy.gracePeriod).toBe("PT45M");
    const long = await synthService({ healthCheck: { gracePeriodSeconds: 7200 } });
    expect(scaleSet(long).automaticRepairsPolicy.gracePeriod).toBe("PT90M");
  });

  it("GIVEN the default rollout (25% surge, none unavailable) WHEN synthesized THEN upgrades roll in surge batches of 25% and stop (no rollback, which Flexible sets lack) when an upgraded instance is unhealthy", () => {
    expect(scaleSet(dev).upgradePolicy).toEqual({
      mode: "Rolling",
      rollingUpgradePolicy: {
        maxSurge: true,
        maxBatchInstancePercent: 25,
        maxUnhealthyInstancePercent: 25,
        maxUnhealthyUpgradedInstancePercent: 0,
        pauseTimeBetweenBatches: "PT30S",
        prioritizeUnhealthyInstances: true,
      },
    });
  });

  it("GIVEN no surge and 50% unavailable WHEN synthesized THEN batches of half the set are upgraded in place", async () => {
    const s = await synthService({ rollout: { maxSurgePercent: 0, maxUnavailablePercent: 50 } });
    expect(scaleSet(s).upgradePolicy.rollingUpgradePolicy).toMatchObject({
      maxSurge: false,
      maxBatchInstancePercent: 50,
      maxUnhealthyInstancePercent: 50,
      maxUnhealthyUpgradedInstancePercent: 50,
    });
  });

  it("GIVEN spot with an on-demand base of 1 WHEN synthesized THEN instances are Spot, deleted on eviction, capped at the on-demand price, and the first one stays regular", async () => {
    const s = await synthService({ spot: { enabled: true, onDemandBase: 1 } });
    const vmss = scaleSet(s);
    expect(vmss.virtualMachineProfile).toMatchObject({ priority: "Spot", evictionPolicy: "Delete", billingProfile: { maxPrice: -1 } });
    expect(vmss.priorityMixPolicy).toEqual({ baseRegularPriorityCount: 1, regularPriorityPercentageAboveBase: 0 });
    expect(scaleSet(dev).virtualMachineProfile.priority).toBeUndefined();
    expect(scaleSet(dev).priorityMixPolicy).toBeUndefined();
  });
});

describe("Azure InferenceService: Application Gateway", () => {
  it("GIVEN the default service WHEN synthesized THEN a WAF_v2 gateway in all three zones (whatever the network's count, so growing it replaces neither) sits in the network's gateway subnet behind a static Standard public IP", () => {
    const gw = gateway(dev);
    expect(gw.sku).toEqual({ name: "WAF_v2", tier: "WAF_v2" });
    expect(gw.gatewayIPConfigurations).toEqual([{ name: "gateway", subnet: { id: dev.network.gatewaySubnetId } }]);
    expect(dev.network.gatewaySubnetId).toMatch(/\/core-gateway$/);
    expect(dev.network.zones).toEqual(["1", "2"]);
    expect(gw.zones).toEqual(["1", "2", "3"]);
    expect(gw.enableHttp2).toBe(true);
    expect(gw.autoscaleConfiguration).toEqual({ minCapacity: 0, maxCapacity: 10 });
    const pip = resource(dev.plan, T.pip, "api-ip");
    expect(inputs(pip)).toMatchObject({
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      zones: ["1", "2", "3"],
    });
    expect(gw.frontendIPConfigurations).toEqual([{ name: "public", publicIPAddress: { id: expect.stringMatching(/\/api-ip$/) } }]);
  });

  it("GIVEN the default service WHEN synthesized THEN the web application firewall runs the Default Rule Set in prevention mode", () => {
    const waf = resource(dev.plan, T.waf, "api-waf");
    expect(inputs(waf)).toMatchObject({
      policySettings: { state: "Enabled", mode: "Prevention", requestBodyCheck: true },
      managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }] },
    });
    expect(resource(dev.plan, T.gateway, "api-gateway").propertyDependencies.firewallPolicy).toEqual([waf.urn]);
  });

  it("GIVEN a Key Vault certificate WHEN synthesized THEN the HTTPS listener on 443 serves it under the TLS 1.2+ policy", () => {
    const gw = gateway(dev);
    expect(gw.sslCertificates).toEqual([{ name: "tls", keyVaultSecretId: CERTIFICATE_ID }]);
    expect(gw.sslPolicy).toEqual({ policyType: "Predefined", policyName: "AppGwSslPolicy20220101" });
    const https = (gw.httpListeners as Json[]).find((l) => l.name === "https");
    expect(https.protocol).toBe("Https");
    expect(refTo(https.sslCertificate)).toBe("sslCertificates/tls");
    expect(refTo(https.frontendIPConfiguration)).toBe("frontendIPConfigurations/public");
    expect(refTo(https.frontendPort)).toBe("frontendPorts/https");
    expect(gw.frontendPorts).toEqual([
      { name: "https", port: 443 },
      { name: "http", port: 80 },
    ]);
    // References to the gateway's own parts carry its subscription, group and name.
    expect(https.sslCertificate.id).toBe(
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/core/providers/Microsoft.Network/applicationGateways/${gw.applicationGatewayName}/sslCertificates/tls`,
    );
  });

  it("GIVEN azure.keyVaultId WHEN synthesized THEN the gateway's identity is a Key Vault Secrets User on that vault, and the gateway waits for the grant", () => {
    const gatewayIdentity = resource(dev.plan, T.identity, "api-gateway-identity");
    const grant = resource(dev.plan, T.roleAssignment, "api-key-vault-secrets");
    expect(inputs(grant)).toMatchObject({
      scope: KEY_VAULT_ID,
      roleDefinitionId:
        "/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
      principalType: "ServicePrincipal",
    });
    expect(grant.propertyDependencies.principalId).toEqual([gatewayIdentity.urn]);
    const gw = resource(dev.plan, T.gateway, "api-gateway");
    expect(json(gw).identity).toEqual({ type: "UserAssigned", userAssignedIdentities: [expect.stringMatching(/\/api-gateway-identity$/)] });
    expect(gw.dependsOn).toEqual([grant.urn]);
  });

  it("GIVEN no azure.keyVaultId WHEN synthesized THEN no role is assigned (the vault's owner grants it)", async () => {
    const s = await synthService({ azure: {} });
    // The network's own grant (its flow logs) aside.
    expect(resourcesOfType(s.plan, T.roleAssignment).filter((r) => r.name.startsWith("api-"))).toEqual([]);
    expect(resource(s.plan, T.gateway, "api-gateway").dependsOn).toEqual([]);
  });

  it("GIVEN redirectHttp (default) WHEN synthesized THEN port 80 answers with a permanent redirect to the HTTPS listener, keeping path and query", () => {
    const gw = gateway(dev);
    const http = (gw.httpListeners as Json[]).find((l) => l.name === "http");
    expect(http.protocol).toBe("Http");
    expect(refTo(http.frontendPort)).toBe("frontendPorts/http");
    expect(gw.redirectConfigurations).toEqual([
      {
        name: "to-https",
        redirectType: "Permanent",
        targetListener: { id: expect.stringMatching(/\/httpListeners\/https$/) },
        includePath: true,
        includeQueryString: true,
      },
    ]);
    const rules = gw.requestRoutingRules as Json[];
    const httpRule = rules.find((r) => r.name === "http");
    expect(refTo(httpRule.redirectConfiguration)).toBe("redirectConfigurations/to-https");
    expect(httpRule.backendAddressPool).toBeUndefined();
    const httpsRule = rules.find((r) => r.name === "https");
    expect([refTo(httpsRule.backendAddressPool), refTo(httpsRule.backendHttpSettings)]).toEqual([
      "backendAddressPools/instances",
      "backendHttpSettingsCollection/model",
    ]);
    expect(rules.map((r) => r.priority)).toEqual([100, 110]);
  });

  it("GIVEN redirectHttp false WHEN synthesized THEN only 443 is served", async () => {
    const s = await synthService({ loadBalancer: { tls: { certificateId: CERTIFICATE_ID, redirectHttp: false } } });
    const gw = gateway(s);
    expect((gw.httpListeners as Json[]).map((l) => l.name)).toEqual(["https"]);
    expect(gw.frontendPorts).toEqual([{ name: "https", port: 443 }]);
    expect(gw.redirectConfigurations).toBeUndefined();
  });

  it("GIVEN TLS off WHEN synthesized THEN an HTTP listener on 80 routes to the instances, with no certificate and no TLS policy", async () => {
    const s = await synthService({ loadBalancer: { tls: { enabled: false } } });
    const gw = gateway(s);
    expect(gw.sslCertificates).toBeUndefined();
    expect(gw.sslPolicy).toBeUndefined();
    expect(gw.frontendPorts).toEqual([{ name: "http", port: 80 }]);
    expect(gw.requestRoutingRules).toEqual([
      expect.objectContaining({ name: "http", backendAddressPool: { id: expect.stringMatching(/\/backendAddressPools\/instances$/) } }),
    ]);
    // The network's own grant (its flow logs) aside.
    expect(resourcesOfType(s.plan, T.roleAssignment).filter((r) => r.name.startsWith("api-"))).toEqual([]);
    expect(s.outputs.url).toBe(`http://${GATEWAY_IP}`);
  });

  it("GIVEN the default health check WHEN synthesized THEN the gateway probes plan.healthCheck.path on the instances, and the backend settings use that probe", () => {
    const gw = gateway(dev);
    expect(gw.probes).toEqual([
      {
        name: "health",
        protocol: "Http",
        path: "/health",
        interval: 15,
        timeout: 5,
        unhealthyThreshold: 3,
        pickHostNameFromBackendHttpSettings: true,
        match: { statusCodes: ["200-399"] },
      },
    ]);
    const [settings] = gw.backendHttpSettingsCollection as Json[];
    expect(settings).toMatchObject({
      port: 8080,
      protocol: "Http",
      // loadBalancer.requestTimeoutSeconds (300 by default), not the idle timeout.
      requestTimeout: 300,
      connectionDraining: { enabled: true, drainTimeoutInSec: 300 },
    });
    expect(refTo(settings.probe)).toBe("probes/health");
  });

  it("GIVEN a non-default health path and request timeout WHEN synthesized THEN the gateway's probe and the health extension both ask for that path, and the backend waits that long", async () => {
    const s = await synthService({
      healthCheck: { path: "/v2/ready" },
      loadBalancer: { tls: { certificateId: CERTIFICATE_ID }, requestTimeoutSeconds: 900 },
    });
    expect((gateway(s).probes as Json[]).map((p) => p.path)).toEqual(["/v2/ready"]);
    expect(extension(s, "ApplicationHealthLinux").settings.requestPath).toBe("/v2/ready");
    expect((gateway(s).backendHttpSettingsCollection as Json[])[0]).toMatchObject({
      requestTimeout: 900,
      connectionDraining: { enabled: true, drainTimeoutInSec: 900 },
    });
  });

  it("GIVEN a network in a region without availability zones WHEN synthesized THEN neither the scale set, the gateway nor its IP asks for zones", async () => {
    const plan = await synth(
      () => {
        const vpc = new MlopsVpc("core", { azure: { availabilityZones: false } });
        new InferenceService("api", { ...baseArgs, network: vpc.network });
      },
      { project: "p", stack: "dev", config: baseConfig },
    );
    expect(json(resource(plan, T.vmss, "api-scale-set")).zones).toBeUndefined();
    expect(json(resource(plan, T.gateway, "api-gateway")).zones).toBeUndefined();
    expect(json(resource(plan, T.pip, "api-ip")).zones).toBeUndefined();
    expect(json(resource(plan, T.vmss, "api-scale-set")).platformFaultDomainCount).toBe(1);
  });

  it("GIVEN waf in detection mode WHEN synthesized THEN the policy logs and does not block; with the WAF off there is no policy and the gateway is Standard_v2", async () => {
    const detect = await synthService({ loadBalancer: { tls: { certificateId: CERTIFICATE_ID }, waf: { mode: "detection" } } });
    expect(inputs(resource(detect.plan, T.waf, "api-waf")).policySettings).toMatchObject({ state: "Enabled", mode: "Detection" });
    expect(gateway(detect).sku).toEqual({ name: "WAF_v2", tier: "WAF_v2" });
    const off = await synthService({ loadBalancer: { tls: { certificateId: CERTIFICATE_ID }, waf: { enabled: false } } });
    expect(resourcesOfType(off.plan, T.waf)).toEqual([]);
    expect(gateway(off).sku).toEqual({ name: "Standard_v2", tier: "Standard_v2" });
    expect(gateway(off).firewallPolicy).toBeUndefined();
  });

  it("GIVEN stickiness WHEN synthesized THEN the backend settings turn cookie affinity on with a named cookie; without it affinity is off", async () => {
    expect((gateway(dev).backendHttpSettingsCollection as Json[])[0]).toMatchObject({ cookieBasedAffinity: "Disabled" });
    expect((gateway(dev).backendHttpSettingsCollection as Json[])[0].affinityCookieName).toBeUndefined();
    const s = await synthService({ loadBalancer: { tls: { certificateId: CERTIFICATE_ID }, stickiness: { enabled: true } } });
    expect((gateway(s).backendHttpSettingsCollection as Json[])[0]).toMatchObject({
      cookieBasedAffinity: "Enabled",
      affinityCookieName: "MLOPSAFFINITY",
    });
  });

  it("GIVEN the gateway and the scale set WHEN synthesized THEN every instance's NIC joins the gateway's backend pool, so the scale set waits for the gateway", () => {
    const gw = resource(dev.plan, T.gateway, "api-gateway");
    const vmss = resource(dev.plan, T.vmss, "api-scale-set");
    const gatewayId = dev.outputs.loadBalancerId;
    expect(nic(dev).ipConfigurations[0].applicationGatewayBackendAddressPools).toEqual([
      { id: `${gatewayId}/backendAddressPools/instances` },
    ]);
    expect(gateway(dev).backendAddressPools).toEqual([{ name: "instances" }]);
    expect(vmss.propertyDependencies.virtualMachineProfile).toContain(gw.urn);
  });

  it("GIVEN the prod profile WHEN synthesized THEN the gateway and its IP are protected from deletion and the gateway keeps two capacity units", () => {
    expect(resource(prod.plan, T.gateway, "api-gateway").protect).toBe(true);
    expect(resource(prod.plan, T.pip, "api-ip").protect).toBe(true);
    expect(resource(dev.plan, T.gateway, "api-gateway").protect).toBe(false);
    expect(gateway(prod).autoscaleConfiguration).toEqual({ minCapacity: 2, maxCapacity: 20 });
  });

  it("GIVEN an internal scheme WHEN synthesized THEN listeners bind a static private frontend in the gateway subnet, clients are the network's range, and the address is private", async () => {
    const s = await synthService({ loadBalancer: { scheme: "internal", tls: { certificateId: CERTIFICATE_ID } } });
    const gw = gateway(s);
    const priv = (gw.frontendIPConfigurations as Json[]).find((f) => f.name === "private");
    expect(priv).toMatchObject({ subnet: { id: s.network.gatewaySubnetId }, privateIPAllocationMethod: "Static" });
    // Inside 10.0.224.0/20, in its top quarter, below the address Azure keeps.
    const [a, b, c, d] = (priv.privateIPAddress as string).split(".").map(Number);
    expect([a, b]).toEqual([10, 0]);
    expect(c).toBeGreaterThanOrEqual(236);
    expect(((c as number) - 224) * 256 + (d as number)).toBeLessThanOrEqual(4094);
    for (const l of gw.httpListeners as Json[]) expect(refTo(l.frontendIPConfiguration)).toBe("frontendIPConfigurations/private");
    expect(rulesIn(s, "gateway").find((r) => r.securityRuleName === "api-allow-clients").sourceAddressPrefixes).toEqual(["10.0.0.0/16"]);
    expect(s.outputs.address).toBe(priv.privateIPAddress);
    expect(s.outputs.url).toBe(`https://${priv.privateIPAddress}`);
  });
});

describe("Azure InferenceService: network security rules", () => {
  it("GIVEN the default service WHEN synthesized THEN the private subnet admits the app port on this service's instances from the gateway subnet only", () => {
    const priority = rulePriority("api");
    const asg = resource(dev.plan, T.asg, "api-instances");
    const toPort = rulesIn(dev, "private").filter((r) => r.direction === "Inbound" && coversPort(r, 8080));
    const byName = Object.fromEntries(toPort.map((r) => [r.securityRuleName, r]));
    expect(Object.keys(byName).sort()).toEqual(["api-allow-gateway", "api-deny-network", "deny-internet-inbound"]);
    expect(byName["api-allow-gateway"]).toMatchObject({
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefix: "10.0.224.0/20",
      destinationPortRange: "8080",
      destinationApplicationSecurityGroups: [{ id: expect.stringMatching(/\/api-instances$/) }],
      priority,
    });
    expect(byName["api-deny-network"]).toMatchObject({ access: "Deny", sourceAddressPrefix: "VirtualNetwork", priority: priority + 1 });
    expect(byName["deny-internet-inbound"]).toMatchObject({ access: "Deny" });
    // The gateway subnet in the rule is the one the network created.
    expect(inputs(resource(dev.plan, T.subnet, "core-gateway")).addressPrefix).toBe("10.0.224.0/20");
    // The instances are the rules' destination.
    expect(nic(dev).ipConfigurations[0].applicationSecurityGroups).toEqual([{ id: expect.stringMatching(/\/api-instances$/) }]);
    expect(resource(dev.plan, T.vmss, "api-scale-set").propertyDependencies.virtualMachineProfile).toContain(asg.urn);
    expect(priority).toBeGreaterThanOrEqual(1000);
    expect(priority + 1).toBeLessThan(4000);
  });

  it("GIVEN the default service WHEN synthesized THEN the gateway subnet admits the allowed clients on 443 and 80, above the network's final deny", () => {
    const clients = rulesIn(dev, "gateway").filter(
      (r) =>
        r.access === "Allow" &&
        r.direction === "Inbound" &&
        r.sourceAddressPrefix !== "GatewayManager" &&
        r.sourceAddressPrefix !== "AzureLoadBalancer",
    );
    expect(clients).toEqual([
      expect.objectContaining({
        securityRuleName: "api-allow-clients",
        protocol: "Tcp",
        sourceAddressPrefixes: ["0.0.0.0/0"],
        destinationPortRanges: ["443", "80"],
        priority: rulePriority("api"),
      }),
    ]);
    expect(rulePriority("api")).toBeLessThan(4096);
  });

  it("GIVEN allowedCidrs and TLS without redirect WHEN synthesized THEN only those ranges reach 443", async () => {
    const s = await synthService({
      loadBalancer: { allowedCidrs: ["203.0.113.0/24", "198.51.100.7/32"], tls: { certificateId: CERTIFICATE_ID, redirectHttp: false } },
    });
    expect(rulesIn(s, "gateway").find((r) => r.securityRuleName === "api-allow-clients")).toMatchObject({
      sourceAddressPrefixes: ["203.0.113.0/24", "198.51.100.7/32"],
      destinationPortRanges: ["443"],
    });
  });

  it("GIVEN the service WHEN synthesized THEN the gateway subnet keeps Application Gateway's management ports (65200-65535) open to GatewayManager only, and no rule admits SSH or RDP", () => {
    const management = rulesIn(dev, "gateway")
      .filter((r) => r.access === "Allow" && coversPort(r, 65200))
      .sort((a, b) => a.priority - b.priority);
    expect(management).toEqual([
      expect.objectContaining({ sourceAddressPrefix: "GatewayManager", destinationPortRange: "65200-65535", protocol: "Tcp" }),
      // AzureLoadBalancer's probes may use any port.
      expect.objectContaining({ sourceAddressPrefix: "AzureLoadBalancer", destinationPortRange: "*" }),
    ]);
    const all = resourcesOfType(dev.plan, T.rule).map(json);
    for (const port of [22, 3389]) {
      expect(
        all.filter(
          (r) => r.access === "Allow" && r.direction === "Inbound" && r.sourceAddressPrefix !== "AzureLoadBalancer" && coversPort(r, port),
        ),
      ).toEqual([]);
    }
  });

  it("GIVEN the two rules on the private subnet WHEN synthesized THEN the deny waits for the allow, and the scale set for both", () => {
    const allow = resource(dev.plan, T.rule, "api-allow-gateway");
    const deny = resource(dev.plan, T.rule, "api-deny-network");
    expect(deny.dependsOn).toEqual([allow.urn]);
    expect(resource(dev.plan, T.vmss, "api-scale-set").dependsOn).toEqual([allow.urn, deny.urn].sort());
  });
});

describe("Azure InferenceService: autoscale", () => {
  it("GIVEN the default scaling WHEN synthesized THEN the scale set scales out on CPU above 50% for 5 minutes and in below 25%, with the cooldowns", () => {
    const autoscale = resource(dev.plan, T.autoscale, "api-autoscale");
    expect(autoscale.propertyDependencies.targetResourceUri).toEqual([resource(dev.plan, T.vmss, "api-scale-set").urn]);
    const [profile] = json(autoscale).profiles as Json[];
    expect(profile.capacity).toEqual({ minimum: "1", maximum: "3", default: "1" });
    const trigger = {
      metricName: "Percentage CPU",
      metricNamespace: "microsoft.compute/virtualmachinescalesets",
      metricResourceUri: dev.outputs.scalingGroupId,
      timeGrain: "PT1M",
      timeWindow: "PT5M",
      statistic: "Average",
      timeAggregation: "Average",
    };
    expect(profile.rules).toEqual([
      {
        metricTrigger: { ...trigger, operator: "GreaterThan", threshold: 50 },
        scaleAction: { direction: "Increase", type: "ChangeCount", value: "1", cooldown: "PT1M" },
      },
      {
        metricTrigger: { ...trigger, operator: "LessThan", threshold: 25 },
        scaleAction: { direction: "Decrease", type: "ChangeCount", value: "1", cooldown: "PT5M" },
      },
    ]);
    expect(json(resource(prod.plan, T.autoscale, "api-autoscale")).profiles[0].capacity).toEqual({
      minimum: "2",
      maximum: "10",
      default: "2",
    });
  });

  it("GIVEN targetRequestsPerInstance WHEN synthesized THEN it also scales on the gateway's requests per healthy instance per minute", async () => {
    const s = await synthService({ scaling: { targetRequestsPerInstance: 600, scaleOutCooldownSeconds: 120 } });
    const rules = json(resource(s.plan, T.autoscale, "api-autoscale")).profiles[0].rules as Json[];
    const requests = rules.filter((r) => r.metricTrigger.metricName === "AvgRequestCountPerHealthyHost");
    expect(requests.map((r) => [r.metricTrigger.operator, r.metricTrigger.threshold, r.metricTrigger.metricResourceUri])).toEqual([
      ["GreaterThan", 600, s.outputs.loadBalancerId],
      ["LessThan", 300, s.outputs.loadBalancerId],
    ]);
    expect(requests[0].scaleAction.cooldown).toBe("PT2M");
  });

  it("GIVEN an autoscaled set WHEN synthesized THEN later deployments leave the instance count to autoscale", async () => {
    // The mock engine does not record ignoreChanges; a stack transformation sees the options as given.
    const ignored: Record<string, string[] | undefined> = {};
    await synth(
      () => {
        pulumi.runtime.registerStackTransformation((args) => {
          ignored[args.name] = args.opts.ignoreChanges;
          return undefined;
        });
        const vpc = new MlopsVpc("core", {});
        new InferenceService("api", { ...baseArgs, network: vpc.network });
      },
      { project: "p", stack: "dev", config: baseConfig },
    );
    expect(ignored["api-scale-set"]).toEqual(["sku.capacity"]);
    expect(ignored["api-gateway"]).toBeUndefined();
  });
});

describe("Azure InferenceService: access logs", () => {
  it("GIVEN access logs on (default) WHEN synthesized THEN the gateway's access and firewall logs (not the v1-only performance log) go to a Log Analytics workspace kept 30 days in dev", () => {
    const ws = resource(dev.plan, T.workspace, "api-logs");
    expect(inputs(ws)).toMatchObject({ sku: { name: "PerGB2018" }, retentionInDays: 30, features: { disableLocalAuth: true } });
    expect(ws.retainOnDelete).toBe(false);
    const diag = resource(dev.plan, T.diagnostics, "api-access-logs");
    expect(diag.propertyDependencies.resourceUri).toEqual([resource(dev.plan, T.gateway, "api-gateway").urn]);
    expect(diag.propertyDependencies.workspaceId).toEqual([ws.urn]);
    expect((json(diag).logs as Json[]).map((l) => [l.category, l.enabled])).toEqual([
      ["ApplicationGatewayAccessLog", true],
      ["ApplicationGatewayFirewallLog", true],
    ]);
  });

  it("GIVEN the prod profile WHEN synthesized THEN logs are kept 365 days and the workspace survives the stack", () => {
    const ws = resource(prod.plan, T.workspace, "api-logs");
    expect(inputs(ws).retentionInDays).toBe(365);
    expect(ws.retainOnDelete).toBe(true);
  });

  it("GIVEN a retention below Log Analytics' 30 days WHEN synthesized THEN the workspace keeps 30, never fewer than asked", async () => {
    const s = await synthService({ loadBalancer: { tls: { certificateId: CERTIFICATE_ID }, accessLogs: { retentionDays: 7 } } });
    expect(inputs(resource(s.plan, T.workspace, "api-logs")).retentionInDays).toBe(30);
  });

  it("GIVEN access logs off WHEN synthesized THEN there is no workspace and no diagnostic setting", async () => {
    const s = await synthService({ loadBalancer: { tls: { certificateId: CERTIFICATE_ID }, accessLogs: { enabled: false } } });
    expect(resourcesOfType(s.plan, T.workspace)).toEqual([]);
    expect(resourcesOfType(s.plan, T.diagnostics)).toEqual([]);
  });
});

describe("Azure InferenceService: what Azure cannot do", () => {
  async function registeredBy(over: Partial<ServiceArgs>): Promise<{ error: unknown; names: string[] }> {
    const names: string[] = [];
    const error = await synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        new InferenceService("api", { ...baseArgs, ...over, network: vpc.network });
      },
      {
        project: "p",
        stack: "dev",
        config: baseConfig,
        mocks: {
          newResource: (args) => {
            names.push(args.name);
            return defaultNewResource(args);
          },
        },
      },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, names };
  }
  // Every child of the service is named after it; the network's are named "core-...".
  const serviceChildren = (names: string[]) => names.filter((n) => n.startsWith("api-"));

  it("GIVEN a domain for a managed certificate WHEN synthesized THEN it fails naming loadBalancer.tls.domain and asking for a Key Vault certificateId, before any of the service exists", async () => {
    const { error, names } = await registeredBy({ loadBalancer: { tls: { domain: "api.example.com" } } });
    expect(names).toContain("core-gateway");
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("UnsupportedError");
    expect((error as Error).message).toContain('InferenceService "api": loadBalancer.tls.domain is not supported on azure');
    expect((error as Error).message).toMatch(/loadBalancer\.tls\.certificateId \(?a Key Vault secret id/);
    expect(serviceChildren(names)).toEqual([]);
  });

  it("GIVEN the leastRequests algorithm WHEN synthesized THEN it fails naming loadBalancer.algorithm", async () => {
    const { error, names } = await registeredBy({ loadBalancer: { algorithm: "leastRequests", tls: { certificateId: CERTIFICATE_ID } } });
    expect((error as Error).name).toBe("UnsupportedError");
    expect((error as Error).message).toMatch(
      /^InferenceService "api": loadBalancer\.algorithm.* is not supported on azure: .*round robin only/,
    );
    expect(serviceChildren(names)).toEqual([]);
  });

  it("GIVEN a network with nat none WHEN synthesized THEN the service is refused naming network before any of it exists (a Flexible scale set has no default outbound access)", async () => {
    const names: string[] = [];
    const error = await synth(
      () => {
        const vpc = new MlopsVpc("core", { nat: "none" });
        new InferenceService("api", { ...baseArgs, network: vpc.network });
      },
      {
        project: "p",
        stack: "dev",
        config: baseConfig,
        mocks: {
          newResource: (args) => {
            names.push(args.name);
            return defaultNewResource(args);
          },
        },
      },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe("SpecError");
    expect((error as Error).message).toContain('InferenceService "api": network is MlopsVpc "core" with nat "none"');
    expect(names).toContain("core-gateway");
    expect(serviceChildren(names)).toEqual([]);
  });

  it("GIVEN a network known only once it resolves (a stack reference) with nat none WHEN synthesized THEN it fails naming network as it resolves", async () => {
    const network = pulumi.output({
      cloud: "azure",
      name: "shared",
      networkId:
        "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/shared",
      cidr: "10.0.0.0/16",
      region: "westeurope",
      zones: ["1", "2"],
      publicSubnetIds: ["pub"],
      privateSubnetIds: ["priv"],
      isolatedSubnetIds: ["iso"],
      reservedCidr: "10.0.224.0/19",
      resourceGroupName: "net",
      gatewaySubnetId: "gw",
      gatewaySubnetCidr: "10.0.224.0/20",
      natMode: "none",
      securityGroupNames: { gateway: "gw-nsg", private: "priv-nsg" },
    } satisfies NetworkInfo);
    const error = await synth(() => new InferenceService("api", { ...baseArgs, network }), {
      project: "p",
      stack: "dev",
      config: baseConfig,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toContain('network is MlopsVpc "shared" with nat "none"');
  });

  it("GIVEN rollout.autoRollback true WHEN synthesized THEN it is refused naming the field, before any of the service exists", async () => {
    const { error, names } = await registeredBy({ rollout: { autoRollback: true } });
    expect((error as Error).name).toBe("UnsupportedError");
    expect((error as Error).message).toContain('InferenceService "api": rollout.autoRollback is not supported on azure');
    expect(serviceChildren(names)).toEqual([]);
  });

  it("GIVEN access logs kept longer than 730 days WHEN synthesized THEN it fails naming loadBalancer.accessLogs.retentionDays", async () => {
    const { error } = await registeredBy({ loadBalancer: { tls: { certificateId: CERTIFICATE_ID }, accessLogs: { retentionDays: 1000 } } });
    expect((error as Error).message).toContain("loadBalancer.accessLogs.retentionDays is not supported on azure: (1000) is above 730");
  });
});

describe("Azure InferenceService: many services on one network", () => {
  // "asr" and "ner" hash to the same slot: Azure would refuse the second's rules (SecurityRuleConflict).
  const NAMES = ["asr", "ner", ...Array.from({ length: 22 }, (_, i) => `model-${i}`)];

  const registered: string[] = [];
  async function synthMany(pinned: Record<string, number> = {}): Promise<Plan> {
    registered.length = 0;
    return synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        for (const n of NAMES) {
          const azure = { keyVaultId: KEY_VAULT_ID, ...(pinned[n] !== undefined ? { rulePriority: pinned[n] } : {}) };
          new InferenceService(n, {
            ...baseArgs,
            loadBalancer: { ...baseArgs.loadBalancer, accessLogs: { enabled: false } },
            azure,
            network: vpc.network,
          });
        }
      },
      {
        project: "p",
        stack: "dev",
        config: baseConfig,
        mocks: {
          newResource: (args) => {
            registered.push(args.name);
            return defaultNewResource(args);
          },
        },
      },
    );
  }

  it("GIVEN 24 services, two of whose names hash to one slot, WHEN synthesized THEN no two rules in any security group share a priority", async () => {
    expect(rulePriority("asr")).toBe(rulePriority("ner"));
    const plan = await synthMany();
    for (const tier of ["gateway", "private"]) {
      const priorities = resourcesOfType(plan, T.rule)
        .map(json)
        .filter((r) => r.networkSecurityGroupName === `core-${tier}-nsg`)
        .map((r) => r.priority as number);
      // The network's own rules, plus each service's one (gateway) or two (private).
      expect(priorities.length).toBeGreaterThan(NAMES.length);
      expect(new Set(priorities).size, tier).toBe(priorities.length);
    }
    const first = (n: string) => json(resource(plan, T.rule, `${n}-allow-gateway`)).priority;
    expect(first("asr")).toBe(rulePriority("asr"));
    expect(first("ner")).not.toBe(rulePriority("ner"));
  });

  it("GIVEN azure.rulePriority WHEN synthesized THEN the service takes it; a pinned priority that overlaps another service's pair is refused naming azure.rulePriority", async () => {
    const plan = await synthMany({ "model-3": 1501 });
    expect(json(resource(plan, T.rule, "model-3-allow-gateway")).priority).toBe(1501);
    expect(json(resource(plan, T.rule, "model-3-deny-network")).priority).toBe(1502);
    const clash = await synthMany({ ner: rulePriority("asr") + 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((clash as Error).name).toBe("SpecError");
    // Refused before the service registers anything: "asr" exists, "ner" has no child.
    expect(registered).toContain("asr-scale-set");
    expect(registered.filter((n) => n.startsWith("ner-"))).toEqual([]);
    expect((clash as Error).message).toContain(
      `InferenceService "ner": azure.rulePriority (${rulePriority("asr") + 1}) overlaps the rules of InferenceService "asr"`,
    );
  });
});

describe("Azure InferenceService: outputs, parents, tags, overrides", () => {
  it("GIVEN tls.domain with a Key Vault certificate for it WHEN synthesized THEN the url is https://<domain> and the address is still the gateway's IP", async () => {
    const s = await synthService({ loadBalancer: { tls: { domain: "api.example.com", certificateId: CERTIFICATE_ID } } });
    expect(s.outputs.url).toBe("https://api.example.com");
    expect(s.outputs.address).toBe(GATEWAY_IP);
    expect(gateway(s).sslCertificates).toEqual([{ name: "tls", keyVaultSecretId: CERTIFICATE_ID }]);
  });

  it("GIVEN the default service WHEN synthesized THEN the url is https on the gateway's public IP, and the ids are the gateway's and the scale set's", () => {
    expect(dev.outputs.url).toBe(`https://${GATEWAY_IP}`);
    expect(dev.outputs.address).toBe(GATEWAY_IP);
    expect(dev.outputs.loadBalancerId).toMatch(/\/providers\/network\/ApplicationGateway\/api-gateway$/);
    expect(dev.outputs.scalingGroupId).toMatch(/\/providers\/compute\/VirtualMachineScaleSet\/api-scale-set$/);
  });

  it("GIVEN the default service WHEN synthesized THEN every resource it creates descends from the component, in the network's resource group and location, tagged", () => {
    const service = component(dev.plan, SERVICE, "api");
    const mine = descendantsOf(dev.plan, service.urn);
    expect(mine.map((r) => r.type).sort()).toEqual(
      [
        T.autoscale,
        T.diagnostics,
        T.asg,
        T.gateway,
        T.pip,
        T.rule,
        T.rule,
        T.rule,
        T.waf,
        T.identity,
        T.identity,
        T.roleAssignment,
        T.vmss,
        T.workspace,
      ].sort(),
    );
    for (const r of mine) {
      if (r.type === T.roleAssignment || r.type === T.diagnostics) continue; // scoped to their target; no group, no tags
      expect(inputs(r).resourceGroupName, r.name).toBe("core");
      if (r.type === T.rule) continue; // part of a group, no location or tags of its own
      expect(inputs(r).location, r.name).toBe("westeurope");
      expect(inputs(r).tags, r.name).toMatchObject({
        "managed-by": "mlops-kit",
        "mlops-component": "InferenceService",
        "mlops-name": "api",
      });
    }
  });

  it("GIVEN azure.overrides by role WHEN synthesized THEN each child takes its role's values over ours, and the others keep theirs", async () => {
    const s = await synthService({
      azure: {
        keyVaultId: KEY_VAULT_ID,
        overrides: {
          scaleSet: { singlePlacementGroup: false },
          applicationGateway: { enableHttp2: false },
          publicIp: { idleTimeoutInMinutes: 10 },
          autoscale: { enabled: false },
          logWorkspace: { retentionInDays: 90 },
          securityRule: { description: "reviewed" },
        },
      },
    });
    expect(scaleSet(s).singlePlacementGroup).toBe(false);
    expect(gateway(s).enableHttp2).toBe(false);
    expect(inputs(resource(s.plan, T.pip, "api-ip")).idleTimeoutInMinutes).toBe(10);
    expect(inputs(resource(s.plan, T.autoscale, "api-autoscale")).enabled).toBe(false);
    expect(inputs(resource(s.plan, T.workspace, "api-logs")).retentionInDays).toBe(90);
    for (const name of ["api-allow-clients", "api-allow-gateway", "api-deny-network"]) {
      expect(inputs(resource(s.plan, T.rule, name)).description, name).toBe("reviewed");
    }
    expect(gateway(s).sku).toEqual(gateway(dev).sku);
  });

  it("GIVEN the azure cloud WHEN synthesized THEN only azure-native submodules are loaded, never another cloud's SDK nor azure-native's top-level index", () => {
    const loaded = Object.keys(createRequire(`${process.cwd()}/`).cache);
    expect(loaded.some((f) => f.includes("/@pulumi/azure-native/compute/"))).toBe(true);
    expect(loaded.filter((f) => /\/@pulumi\/(aws|gcp)\//.test(f))).toEqual([]);
    expect(loaded.filter((f) => f.endsWith("/@pulumi/azure-native/index.js"))).toEqual([]);
  });
});
