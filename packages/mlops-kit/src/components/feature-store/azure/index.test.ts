import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { NetworkInfo } from "../../network/info";
import { FeatureStore } from "../component";
import { SCHEMA } from "../fixtures";
import type { FeatureStoreArgs } from "../spec";

const SUB = "00000000-0000-0000-0000-000000000001";
const zone = (z: string) => `/subscriptions/${SUB}/resourceGroups/hub/providers/Microsoft.Network/privateDnsZones/${z}`;
export const AZURE_NETWORK: NetworkInfo = {
  cloud: "azure",
  name: "platform",
  networkId: `/subscriptions/${SUB}/resourceGroups/platform-rg/providers/Microsoft.Network/virtualNetworks/platform`,
  cidr: "10.0.0.0/16",
  region: "westeurope",
  zones: ["1", "2"],
  publicSubnetIds: ["pub"],
  privateSubnetIds: ["/subscriptions/x/private"],
  isolatedSubnetIds: ["iso"],
  reservedCidr: "10.0.192.0/18",
  resourceGroupName: "platform-rg",
  privateDnsZoneIds: Object.fromEntries(["blob", "dfs", "file", "keyVault", "mlApi", "mlNotebooks", "redis"].map((k) => [k, zone(k)])),
};

const config = (profile: string) => ({ "mlops:cloud": "azure", "mlops:profile": profile, "azure-native:location": "westeurope" });
const synthStore = (args: Partial<FeatureStoreArgs> = {}, profile = "dev") =>
  synth(
    () => {
      new FeatureStore("features", {
        ...SCHEMA,
        network: AZURE_NETWORK,
        offline: { retentionDays: 45 },
        sync: { intervalHours: 3 },
        ...args,
      });
    },
    { project: "p", stack: profile, config: config(profile) },
  );

const ML = "azure-native:machinelearningservices";
const SA = "azure-native:storage:StorageAccount";
const PE = "azure-native:network:PrivateEndpoint";

describe("GIVEN a FeatureStore on Azure with a transactions group and an embeddings group", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await synthStore({ access: { readers: ["11111111-2222-3333-4444-555555555555"] } });
  });

  it("THEN the workspace is a private FeatureStore naming its offline and online connections, in a locked-down managed network", () => {
    const ws = resource(p, `${ML}:Workspace`, "features-workspace").inputs;
    expect(ws).toMatchObject({
      kind: "FeatureStore",
      publicNetworkAccess: "Disabled",
      resourceGroupName: "platform-rg",
      featureStoreSettings: {
        computeRuntime: { sparkRuntimeVersion: "3.4" },
        offlineStoreConnectionName: "offline-store",
        onlineStoreConnectionName: "online-store",
      },
    });
    expect((ws.managedNetwork as { isolationMode: string }).isolationMode).toBe("AllowOnlyApprovedOutbound");
    expect(ws.identity).toEqual({
      type: "SystemAssigned,UserAssigned",
      userAssignedIdentities: [expect.stringMatching(/UserAssignedIdentity\/features-materialization$/)],
    });
    expect(Object.keys((ws.managedNetwork as { outboundRules: object }).outboundRules).sort()).toEqual([
      "offline-blob",
      "offline-dfs",
      "online-redis",
    ]);
  });

  it("THEN the workspace's name is valid and changes with the identity, since a deleted workspace's name stays reserved for 14 days", () => {
    const ws = resource(p, `${ML}:Workspace`, "features-workspace");
    expect(String(ws.inputs.workspaceName)).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/);
    expect(ws.propertyDependencies.workspaceName).toEqual([
      resource(p, "azure-native:managedidentity:UserAssignedIdentity", "features-materialization").urn,
    ]);
  });

  it("THEN the offline store is ADLS Gen2, keyless, private, TLS 1.2, encrypted with the vault's key", () => {
    const offline = resource(p, SA, "features-offline").inputs;
    expect(offline).toMatchObject({
      isHnsEnabled: true,
      allowSharedKeyAccess: false,
      allowBlobPublicAccess: false,
      publicNetworkAccess: "Disabled",
      minimumTlsVersion: "TLS1_2",
      networkRuleSet: { defaultAction: "Deny" },
      encryption: { keySource: "Microsoft.Keyvault", requireInfrastructureEncryption: true },
    });
    expect(String(offline.accountName)).toMatch(/^[a-z0-9]{3,24}$/);
    expect(resource(p, SA, "features-workspace").inputs.isHnsEnabled).toBe(false);
  });

  it("THEN the vault uses RBAC and purge protection and is private", () => {
    expect(resource(p, "azure-native:keyvault:Vault", "features-vault").inputs.properties).toMatchObject({
      enableRbacAuthorization: true,
      enablePurgeProtection: true,
      publicNetworkAccess: "Disabled",
    });
  });

  it("THEN Redis serves TLS 1.2 only, with the plain port and public access off, behind a private endpoint in the redis zone", () => {
    expect(resource(p, "azure-native:redis:Redis", "features-online").inputs).toMatchObject({
      enableNonSslPort: false,
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
    });
    const group = resource(p, "azure-native:network:PrivateDnsZoneGroup", "features-redis").inputs;
    expect(group.privateDnsZoneConfigs).toEqual([{ name: "redis", privateDnsZoneId: zone("redis") }]);
  });

  it("THEN every store has a private endpoint in the network's private tier", () => {
    const endpoints = resourcesOfType(p, PE);
    expect(endpoints.map((e) => e.name).sort()).toEqual(
      ["offline-blob", "offline-dfs", "redis", "vault", "workspace", "workspace-blob", "workspace-file"].map((n) => `features-${n}`).sort(),
    );
    for (const e of endpoints) expect(e.inputs.subnet).toMatchObject({ id: "/subscriptions/x/private" });
  });

  it("THEN each entity is a container and a version with its index columns", () => {
    const v = resource(p, `${ML}:FeaturestoreEntityVersion`, "features-entity-customer").inputs;
    expect((v.properties as { indexColumns: unknown }).indexColumns).toEqual([{ columnName: "customer_id", dataType: "String" }]);
    expect(String(v.version)).toMatch(/^v[a-z0-9]{6}$/);
  });

  it("THEN each group's FeatureSetSpec.yaml is generated from the schema and uploaded where its version points", () => {
    const blob = resource(p, "azure-native:storage:Blob", "features-transactions-spec").inputs;
    const spec = parse(String((blob.source as { asset: { text: string } }).asset.text));
    expect(spec.features).toEqual([
      { name: "txn_count_7d", type: "long" },
      { name: "txn_amount_7d", type: "double" },
      { name: "is_premium", type: "boolean" },
      { name: "last_txn_at", type: "datetime" },
      { name: "home_country", type: "string" },
    ]);
    expect(spec.index_columns).toEqual([{ name: "customer_id", type: "string" }]);
    expect(spec.source).toMatchObject({ type: "parquet", timestamp_column: { name: "computed_at" } });
    expect(spec.source.path).toMatch(/^abfss:\/\/offline@.*\.dfs\.core\.windows\.net\/sources\/transactions\/$/);
    expect(spec.temporal_join_lookback).toEqual({ days: 7, hours: 0, minutes: 0 });
    const version = resource(p, `${ML}:FeaturesetVersion`, "features-transactions").inputs.properties as {
      specification: { path: string };
      materializationSettings: object;
    };
    expect(String(blob.blobName)).toBe(`${String(version.specification.path).replace(/^abfss:\/\/[^/]+\//, "")}FeatureSetSpec.yaml`);
    expect(version.materializationSettings).toMatchObject({
      storeType: "OnlineAndOffline",
      schedule: { triggerType: "Recurrence", frequency: "Hour", interval: 3 },
      resource: { instanceType: "standard_e8s_v3" },
      sparkConfiguration: {
        "spark.driver.cores": "4",
        "spark.driver.memory": "36g",
        "spark.executor.cores": "4",
        "spark.executor.memory": "36g",
        "spark.executor.instances": "2",
      },
    });
  });

  it("THEN the materialization identity gets AzureML Data Scientist, Blob Data Contributor and Redis Cache Contributor, the reader its two roles, and the deployer Blob Data Contributor to upload specs", () => {
    const roles = resourcesOfType(p, "azure-native:authorization:RoleAssignment").map((r) =>
      String(r.inputs.roleDefinitionId).split("/").pop(),
    );
    expect(roles.sort()).toEqual(
      [
        "e147488a-f6f5-4113-8e2d-b22465e65bf6",
        "f6c7c914-8db3-469d-8ca1-694a8f32e121",
        "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        "e0f68234-74aa-48ed-b826-c38b57376e17",
        "f6c7c914-8db3-469d-8ca1-694a8f32e121",
        "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
      ].sort(),
    );
  });

  it("THEN the storage accounts' identity may unwrap the one key, not every key of the vault", () => {
    const keyUser = resource(p, "azure-native:authorization:RoleAssignment", "features-key-user");
    expect(keyUser.propertyDependencies.scope).toEqual([resource(p, "azure-native:keyvault:Key", "features-key").urn]);
  });

  it("THEN the deployer may write the offline container only, before any spec is uploaded", () => {
    const uploader = resource(p, "azure-native:authorization:RoleAssignment", "features-spec-uploader");
    expect(uploader.inputs.principalId).toBe("00000000-0000-0000-0000-000000000002");
    expect(uploader.propertyDependencies.scope).toEqual([resource(p, "azure-native:storage:BlobContainer", "features-offline").urn]);
    expect(String(uploader.inputs.roleDefinitionId)).toMatch(/\/ba92f5b4-2d11-453d-a403-e96b0029c9fe$/);
    expect(uploader.inputs.principalType).toBe("ServicePrincipal");
    const blob = resource(p, "azure-native:storage:Blob", "features-transactions-spec");
    expect(blob.dependsOn).toContain(uploader.urn);
  });

  it("THEN a bare reader id is granted as a service principal (the SDK would send User, which Azure refuses for an identity)", () => {
    for (const name of ["features-reader-0-workspace", "features-reader-0-offline"]) {
      const grant = resource(p, "azure-native:authorization:RoleAssignment", name).inputs;
      expect(grant).toMatchObject({ principalId: "11111111-2222-3333-4444-555555555555", principalType: "ServicePrincipal" });
    }
  });
});

describe("GIVEN Azure readers and writers named as a user and a group", () => {
  it("THEN each grant states the principal's own type and its bare object id", async () => {
    const p = await synthStore({
      access: { readers: ["user:aaaaaaaa-0000-0000-0000-000000000001"], writers: ["group:bbbbbbbb-0000-0000-0000-000000000002"] },
    });
    const ra = (name: string) => resource(p, "azure-native:authorization:RoleAssignment", name).inputs;
    expect(ra("features-reader-0-offline")).toMatchObject({ principalId: "aaaaaaaa-0000-0000-0000-000000000001", principalType: "User" });
    expect(ra("features-reader-0-workspace")).toMatchObject({ principalId: "aaaaaaaa-0000-0000-0000-000000000001", principalType: "User" });
    expect(ra("features-writer-0-offline")).toMatchObject({ principalId: "bbbbbbbb-0000-0000-0000-000000000002", principalType: "Group" });
  });
});

describe("GIVEN the prod profile on Azure", () => {
  it("THEN stores are retained and Redis is Premium", async () => {
    const p = await synthStore({}, "prod");
    expect(resource(p, `${ML}:Workspace`, "features-workspace").retainOnDelete).toBe(true);
    expect(resource(p, SA, "features-offline").retainOnDelete).toBe(true);
    expect(resource(p, "azure-native:redis:Redis", "features-online").inputs.sku).toEqual({ name: "Premium", family: "P", capacity: 1 });
  });
});

describe("GIVEN a FeatureStore on Azure with a 40-character name", () => {
  it("THEN every physical name fits its Azure rule, private endpoints with the provider's 8-character suffix too", async () => {
    const name = "a".repeat(20) + "-" + "b".repeat(19);
    const p = await synth(
      () => {
        new FeatureStore(name, { ...SCHEMA, network: AZURE_NETWORK });
      },
      { project: "p", stack: "dev", config: config("dev") },
    );
    for (const sa of resourcesOfType(p, SA)) expect(String(sa.inputs.accountName)).toMatch(/^[a-z0-9]{3,24}$/);
    expect(String(resource(p, "azure-native:keyvault:Vault", `${name}-vault`).inputs.vaultName)).toMatch(
      /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/,
    );
    expect(String(resource(p, `${ML}:Workspace`, `${name}-workspace`).inputs.workspaceName)).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/);
    expect(String(resource(p, "azure-native:redis:Redis", `${name}-online`).inputs.name)).toMatch(
      /^[a-zA-Z0-9](?!.*--)[a-zA-Z0-9-]{0,61}[a-zA-Z0-9]$/,
    );
    for (const pe of resourcesOfType(p, PE)) expect(pe.name.length + 8).toBeLessThanOrEqual(64);
  });
});
