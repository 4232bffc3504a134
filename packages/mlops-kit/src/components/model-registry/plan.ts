import { byCloud, type CloudId, type Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError, type SpecIssue, UnsupportedError } from "../../core/errors";
import type { Tags } from "../../core/tags";
import type { TrackingSize } from "./args";
import { REGISTRY_PROFILE_DEFAULTS } from "./defaults";
import { type AwsRegistryPlan, planAwsRegistry } from "./plan-aws";
import { type AzureRegistryPlan, planAzureRegistry } from "./plan-azure";
import { type GcpRegistryPlan, planGcpRegistry } from "./plan-gcp";
import type { ModelRegistrySpec } from "./spec";

// The neutral plan of a ModelRegistry: retention, safety and access every cloud shares; each
// cloud's names and limits live in plan-<cloud>.ts.

export const TYPE = "ModelRegistry";
export { REGISTRY_PROFILE_DEFAULTS } from "./defaults";

export interface ModelPlan {
  name: string;
  description: string;
  tags: Tags;
  /** What the model is on the chosen cloud: AWS model package group name; GCP Vertex AI display name; Azure ML model name. */
  registryName: string;
}

export interface AccessPlan {
  writers: string[];
  approvers: string[];
  readers: string[];
  shareWith: string[];
}

export interface ModelRegistryPlan {
  name: string;
  cloud: CloudId;
  profile: Profile;
  models: ModelPlan[];
  tracking: { enabled: boolean; size: TrackingSize };
  artifacts: { noncurrentVersionDays: number };
  images: { immutableTags: boolean; untaggedExpiryDays: number };
  stages: string[];
  approval: { required: boolean };
  access: AccessPlan;
  /** Deletion protection on the stateful resources. */
  deletionProtection: boolean;
  /** Keep stateful resources when the stack is destroyed (`retainOnDelete`). */
  retain: boolean;
  /** Let `pulumi destroy` empty the bucket and repository (dev). */
  forceDestroy: boolean;
  tags: Tags;
  aws: AwsRegistryPlan;
  gcp: GcpRegistryPlan;
  azure: AzureRegistryPlan;
}

/** Every decision about the registry that can be made before anything is registered. Pure. */
export function planModelRegistry(name: string, spec: ModelRegistrySpec, ctx: DeployContext): ModelRegistryPlan {
  const defaults = REGISTRY_PROFILE_DEFAULTS[ctx.profile];
  const access: AccessPlan = {
    writers: spec.access.writers ?? [],
    approvers: spec.access.approvers ?? [],
    readers: spec.access.readers ?? [],
    shareWith: spec.access.shareWith ?? [],
  };
  checkPrincipals(name, ctx.cloud, access);
  if (ctx.cloud === "aws") checkAwsStages(name, spec.stages);
  const deletionProtection = spec.deletionProtection ?? defaults.deletionProtection;
  const aws = planAwsRegistry(name, spec, ctx);
  const gcp = planGcpRegistry(name, spec, ctx);
  const azure = planAzureRegistry(name, spec, ctx, access.shareWith.length > 0);
  const registryName = (model: string) =>
    byCloud(ctx.cloud, {
      aws: aws.modelPackageGroupNames[model] ?? model,
      gcp: `${name}-${model}`,
      azure: model,
    });
  return {
    name,
    cloud: ctx.cloud,
    profile: ctx.profile,
    models: spec.models.map((m) => ({
      name: m.name,
      description: m.description ?? `Versions of model ${m.name} in registry ${name}`,
      tags: { ...ctx.tags, ...m.tags },
      registryName: registryName(m.name),
    })),
    tracking: { enabled: spec.tracking.enabled, size: spec.tracking.size },
    artifacts: { noncurrentVersionDays: spec.artifacts.noncurrentVersionDays ?? defaults.noncurrentVersionDays },
    images: {
      immutableTags: spec.images.immutableTags,
      untaggedExpiryDays: spec.images.untaggedExpiryDays ?? defaults.untaggedExpiryDays,
    },
    stages: spec.stages,
    approval: { required: spec.approval.required },
    access,
    deletionProtection,
    retain: defaults.retain,
    // Emptying a bucket or repository on destroy is only safe where nothing is kept.
    forceDestroy: !deletionProtection && !defaults.retain,
    tags: ctx.tags,
    aws,
    gcp,
    azure,
  };
}

const AWS_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/([\w+=,.@/-]*\/)?[\w+=,.@-]{1,64}$/;
const AWS_ACCOUNT = /^\d{12}$/;
const GCP_MEMBER = /^(user|serviceAccount|group|domain|principal|principalSet):\S+$/;
const AZURE_PRINCIPAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shape each cloud's principals take; named for the error message. */
const PRINCIPAL_SHAPES: Record<CloudId, { principal: [RegExp, string]; shared: [RegExp, string] }> = {
  aws: {
    principal: [
      AWS_ROLE_ARN,
      "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>): policies are attached to the role by its name",
    ],
    shared: [AWS_ACCOUNT, "must be an AWS account id (12 digits)"],
  },
  gcp: {
    principal: [GCP_MEMBER, "must be an IAM member (serviceAccount:..., group:..., user:..., principal:...)"],
    shared: [GCP_MEMBER, "must be an IAM member of the other project (serviceAccount:..., group:...)"],
  },
  azure: {
    principal: [AZURE_PRINCIPAL, "must be a principal (object) id, a GUID"],
    shared: [AZURE_PRINCIPAL, "must be a principal (object) id, a GUID"],
  },
};

/** Principals are the cloud's own, so their shape is checked once the cloud is known. */
function checkPrincipals(name: string, cloud: CloudId, access: AccessPlan): void {
  const shapes = PRINCIPAL_SHAPES[cloud];
  const issues: SpecIssue[] = [];
  for (const field of ["writers", "approvers", "readers", "shareWith"] as const) {
    const [pattern, message] = field === "shareWith" ? shapes.shared : shapes.principal;
    access[field].forEach((p, i) => {
      if (!pattern.test(p)) issues.push({ path: `access.${field}.${i}`, message: `(${JSON.stringify(p)}) ${message}` });
    });
  }
  if (issues.length > 0) throw new SpecError(TYPE, name, issues);
  if (cloud === "gcp" && access.approvers.length > 0) {
    throw new UnsupportedError(
      TYPE,
      name,
      "gcp",
      "access.approvers",
      "Vertex AI Model Registry permissions (aiplatform.models.update) can only be granted on the project, not on one model; grant roles/aiplatform.user to approvers on the project yourself",
    );
  }
}

/** SageMaker tag values hold at most 256 characters (API Tag); each group records the stages in one. */
export const AWS_TAG_VALUE_MAX = 256;

/** The stages, joined by `/`, become the `mlops-stages` tag of every model package group. */
function checkAwsStages(name: string, stages: string[]): void {
  const value = stages.join("/");
  if (value.length <= AWS_TAG_VALUE_MAX) return;
  throw new SpecError(TYPE, name, [
    {
      path: "stages",
      message: `are ${value.length} characters joined by "/": a SageMaker tag value holds at most ${AWS_TAG_VALUE_MAX}; use fewer or shorter stages`,
    },
  ]);
}
