import * as z from "zod/mini";
import { REPOSITORY } from "../../mlops-kit/src/components/cicd-pipeline/spec";
import { MODEL_NAME, MODEL_NAME_MAX } from "../../mlops-kit/src/components/model-registry/spec";
import { BILLING_ACCOUNT, EMAIL } from "../../mlops-kit/src/components/monitoring/spec";
import { MAX_PREFIX, MIN_PREFIX, mlopsVpcSchema } from "../../mlops-kit/src/components/network/spec";
import { GPU_TYPES } from "../../mlops-kit/src/core/catalog/gpu";
import { CLOUD_IDS, PROFILES } from "../../mlops-kit/src/core/cloud";
import { TAG_LIMITS } from "../../mlops-kit/src/core/tags";

/**
 * The JSON Schema of a `Pulumi.<stack>.yaml` of an mlops-kit platform: the `mlops:` settings and the
 * cloud provider's settings the library reads, and the `platform:` settings stacks/platform.ts reads.
 * Choice sets and defaults come from the library (its const objects and zod specs); what a zod
 * refinement checks (a CIDR's prefix, say) is written here as a pattern, and checked again by
 * the spec when the stack is planned.
 */

type JsonSchema = Record<string, unknown>;

/** A stack setting may be given in clear or encrypted (`{ secure: ... }`, `pulumi config set --secret`). */
const orSecure = (schema: JsonSchema): JsonSchema => ({
  anyOf: [schema, { type: "object", properties: { secure: { type: "string" } }, required: ["secure"], additionalProperties: false }],
});

/** A zod field's input schema, its description and default kept, as editors show them. */
function fromZod(field: unknown, description: string): JsonSchema {
  const json = z.toJSONSchema(field as z.ZodMiniType, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const { $schema: _, ...rest } = json;
  return { ...rest, description };
}

const CIDR_PATTERN = "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}/([1-9]|[12]\\d|3[0-2])$";
const TAG_VALUE_MAX = Math.min(...Object.values(TAG_LIMITS).map((l) => l.value));

/** The `mlops:` settings the library reads (core/cloud.ts). */
function mlopsSettings(): Record<string, JsonSchema> {
  return {
    "mlops:cloud": { type: "string", enum: [...CLOUD_IDS], description: "The cloud the components deploy to (core/cloud.ts)." },
    "mlops:profile": {
      type: "string",
      enum: [...PROFILES],
      default: "dev",
      description: "dev or prod: defaults for availability, retention and safety (prod: deletion protection, retainOnDelete).",
    },
  };
}

/** The providers' settings the library reads for the region (core/context.ts), and the GCP project. */
function providerSettings(): Record<string, JsonSchema> {
  return {
    // AWS region names: "Regions and Zones", AWS General Reference (us-east-1, us-gov-west-1, ...).
    "aws:region": { type: "string", pattern: "^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d$", description: "The AWS region." },
    // Project IDs: 6 to 30 lowercase letters, digits or hyphens, starting with a letter
    // (Google Cloud "Creating and managing projects").
    "gcp:project": { type: "string", pattern: "^[a-z][a-z0-9-]{4,28}[a-z0-9]$", description: "The Google Cloud project id." },
    "gcp:region": { type: "string", pattern: "^[a-z]+-[a-z]+\\d+$", description: "The Google Cloud region, e.g. us-central1." },
    "azure-native:location": {
      type: "string",
      pattern: "^[a-z0-9]+$",
      description: "The Azure location, e.g. eastus2 (lowercase, no spaces).",
    },
  };
}

/** The settings stacks/platform.ts reads (`new pulumi.Config("platform")`): a declared list, kept in step by a test. */
export const PLATFORM_SETTINGS = [
  "cidr",
  "costCenter",
  "gpu",
  "image",
  "domain",
  "certificateId",
  "keyVaultId",
  "featureRetentionDays",
  "alertEmail",
  "monthlyBudget",
  "billingAccount",
  "repository",
  "model",
  "retrainSchedule",
  "oidcProviderArn",
  "trainingGpu",
  "trainingGpuNodes",
  "trainingVersion",
] as const;

/**
 * A number read with `config.getNumber`: a YAML number, or the string `pulumi config set` writes.
 * The bounds are the spec's, checked again when the stack is planned.
 */
function numberSetting(minimum: number, maximum: number, integer: boolean, description: string): JsonSchema {
  return {
    anyOf: [
      { type: integer ? "integer" : "number", minimum, maximum },
      { type: "string", pattern: integer ? "^[0-9]+$" : "^[0-9]+(\\.[0-9]+)?$" },
    ],
    description,
  };
}

/** The platform's delivery, monitoring, features and training settings (CiCdPipeline, MonitoringStack, FeatureStore, TrainingCluster). */
function componentSettings() {
  return {
    // FeatureStore spec: offline.retentionDays is 1 to 3650.
    featureRetentionDays: numberSetting(
      1,
      3650,
      true,
      "Days the offline feature store keeps rows (FeatureStore offline.retentionDays; default 90 in dev, 730 in prod).",
    ),
    alertEmail: {
      type: "string",
      pattern: EMAIL.source,
      description: "Who the monitoring stack alerts (MonitoringStack notifications.emails).",
    },
    // MonitoringStack spec: budget.monthlyAmount is 1 to 1,000,000,000.
    monthlyBudget: numberSetting(
      1,
      1_000_000_000,
      false,
      "The monthly budget in the billing currency (MonitoringStack budget.monthlyAmount; default 1000).",
    ),
    billingAccount: {
      type: "string",
      pattern: BILLING_ACCOUNT.source,
      description: "GCP: the billing account the budget watches, e.g. 012345-6789AB-CDEF01 (MonitoringStack gcp.billingAccount).",
    },
    repository: {
      type: "string",
      pattern: REPOSITORY.source,
      description: "The GitHub repository the delivery trusts, owner/name (CiCdPipeline repository; default acme/ml-platform).",
    },
    model: {
      type: "string",
      pattern: MODEL_NAME.source,
      maxLength: MODEL_NAME_MAX,
      description: "The model the delivery registers: one the platform's registry declares, sentiment or churn (CiCdPipeline build.model).",
    },
    retrainSchedule: {
      type: "string",
      pattern: "^\\S+(\\s+\\S+){4}$",
      description:
        "When retraining runs: five-field cron in UTC with day names, e.g. 0 3 * * MON (CiCdPipeline retrain.schedule; the spec checks each field).",
    },
    oidcProviderArn: {
      type: "string",
      pattern: "^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$",
      description:
        "AWS: the account's GitHub OIDC provider, when another stack of the account created it (CiCdPipeline aws.oidcProviderArn); absent: this stack creates it.",
    },
    trainingGpu: {
      type: "string",
      enum: [...GPU_TYPES],
      description: "The GPU of the training pool's nodes (TrainingCluster pools[].compute.gpu.type; default t4).",
    },
    // TrainingCluster spec: pools[].max is 1 to 1000 (EKS nodes per managed node group).
    trainingGpuNodes: numberSetting(
      1,
      1000,
      true,
      "The most GPU nodes the training pool scales to (TrainingCluster pools[].max; default 2).",
    ),
    // TrainingCluster spec: version is a Kubernetes minor version, 1.30 to 1.39.
    trainingVersion: {
      type: "string",
      pattern: "^1\\.(3[0-9])$",
      description:
        "The training cluster's Kubernetes minor version (TrainingCluster version; default the library's, 1.35). EKS and AKS move one minor version per update: a cluster on an older version steps through each.",
    },
  };
}

function platformSettings(): Record<string, JsonSchema> {
  const cidr = fromZod(
    (mlopsVpcSchema as unknown as { shape: { cidr: unknown } }).shape.cidr,
    `The network's address range, a /${MIN_PREFIX} to /${MAX_PREFIX} (MlopsVpc cidr).`,
  );
  const settings: Record<(typeof PLATFORM_SETTINGS)[number], JsonSchema> = {
    cidr: { ...cidr, pattern: CIDR_PATTERN },
    costCenter: {
      type: "string",
      minLength: 1,
      maxLength: TAG_VALUE_MAX,
      description: "The cost-center tag on every resource (default ml-platform).",
    },
    gpu: {
      type: "string",
      enum: [...GPU_TYPES],
      description: "A GPU per model server (InferenceService compute.gpu.type); absent: CPU only.",
    },
    image: { type: "string", minLength: 1, description: "The model server's container image (InferenceService image)." },
    domain: {
      type: "string",
      pattern: "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$",
      description: "The API's domain: a managed certificate on AWS and GCP.",
    },
    certificateId: { type: "string", minLength: 1, description: "Azure: the Key Vault secret id of the API's TLS certificate." },
    keyVaultId: {
      type: "string",
      pattern: "^/subscriptions/",
      description: "Azure: the Key Vault holding the certificate (its resource id).",
    },
    ...componentSettings(),
  };
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [`platform:${k}`, orSecure(v)]));
}

/** Which provider settings each cloud needs. */
const REQUIRED_BY_CLOUD: Record<string, string[]> = {
  aws: ["aws:region"],
  gcp: ["gcp:project", "gcp:region"],
  azure: ["azure-native:location"],
};

/** The schema for `Pulumi.<stack>.yaml`. */
export function stackConfigSchema(): JsonSchema {
  const settings = { ...mlopsSettings(), ...providerSettings(), ...platformSettings() };
  const known = Object.keys(settings);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Pulumi.<stack>.yaml of an mlops-kit platform",
    description: "Generated by `mlops schema`; do not edit. Settings of other namespaces are allowed and not checked.",
    type: "object",
    properties: {
      config: {
        type: "object",
        properties: settings,
        required: ["mlops:cloud"],
        // A misspelt mlops: or platform: setting would be silently ignored by the program: refuse it.
        propertyNames: { anyOf: [{ enum: known }, { not: { pattern: "^(mlops|platform):" } }] },
        allOf: Object.entries(REQUIRED_BY_CLOUD).map(([cloud, required]) => ({
          if: { properties: { "mlops:cloud": { const: cloud } }, required: ["mlops:cloud"] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword
          then: { required },
        })),
      },
      secretsprovider: { type: "string" },
      encryptedkey: { type: "string" },
      encryptionsalt: { type: "string" },
      environment: { type: ["array", "object"] },
    },
    additionalProperties: false,
  };
}
