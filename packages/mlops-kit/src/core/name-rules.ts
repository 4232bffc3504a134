/**
 * Physical-name rules per cloud resource kind. Sources: AWS "Bucket naming rules" (S3 User Guide),
 * "IAM quotas" (names), ELB "CreateLoadBalancer"/"CreateTargetGroup" API references; Google Cloud
 * "Resource names" (compute naming convention, RFC 1035) and "Bucket naming"; Azure "Naming rules
 * and restrictions for Azure resources" (Microsoft.Storage, Microsoft.KeyVault, ...).
 */
export interface NameRule {
  readonly min: number;
  readonly max: number;
  /** The whole name must match this. */
  readonly pattern: RegExp;
  /** Characters allowed at all; everything else is replaced by `separator` (or dropped). */
  readonly allowed: RegExp;
  /** Joins words; empty when the kind allows no separator (e.g. Azure storage accounts). */
  readonly separator: string;
  readonly lowercase: boolean;
  /**
   * Is the name shared beyond one stack (all of S3; every stack of a GCP project)? Then it ends in
   * a hash of project, stack and words.
   */
  readonly globallyUnique: boolean;
}

const rule = (r: NameRule) => r;

/** RFC 1035 labels (Compute Engine "Resource names"): lowercase letter first, no hyphen last. */
const rfc1035 = (max: number, globallyUnique: boolean): NameRule => ({
  min: 1,
  max,
  pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  allowed: /[a-z0-9-]/,
  separator: "-",
  lowercase: true,
  globallyUnique,
});

/** GCP log bucket ids: letters, digits, `_` and `-` (Cloud Logging "Configure log buckets"). */
const logBucketId = (max: number): NameRule => ({
  min: 1,
  max,
  pattern: /^[A-Za-z0-9_-]+$/,
  allowed: /[A-Za-z0-9_-]/,
  separator: "-",
  lowercase: false,
  globallyUnique: true,
});

/** CloudWatch log group names: 1–512 of `[.\-_/#A-Za-z0-9]` (CreateLogGroup API reference). */
const logGroup = (globallyUnique: boolean): NameRule => ({
  min: 1,
  max: 512,
  pattern: /^[.\-_/#A-Za-z0-9]+$/,
  allowed: /[.\-_/#A-Za-z0-9]/,
  separator: "-",
  lowercase: false,
  globallyUnique,
});

export const NAME_RULES = {
  /** S3 bucket: 3–63, lowercase letters, digits, hyphens; begins and ends alphanumeric; global. */
  awsS3Bucket: rule({
    min: 3,
    max: 63,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    allowed: /[a-z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /** IAM role / policy / instance profile: 1–64 of `\w+=,.@-`. */
  awsIamRole: rule({
    min: 1,
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    allowed: /[\w+=,.@-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /**
   * ALB / target group: 1–32 alphanumerics and hyphens, no hyphen at either end, not starting with
   * `internal-` (ELB "CreateLoadBalancer"/"CreateTargetGroup" API references). Unique per account
   * and region, which every stack deploying there shares: hashed like a global name.
   */
  awsLoadBalancer: rule({
    min: 1,
    max: 32,
    pattern: /^(?!internal-)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: /[A-Za-z0-9-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /** CloudWatch log group names are per account and region, shared by every stack deployed there. */
  awsScopedLogGroup: logGroup(true),
  /** CloudWatch log group: 1–512 of `[.\-_/#A-Za-z0-9]`. */
  awsLogGroup: logGroup(false),
  /** GCP resource (network, subnetwork, router, firewall, ...): RFC 1035, 1–63. */
  gcpResource: rfc1035(63, false),
  /**
   * GCP resource that the project's stacks share a namespace for (network, subnetwork, firewall,
   * health check, forwarding rule, DNS zone, ...): RFC 1035, 1–63 (Compute Engine "Resource
   * names"), ending in a hash of project and stack so that two stacks of one project never collide.
   */
  gcpProjectResource: rfc1035(63, true),
  /**
   * `namePrefix` of an instance template: the provider appends a timestamp and a counter, keeping the
   * whole name unique only for prefixes of at most 37 characters (pulumi-gcp RegionInstanceTemplate
   * `namePrefix`); one character is left for the trailing hyphen.
   */
  gcpTemplatePrefix: rfc1035(36, true),
  /** GCP service account id: 6–30, RFC 1035; shared by the project's stacks. */
  gcpServiceAccount: rule({
    min: 6,
    max: 30,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])$/,
    allowed: /[a-z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /** Base name of a managed instance group's VMs: RFC 1035, 1–58 (GCE appends a suffix). */
  gcpInstanceBaseName: rfc1035(58, false),
  /** GCS bucket: 3–63, lowercase letters, digits, `-` and `_`; begins and ends alphanumeric; global. */
  gcpBucket: rule({
    min: 3,
    max: 63,
    pattern: /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$/,
    allowed: /[a-z0-9_-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /** GCP log bucket id: 1–100 of letters, digits, `_` and `-`; shared by the project's stacks. */
  gcpLogBucket: logBucketId(100),
  /**
   * The part of a GCP log bucket id before the logged resource's numeric id (up to 20 digits and a
   * hyphen): 1–79 of letters, digits, `_` and `-`.
   */
  gcpLogBucketPrefix: logBucketId(79),
  /**
   * CloudWatch alarm, dashboard and AWS budget names: unique per account (and region), which every
   * stack deployed there shares. Alarms take 1–255 characters and dashboards 1–255 of
   * `[A-Za-z0-9-_]` (PutMetricAlarm, PutDashboard API references); budget names take 1–100 without
   * `:` or `\\` (Budgets CreateBudget API reference): the dashboard charset, 100 long, fits all three.
   */
  awsMonitoringName: rule({
    min: 1,
    max: 100,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: /[A-Za-z0-9_-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /**
   * The path segment of a GCP custom metric type (`custom.googleapis.com/mlops/<segment>/...`):
   * metric types take up to 200 characters of letters, digits, `_`, `.`, `/`, `-` (Cloud Monitoring
   * "Rules for user-defined metric types"); one segment is shared by the project's stacks.
   */
  gcpMetricSegment: rule({
    min: 1,
    max: 60,
    pattern: /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$/,
    allowed: /[a-z0-9_-]/,
    separator: "_",
    lowercase: true,
    globallyUnique: true,
  }),
  /**
   * Azure action group short name: 1–12 characters (Action groups "Create an action group":
   * the short name is used in SMS and email subjects).
   */
  azureActionGroupShortName: rule({
    min: 1,
    max: 12,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: /[A-Za-z0-9-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /** Azure resource group: 1–90 of letters, digits, `._-()`, not ending in a period. */
  azureResourceGroup: rule({
    min: 1,
    max: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    allowed: /[-\w.()]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /** Most Azure network resources: 1–80, alphanumeric start, alphanumeric or `_` end, `-._` inside. */
  azureNetwork: rule({
    min: 1,
    max: 80,
    pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/,
    allowed: /[\w.-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /** Azure storage account: 3–24 lowercase letters and digits; global. */
  azureStorageAccount: rule({
    min: 3,
    max: 24,
    pattern: /^[a-z0-9]{3,24}$/,
    allowed: /[a-z0-9]/,
    separator: "",
    lowercase: true,
    globallyUnique: true,
  }),
  /** Azure Key Vault: 3–24, letter first, alphanumeric last, single hyphens; global. */
  azureKeyVault: rule({
    min: 3,
    max: 24,
    pattern: /^[a-zA-Z](-?[a-zA-Z0-9])+$/,
    allowed: /[a-zA-Z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /** Azure Container Registry: 5–50 alphanumerics; global. */
  azureContainerRegistry: rule({
    min: 5,
    max: 50,
    pattern: /^[a-zA-Z0-9]{5,50}$/,
    allowed: /[a-zA-Z0-9]/,
    separator: "",
    lowercase: true,
    globallyUnique: true,
  }),
  /** IAM role that every stack of an account shares a namespace for: 1–64 of `\w+=,.@-` ("IAM quotas"), hashed. */
  awsAccountIamRole: rule({
    min: 1,
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    allowed: /[\w+=,.@-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /** CodeBuild project: 2–150, `[A-Za-z0-9][A-Za-z0-9\-_]{1,149}` (CodeBuild API CreateProject `name`); per account and region. */
  awsCodeBuildProject: rule({
    min: 2,
    max: 150,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,149}$/,
    allowed: /[A-Za-z0-9_-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /** CodePipeline: 1–100 of `[A-Za-z0-9.@\-_]` (CodePipeline API PipelineDeclaration `name`); per account and region. */
  awsCodePipeline: rule({
    min: 1,
    max: 100,
    pattern: /^[A-Za-z0-9.@_-]+$/,
    allowed: /[A-Za-z0-9.@_-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /** CodeConnections connection: 1–32 (CodeConnections API CreateConnection `ConnectionName`); per account. */
  awsConnection: rule({
    min: 1,
    max: 32,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: /[A-Za-z0-9-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /** EventBridge Scheduler schedule: 1–64 of `[0-9a-zA-Z-_.]` (Scheduler API CreateSchedule `Name`); per group. */
  awsSchedule: rule({
    min: 1,
    max: 64,
    pattern: /^[0-9A-Za-z._-]+$/,
    allowed: /[0-9A-Za-z._-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /**
   * Workload identity pool and pool provider ids: 4–32 of `[a-z0-9-]`, not starting with `gcp-`
   * (IAM API projects.locations.workloadIdentityPools.create `workloadIdentityPoolId`); letter first here.
   */
  gcpWorkloadIdentityPool: rule({ ...rfc1035(32, true), min: 4, pattern: /^(?!gcp-)[a-z]([-a-z0-9]*[a-z0-9])?$/ }),
  /**
   * Cloud Build trigger name: 1–64 alphanumerics and dashes, alphanumeric at both ends (Cloud Build
   * API BuildTrigger `name`); unique within the project.
   */
  gcpBuildTrigger: rfc1035(64, true),
  /** User-assigned managed identity: 3–128, alphanumeric first, then `[A-Za-z0-9_-]` (Azure naming rules, Microsoft.ManagedIdentity). */
  azureManagedIdentity: rule({
    min: 3,
    max: 128,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/,
    allowed: /[A-Za-z0-9_-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /** Federated identity credential: 3–120, alphanumeric first, then `[A-Za-z0-9_-]` (Microsoft.ManagedIdentity REST spec). */
  azureFederatedCredential: rule({
    min: 3,
    max: 120,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/,
    allowed: /[A-Za-z0-9_-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /**
   * SageMaker names that are unique per account and region (model package group, MLflow tracking
   * server): `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$` (SageMaker API reference, CreateModelPackageGroup
   * ModelPackageGroupName; tracking server names allow up to 256, the tighter limit is kept).
   */
  awsSageMakerName: rule({
    min: 1,
    max: 63,
    pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/,
    allowed: /[a-zA-Z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /**
   * ECR repository: 2–256, lowercase, `[a-z0-9]+(?:[._-][a-z0-9]+)*` per path segment (ECR
   * CreateRepository API reference); unique per account and region, which stacks share.
   */
  awsEcrRepository: rule({
    min: 2,
    max: 256,
    pattern: /^[a-z0-9]+([._-][a-z0-9]+)*$/,
    allowed: /[a-z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /** Cloud KMS key ring and key names: 1–63 of letters, digits, `_` and `-` (Cloud KMS "Resource naming"). Key rings are never deleted, so the name is hashed. */
  gcpKmsName: logBucketId(63),
  /**
   * Azure ML workspace and registry: 3–33, alphanumeric first, then letters, digits, `_` and `-`
   * (Microsoft.MachineLearningServices naming rules). A soft-deleted workspace keeps its name in
   * its resource group for 14 days, so the name is hashed like a global one.
   */
  azureMlWorkspace: rule({
    min: 3,
    max: 33,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/,
    allowed: /[a-zA-Z0-9_-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /**
   * EKS cluster: 1-100 of letters, digits, `-` and `_`, alphanumeric first (EKS CreateCluster API
   * reference, `name`); unique per account and region, which every stack deployed there shares.
   */
  awsEksCluster: rule({
    min: 1,
    max: 100,
    pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/,
    allowed: /[A-Za-z0-9_-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /** GKE cluster: RFC 1035, 1-40 (GKE "Creating a cluster", name); shared by the project's stacks in a location. */
  gcpCluster: rfc1035(40, true),
  /**
   * SageMaker feature group: 1–64 alphanumerics and hyphens, alphanumeric at both ends
   * (terraform-provider-aws internal/service/sagemaker/feature_group.go `feature_group_name`). Unique
   * per account and region, which every stack deploying there shares: hashed like a global name.
   */
  awsFeatureGroup: rule({
    min: 1,
    max: 64,
    pattern: /^[A-Za-z0-9](-*[A-Za-z0-9]){0,63}$/,
    allowed: /[A-Za-z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /**
   * Glue database: 1–255; lowercase letters, digits and `_` so Athena can query it (Athena "Names
   * for tables, databases, and columns"). Per account and region: hashed.
   */
  awsGlueDatabase: rule({
    min: 1,
    max: 255,
    pattern: /^[a-z0-9]([a-z0-9_]*[a-z0-9])?$/,
    allowed: /[a-z0-9_]/,
    separator: "_",
    lowercase: true,
    globallyUnique: true,
  }),
  /**
   * Vertex AI Feature Store resources (online store, feature group): up to 60 of `[a-z0-9_]`, not
   * starting with a digit (pulumi-gcp AiFeatureOnlineStore `name`). Per project and region: hashed.
   */
  gcpVertexFeatureResource: rule({
    min: 1,
    max: 60,
    pattern: /^[a-z_][a-z0-9_]{0,59}$/,
    allowed: /[a-z0-9_]/,
    separator: "_",
    lowercase: true,
    globallyUnique: true,
  }),
  /** BigQuery dataset id: letters, digits and `_`, at most 1024 (BigQuery "Name datasets"). Per project: hashed. */
  gcpBigQueryDataset: rule({
    min: 1,
    max: 1024,
    pattern: /^[A-Za-z0-9_]+$/,
    allowed: /[a-z0-9_]/,
    separator: "_",
    lowercase: true,
    globallyUnique: true,
  }),
  /** Cloud KMS key ring: 1–63 of letters, digits, `_` and `-` (KeyRing `name`); key rings are never deleted, so hashed. */
  gcpKeyRing: rule({
    min: 1,
    max: 63,
    pattern: /^[a-zA-Z0-9_-]+$/,
    allowed: /[a-z0-9_-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /**
   * Azure Cache for Redis: 1–63 letters, digits and single hyphens, alphanumeric at both ends
   * (Microsoft.Cache naming rules); its host name `<name>.redis.cache.windows.net` is global.
   */
  azureRedis: rule({
    min: 1,
    max: 63,
    pattern: /^[a-z0-9](-?[a-z0-9])*$/,
    allowed: /[a-z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
} as const satisfies Record<string, NameRule>;

export type NameKind = keyof typeof NAME_RULES;
