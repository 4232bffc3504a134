import type { Trigger } from "@pulumi/gcp/cloudbuild/trigger";
import type { Job } from "@pulumi/gcp/cloudscheduler/job";
import type { WorkloadIdentityPool } from "@pulumi/gcp/iam/workloadIdentityPool";
import type { WorkloadIdentityPoolProvider } from "@pulumi/gcp/iam/workloadIdentityPoolProvider";
import type { Account } from "@pulumi/gcp/serviceaccount/account";

/** The GCP resources of a CiCdPipeline. */
export interface GcpCiCdPipeline {
  pool: WorkloadIdentityPool;
  provider: WorkloadIdentityPoolProvider;
  /** CI service accounts by identity key (`publish`, `preview`, `deploy-<stage>`). */
  serviceAccounts: Record<string, Account>;
  /** Cloud Build, unless `build.cloudNative` is off. */
  build?: {
    serviceAccount: Account;
    /** The deploy triggers' account: the only build account that may roll services out. */
    deployServiceAccount: Account;
    /** `build` (pushes of the branch), `deploy-<stage>` (manual, approval where asked), `retrain`. */
    triggers: Record<string, Trigger>;
    scheduler?: { serviceAccount: Account; job: Job };
  };
}

declare module "../contract" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface CiCdPipelineCloudResources {
    gcp: GcpCiCdPipeline;
  }
}
