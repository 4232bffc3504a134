import type { Overrides } from "../../core/backend";
import { UnsupportedError } from "../../core/errors";
import { type NameScope, physicalName } from "../../core/naming";
import type { PipelineBase } from "./plan-base";
import type { OVERRIDE_ROLES } from "./spec";

/** `google.subject` holds at most 127 bytes (IAM "Workload identity federation": attribute mappings). */
export const GOOGLE_SUBJECT_MAX_BYTES = 127;
/** Cloud Build triggers fed by the GitHub App (1st gen) live in `global`. */
export const TRIGGER_LOCATION = "global";

export interface GcpBuildPlan {
  /** The build's own least-privilege service account (not Cloud Build's legacy default). */
  serviceAccountId: string;
  /**
   * The deploy triggers' account: only it may roll services out, so the code a push builds and
   * tests (which runs as the build account) cannot reach a stage past its approval.
   */
  deployServiceAccountId: string;
  /** Trigger names: `build` on pushes, one per stage, `retrain` when scheduled. */
  triggerNames: Record<string, string>;
}

export interface GcpPipelinePlan {
  overrides: Overrides<(typeof OVERRIDE_ROLES)["gcp"][number]>;
  poolId: string;
  providerId: string;
  /** Service account id per identity key. */
  serviceAccountIds: Record<string, string>;
  build: GcpBuildPlan | undefined;
  /** Cloud Scheduler runs the retrain trigger as this service account. */
  scheduler: { jobName: string; serviceAccountId: string } | undefined;
}

export function planGcpPipeline(
  p: PipelineBase,
  poolGeneration: number,
  scope: NameScope,
  overrides: GcpPipelinePlan["overrides"],
): GcpPipelinePlan {
  for (const [i, id] of p.identities.entries()) {
    if (Buffer.byteLength(id.subject) > GOOGLE_SUBJECT_MAX_BYTES) {
      const field = id.stage !== undefined ? `stages.${i - 2}.environment` : "repository";
      throw new UnsupportedError(
        "CiCdPipeline",
        p.name,
        "gcp",
        field,
        `the token subject ${id.subject} is ${Buffer.byteLength(id.subject)} bytes; google.subject holds at most ${GOOGLE_SUBJECT_MAX_BYTES}`,
      );
    }
  }
  const serviceAccountIds = Object.fromEntries(p.identities.map((i) => [i.key, physicalName("gcpServiceAccount", [p.name, i.key], scope)]));
  const triggers: [string, string][] = [["build", physicalName("gcpBuildTrigger", [p.name, "build"], scope)]];
  for (const s of p.stages) triggers.push([`deploy-${s.name}`, physicalName("gcpBuildTrigger", [p.name, "deploy", s.name], scope)]);
  if (p.retrain) triggers.push(["retrain", physicalName("gcpBuildTrigger", [p.name, "retrain"], scope)]);
  const build = p.build.cloudNative
    ? {
        serviceAccountId: physicalName("gcpServiceAccount", [p.name, "build"], scope),
        deployServiceAccountId: physicalName("gcpServiceAccount", [p.name, "build-deploy"], scope),
        triggerNames: Object.fromEntries(triggers),
      }
    : undefined;
  return {
    overrides,
    // The generation is in the hash: a destroyed pool's id stays reserved for 30 days.
    poolId: physicalName("gcpWorkloadIdentityPool", [p.name, `g${poolGeneration}`], scope),
    providerId: physicalName("gcpWorkloadIdentityPool", [p.name, "github"], scope),
    serviceAccountIds,
    build,
    scheduler:
      p.retrain && build
        ? {
            jobName: physicalName("gcpProjectResource", [p.name, "retrain"], scope),
            serviceAccountId: physicalName("gcpServiceAccount", [p.name, "scheduler"], scope),
          }
        : undefined,
  };
}
