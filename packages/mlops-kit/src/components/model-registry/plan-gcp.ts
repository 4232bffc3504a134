import type { Overrides } from "../../core/backend";
import type { DeployContext } from "../../core/context";
import { physicalName } from "../../core/naming";
import type { OVERRIDE_ROLES } from "./args";
import type { ModelRegistrySpec } from "./spec";

/** GCS soft delete keeps deleted objects 7 to 90 days (Cloud Storage "Soft delete"). */
export const GCS_SOFT_DELETE_SECONDS = { dev: 7 * 86400, prod: 90 * 86400 } as const;

/** The metadata store the Vertex AI SDK uses: one per project and region. */
export const VERTEX_METADATA_STORE = "default";

export interface GcpRegistryPlan {
  /** The bucket's name before its hash is redone over the project (global GCS namespace). */
  bucketName: string;
  /** Artifact Registry repository id: lowercase letters, digits, hyphens, letter first, at most 63. */
  repositoryId: string;
  /** Key rings and keys can never be deleted in Cloud KMS, so their names are hashed per stack. */
  keyRingName: string;
  keyName: string;
  /**
   * Vertex AI Experiments and pipelines write to the region's `default` metadata store only; a
   * store under another id would be encrypted and unused ("Configure your project's metadata store").
   */
  metadataStoreId: typeof VERTEX_METADATA_STORE;
  tensorboardName: string;
  softDeleteSeconds: number;
  /** Key rotation period (Cloud KMS: at least one day); 90 days. */
  keyRotationPeriod: string;
  /** `PREVENT` in prod: a delete fails in the provider before reaching the API; `DELETE` in dev. */
  deletionPolicy: "PREVENT" | "DELETE";
  overrides: Overrides<(typeof OVERRIDE_ROLES.gcp)[number]>;
}

export function planGcpRegistry(name: string, spec: ModelRegistrySpec, ctx: DeployContext): GcpRegistryPlan {
  const protect = spec.deletionProtection ?? ctx.profile === "prod";
  // Cloud KMS keeps every key ring and key forever: a rebuilt stack takes a new generation's names.
  const keyRingGeneration = spec.gcp?.keyRingGeneration ?? 0;
  const generation = keyRingGeneration > 0 ? [`g${keyRingGeneration}`] : [];
  return {
    bucketName: physicalName("gcpBucket", [name, "models"], ctx.scope),
    repositoryId: physicalName("gcpProjectResource", [name, "images"], ctx.scope),
    keyRingName: physicalName("gcpKmsName", [name, "registry", ...generation], ctx.scope),
    keyName: physicalName("gcpKmsName", [name, "registry-key", ...generation], ctx.scope),
    metadataStoreId: VERTEX_METADATA_STORE,
    tensorboardName: `${name}-runs`,
    softDeleteSeconds: GCS_SOFT_DELETE_SECONDS[ctx.profile],
    keyRotationPeriod: `${90 * 86400}s`,
    deletionPolicy: protect ? "PREVENT" : "DELETE",
    overrides: (spec.gcp?.overrides ?? {}) as GcpRegistryPlan["overrides"],
  };
}
