import type * as pulumi from "@pulumi/pulumi";
import type { PassThroughArgs } from "../../core/backend";
import type { GpuType } from "../../core/catalog/gpu";
import type { Cloud, Profile } from "../../core/cloud";
import type { RegistryInfo } from "../model-registry/info";
import type { NetworkInfo } from "../network/info";

// The public arguments of an InferenceService: what a user writes, documented field by field.
// spec.ts validates them (the zod schema) and re-exports them.

/** Who can reach the load balancer. */
export const LoadBalancerScheme = {
  /** Reachable from the internet (limited by `allowedCidrs`). */
  public: "public",
  /** Reachable only from inside the network (and what is peered with it). */
  internal: "internal",
} as const;
export type LoadBalancerScheme = (typeof LoadBalancerScheme)[keyof typeof LoadBalancerScheme];

/** How the load balancer spreads requests over instances. */
export const LoadBalancingAlgorithm = {
  roundRobin: "roundRobin",
  /** To the instance with the fewest outstanding requests (least connections). */
  leastRequests: "leastRequests",
} as const;
export type LoadBalancingAlgorithm = (typeof LoadBalancingAlgorithm)[keyof typeof LoadBalancingAlgorithm];

/** A GPU request. */
export interface GpuArgs {
  /** The GPU model. */
  type: GpuType;
  /** GPUs per instance. @default 1 */
  count?: number | undefined;
}

/** A neutral machine size; each cloud resolves it to its cheapest instance type that fits. */
export interface ComputeArgs {
  /** vCPUs per instance, at least. */
  cpu: number;
  /** Memory per instance in GiB, at least. */
  memoryGiB: number;
  /** GPUs per instance. @default none */
  gpu?: GpuArgs | undefined;
}

/** Spot (preemptible) capacity. */
export interface SpotArgs {
  /** Run on spot capacity above the on-demand base. @default false */
  enabled?: boolean | undefined;
  /** Instances always kept on demand, whatever spot does. @default 0 in dev, 1 in prod */
  onDemandBase?: number | undefined;
}

/** How the group scales. */
export interface ScalingArgs {
  /** Fewest instances. @default 1 in dev, 2 in prod */
  min?: number | undefined;
  /** Most instances. @default 3 in dev, 10 in prod (and at least `min`) */
  max?: number | undefined;
  /** Average CPU utilisation the group is scaled to hold. @default 50 */
  targetCpuPercent?: number | undefined;
  /**
   * Also scale on requests per instance per minute (where the cloud can). On AWS with a GPU, the
   * group scales on requests only: CPU says little about a GPU server.
   * @default off; 60 on AWS with a GPU
   */
  targetRequestsPerInstance?: number | undefined;
  /**
   * Seconds to wait after scaling out before scaling again (Azure). AWS target tracking has no
   * scale-out cooldown: a new instance counts once the group's warm-up (`healthCheck.gracePeriodSeconds`)
   * has passed, and the value is ignored there. GCP's autoscaler has none either: setting this on
   * GCP is refused. @default 60 (not on GCP)
   */
  scaleOutCooldownSeconds?: number | undefined;
  /**
   * Seconds to wait before scaling in (GCP: the autoscaler's stabilization period; AWS target
   * tracking has no scale-in cooldown and ignores it). @default 300
   */
  scaleInCooldownSeconds?: number | undefined;
}

/** How the load balancer and the group decide an instance is healthy. */
export interface HealthCheckArgs {
  /** HTTP path that answers 200 when the model is ready. @default "/health" */
  path?: string | undefined;
  /** Seconds between checks. @default 15 */
  intervalSeconds?: number | undefined;
  /** Seconds before a check counts as failed; less than the interval. @default 5 */
  timeoutSeconds?: number | undefined;
  /** Consecutive passes before an instance takes traffic. @default 2 */
  healthyThreshold?: number | undefined;
  /** Consecutive failures before an instance is taken out (and replaced). @default 3 */
  unhealthyThreshold?: number | undefined;
  /** Seconds a new instance gets to boot and load its model before checks count. @default 300, 600 with a GPU */
  gracePeriodSeconds?: number | undefined;
}

/** Session persistence with a load balancer cookie. */
export interface StickinessArgs {
  /** Send a client's requests to the same instance. @default false */
  enabled?: boolean | undefined;
  /**
   * How long the cookie lasts. Application Gateway's affinity cookie is a session cookie, so on
   * Azure setting it is refused. @default 3600 (AWS, GCP)
   */
  durationSeconds?: number | undefined;
}

/** Load balancer access logs. */
export interface AccessLogsArgs {
  /** Record every request. @default true */
  enabled?: boolean | undefined;
  /** Days to keep them. @default 30 in dev, 365 in prod */
  retentionDays?: number | undefined;
}

/** HTTPS termination at the load balancer. */
export interface TlsArgs {
  /**
   * Serve HTTPS. Turning it off serves plain HTTP, which is refused in the prod profile.
   * @default true
   */
  enabled?: boolean | undefined;
  /**
   * The host name clients call, and on AWS and GCP the domain to get a managed certificate for
   * (AWS ACM, Google-managed). Azure has no managed certificates: there it comes with a Key Vault
   * `certificateId` for this domain, and the URL becomes `https://<domain>`.
   */
  domain?: string | undefined;
  /** An existing certificate instead: an ACM ARN, a GCP SSL certificate id, or an Azure Key Vault secret id. */
  certificateId?: pulumi.Input<string> | undefined;
  /** Answer plain HTTP with a redirect to HTTPS. @default true */
  redirectHttp?: boolean | undefined;
}

/** How a web application firewall answers a request that matches a rule. */
export const WafMode = {
  /** Block the request (403). */
  prevention: "prevention",
  /** Let it through and log the match: for tuning rules before they block. */
  detection: "detection",
} as const;
export type WafMode = (typeof WafMode)[keyof typeof WafMode];

/**
 * A web application firewall in front of the service, with the cloud's managed rules for common
 * attacks (OWASP CRS): AWS WAF web ACL with AWS managed rule groups, a Cloud Armor policy with
 * Google's preconfigured WAF rules, an Application Gateway WAF policy.
 */
export interface WafArgs {
  /** Inspect requests with the managed rules. @default true */
  enabled?: boolean | undefined;
  /** Block or only log matches. @default "prevention" */
  mode?: WafMode;
}

/** The load balancer in front of the group. */
export interface LoadBalancerArgs {
  /** Internet-facing or internal. @default "public" */
  scheme?: LoadBalancerScheme;
  /** How requests are spread. @default "roundRobin" */
  algorithm?: LoadBalancingAlgorithm;
  stickiness?: StickinessArgs | undefined;
  /** Seconds an idle client connection stays open. @default 60 */
  idleTimeoutSeconds?: number | undefined;
  /**
   * Seconds the load balancer waits for the model to answer one request before it gives up
   * (model inference can be slow: a long generation, a cold GPU). AWS: an ALB has one timeout,
   * its idle timeout, which also ends a request whose answer is slower; it is set to the longer of
   * this and `idleTimeoutSeconds`. @default 300
   */
  requestTimeoutSeconds?: number | undefined;
  waf?: WafArgs | undefined;
  /** Client ranges admitted on 80/443. @default ["0.0.0.0/0"] when public, the network's range when internal */
  allowedCidrs?: string[] | undefined;
  accessLogs?: AccessLogsArgs | undefined;
  tls?: TlsArgs | undefined;
  /** Refuse to delete the load balancer. @default false in dev, true in prod */
  deletionProtection?: boolean | undefined;
}

/** How a new image or size replaces the running instances. */
export interface RolloutArgs {
  /** Extra instances, as a percentage of the group, started during a rollout. @default 25 */
  maxSurgePercent?: number | undefined;
  /** Instances, as a percentage of the group, that may be out of service during a rollout. @default 0 */
  maxUnavailablePercent?: number | undefined;
  /**
   * Roll back automatically when new instances fail their health checks (AWS only: instance
   * refresh rollback, which restores the previous launch template version). Off by default:
   * the provider moves the Auto Scaling group to the new launch template version before the
   * refresh starts, so a rollback can redeploy the failing version
   * (hashicorp/terraform-provider-aws#34189); to go back, deploy the previous image or size.
   * `pulumi up` returns once the refresh has started, not when it completes. GCP and Azure refuse
   * `true`: a managed instance group and a Flexible scale set roll forward only (Azure's rollback on
   * policy breach exists for Uniform orchestration only).
   * @default false
   */
  autoRollback?: boolean | undefined;
}

/** Whether the AMI follows the newest ECS-optimized image on each `pulumi up`. */
export const AmiUpdates = {
  /** The AMI read at the first `pulumi up` stays until `aws.amiId` (or this setting) changes. */
  pinned: "pinned",
  /** Every `pulumi up` reads the newest AMI; a new release rolls the whole fleet. */
  latest: "latest",
} as const;
export type AmiUpdates = (typeof AmiUpdates)[keyof typeof AmiUpdates];

export interface InferenceServiceAwsArgs {
  /**
   * Use this EC2 instance type instead of the catalog's choice. A Graviton type (`m7g.large`) gets
   * the arm64 AMI. @default the cheapest that fits `compute`
   */
  instanceType?: string | undefined;
  /**
   * The AMI to run. Setting or changing it rolls the group onto it: this is how a pinned fleet is
   * moved to a newer image on purpose.
   * @default the ECS-optimized Amazon Linux 2023 AMI (GPU or arm64 variant as the type needs), read once
   */
  amiId?: string | undefined;
  /**
   * Keep the AMI read at the first `pulumi up` (`pinned`), or follow the newest on every `up`
   * (`latest`, which rolls the whole fleet whenever AWS publishes an AMI).
   * @default "pinned"
   */
  amiUpdates?: AmiUpdates;
  /**
   * A Route 53 public hosted zone that holds `loadBalancer.tls.domain`: the certificate is
   * validated there (DNS records created and awaited, so one `pulumi up` completes) and the
   * domain gets an alias record to the load balancer.
   * @default none (create the validation records and the domain's record yourself)
   */
  hostedZoneId?: pulumi.Input<string> | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `launchTemplate`,
   * `autoScalingGroup`, `loadBalancer`, `targetGroup`, `instanceSecurityGroup`,
   * `loadBalancerSecurityGroup`, `instanceRole`, `accessLogBucket`, `logGroup`, `webAcl`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** Whether the boot image follows the newest Container-Optimized OS release on each `pulumi up`. */
export const CosImageUpdates = {
  /** The image read at the first `pulumi up` stays until `gcp.image` (or this setting) changes. */
  pinned: "pinned",
  /** Every `pulumi up` reads the newest `cos-stable` image; a new release rolls the whole group. */
  latest: "latest",
} as const;
export type CosImageUpdates = (typeof CosImageUpdates)[keyof typeof CosImageUpdates];

export interface InferenceServiceGcpArgs {
  /** Use this machine type instead of the catalog's choice. @default the cheapest that fits `compute` */
  machineType?: string | undefined;
  /**
   * The Container-Optimized OS image to boot (`projects/cos-cloud/global/images/cos-stable-…`, or its
   * full URL). Setting or changing it rolls the group onto it: this is how a pinned group is moved to
   * a newer image on purpose. The boot configuration relies on COS (its GPU installer, Docker and
   * registry credential helper).
   * @default the newest image of the `cos-stable` family, read once (see `imageUpdates`)
   */
  image?: string | undefined;
  /**
   * Keep the image read at the first `pulumi up` (`pinned`), or follow the newest `cos-stable` image
   * on every `up` (`latest`, which replaces every instance whenever Google publishes a COS release).
   * @default "pinned"
   */
  imageUpdates?: CosImageUpdates;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `instanceTemplate`,
   * `instanceGroupManager`, `autoscaler`, `healthCheck`, `backendService`, `urlMap`,
   * `httpsProxy`, `sslPolicy`, `forwardingRule`, `firewall`, `serviceAccount`, `securityPolicy`,
   * `address`, `certificate`, `redirectUrlMap`, `httpProxy`, `accessLogBucket`, `accessLogSink`,
   * `accessLogExclusion`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

export interface InferenceServiceAzureArgs {
  /** Use this VM size instead of the catalog's choice. @default the cheapest that fits `compute` */
  vmSize?: string | undefined;
  /**
   * The Key Vault holding `loadBalancer.tls.certificateId`: the gateway's identity is granted
   * read access to its secrets. @default none (grant access yourself)
   */
  keyVaultId?: pulumi.Input<string> | undefined;
  /**
   * The first of the two network security group priorities this service's rules take (it takes
   * this number and the next), 100 to 3998. Services of one program on one network never collide
   * without it (each takes the next free slot after the one its name hashes to); set it to pin a
   * service's slot, or when services of several programs share a network.
   * @default a free 10-wide slot in 1000–3999, from the service's name
   */
  rulePriority?: number | undefined;
  /**
   * The health endpoint answers with Azure's rich health states (`{"ApplicationHealthState":
   * "Healthy"}`): the Application Health extension 2.0 reads them. Off, any 2xx answer is healthy
   * (extension 1.0), the contract of `healthCheck.path` on every cloud.
   * @default false
   */
  richHealthStates?: boolean | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `scaleSet`,
   * `applicationGateway`, `publicIp`, `autoscale`, `identity`, `logWorkspace`, `securityRule`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** The spec of an {@link InferenceService}: a model server behind an HTTPS load balancer, on a self-healing, auto-scaling group. */
export interface InferenceServiceArgs {
  /** The cloud to build on. @default the stack's `mlops:cloud` */
  cloud?: Cloud;
  /** Defaults for availability and safety. @default the stack's `mlops:profile`, else "dev" */
  profile?: Profile;
  /** The network to run in: an MlopsVpc's `network` output. Instances go to its private tier, the load balancer to its public tier. */
  network: pulumi.Input<NetworkInfo>;
  /**
   * A ModelRegistry's `info` the instances read from: their identity is granted pull on its image
   * repository and read on its artifacts (AWS: its reader policy attached to the instance role;
   * GCP: Artifact Registry reader on the repository and object viewer on the bucket; Azure: AcrPull
   * on the registry and Storage Blob Data Reader on the artifact storage). The group waits for these
   * grants.
   * @default none
   */
  registry?: pulumi.Input<RegistryInfo> | undefined;
  /**
   * The container image that serves the model (it must listen on `port`). On AWS: an image in ECR
   * (instances hold credentials for ECR only), or in ECR Public when the network has NAT.
   */
  image: pulumi.Input<string>;
  /** Port the container listens on. @default 8080 */
  port?: number | undefined;
  /**
   * Overrides the image's entrypoint. Any characters but NUL; each word reaches the container
   * exactly as given. @default the image's
   */
  command?: string[] | undefined;
  /** Arguments to the entrypoint. Any characters but NUL, each taken literally. @default the image's */
  args?: string[] | undefined;
  /**
   * Environment variables for the container, one line each. They are written into the instances'
   * user data (custom data on Azure, instance metadata on GCP) in plain text: anyone who can read
   * the launch template, instance template or scale set model, and any process on the instance,
   * can read them. Do not put secrets here. With `command` and `args` they must fit the cloud's user
   * data limit (AWS 16 KB, Azure 64 KB, GCP 256 KB). @default {}
   */
  env?: Record<string, pulumi.Input<string>> | undefined;
  /**
   * Environment variables read from the cloud's secret store when the container starts (and again at
   * every restart), with the instances' own identity, which is granted read access to exactly these
   * secrets. Only the references are in the user data; the values stay on the instance, in a
   * root-only file on tmpfs. Each value must be one line. AWS: a Secrets Manager secret ARN (its
   * SecretString; the AWS CLI is installed at first boot). GCP: a Secret Manager secret version,
   * `projects/<project>/secrets/<secret>/versions/<n or latest>`. Azure: the resource id of a Key
   * Vault secret (its current version; the vault must use Azure RBAC). A secret encrypted with a
   * customer-managed key also needs decrypt rights for the instances on that key.
   * @default {}
   */
  secretEnv?: Record<string, pulumi.Input<string>> | undefined;
  /** Size of each instance. */
  compute: ComputeArgs;
  /** Boot disk size in GiB (encrypted); at least 30 on AWS. @default 50, 200 with a GPU */
  diskGiB?: number | undefined;
  spot?: SpotArgs | undefined;
  scaling?: ScalingArgs | undefined;
  healthCheck?: HealthCheckArgs | undefined;
  loadBalancer?: LoadBalancerArgs | undefined;
  rollout?: RolloutArgs | undefined;
  /** Tags (labels on GCP) for every resource. @default {} */
  tags?: Record<string, string> | undefined;
  aws?: InferenceServiceAwsArgs | undefined;
  gcp?: InferenceServiceGcpArgs | undefined;
  azure?: InferenceServiceAzureArgs | undefined;
}

/** Children whose arguments `overrides` can extend, per cloud. */
export const OVERRIDE_ROLES = {
  aws: [
    "launchTemplate",
    "autoScalingGroup",
    "loadBalancer",
    "targetGroup",
    "instanceSecurityGroup",
    "loadBalancerSecurityGroup",
    "instanceRole",
    "accessLogBucket",
    "logGroup",
    "webAcl",
  ],
  gcp: [
    "instanceTemplate",
    "instanceGroupManager",
    "autoscaler",
    "healthCheck",
    "backendService",
    "urlMap",
    "httpsProxy",
    "sslPolicy",
    "forwardingRule",
    "firewall",
    "serviceAccount",
    "securityPolicy",
    "address",
    "certificate",
    "redirectUrlMap",
    "httpProxy",
    "accessLogBucket",
    "accessLogSink",
    "accessLogExclusion",
  ],
  azure: ["scaleSet", "applicationGateway", "publicIp", "autoscale", "identity", "logWorkspace", "securityRule"],
} as const;
