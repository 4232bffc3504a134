import type { CloudId } from "../../core/cloud";
import { SCHEMA } from "../feature-store/fixtures";
import type { MlopsPlatformArgs, PlatformServiceArgs } from "./spec";

/** Stack settings per cloud for the platform's tests. */
export const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "eu-west-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "europe-west4", "gcp:project": "acme-ml" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "northeurope" },
};

const IMAGES: Record<CloudId, string> = {
  aws: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/models/fraud:2.1.0",
  gcp: "europe-west4-docker.pkg.dev/acme-ml/models/fraud:2.1.0",
  azure: "acmeml.azurecr.io/models/fraud:2.1.0",
};

const KEY_VAULT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/sec/providers/Microsoft.KeyVault/vaults/acme-ml";

/** A model server on `cloud`: TLS as each cloud takes it (a managed certificate, or a Key Vault one). */
export function service(cloud: CloudId, domain: string): PlatformServiceArgs {
  return {
    image: IMAGES[cloud],
    compute: { cpu: 2, memoryGiB: 8 },
    scaling: { min: 1, max: 3 },
    loadBalancer:
      cloud === "azure"
        ? { tls: { certificateId: `https://acme-ml.vault.azure.net/secrets/${domain.split(".")[0]}` } }
        : { tls: { domain } },
    ...(cloud === "azure" ? { azure: { keyVaultId: KEY_VAULT } } : {}),
  };
}

/** Every part, two services, non-default names where a default would hide a hard-coded one. */
export function fullPlatform(cloud: CloudId): MlopsPlatformArgs {
  return {
    tags: { "cost-center": "fraud-team" },
    network: { cidr: "10.20.0.0/16" },
    registry: { name: "registry", models: [{ name: "fraud" }] },
    featureStore: { ...SCHEMA },
    services: { "fraud-api": service(cloud, "fraud.example.com"), "fraud-batch": service(cloud, "batch.example.com") },
    pipeline: { repository: "acme/fraud", build: { model: "fraud" } },
    monitoring: { notifications: { emails: ["oncall@example.com"] } },
    training: {
      pools: [{ name: "gpu", compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } }, min: 0, max: 2, spot: true }],
      teams: [{ name: "research" }, { name: "ops", access: {} }],
    },
  };
}
