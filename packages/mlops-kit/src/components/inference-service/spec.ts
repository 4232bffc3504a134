import type * as pulumi from "@pulumi/pulumi";
import * as z from "zod/mini";
import type { PassThroughArgs } from "../../core/backend";
import { GpuType } from "../../core/catalog/gpu";
import type { Cloud, Profile } from "../../core/cloud";
import { parseCidr } from "../../core/net/cidr";
import { commonFields, overridesField } from "../../core/spec";
import type { NetworkInfo } from "../network/info";

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
  /** Also scale on requests per instance per minute (where the cloud can). @default off */
  targetRequestsPerInstance?: number | undefined;
  /**
   * Seconds to wait after scaling out before scaling again (AWS: the instances' warm-up; GCP has
   * no scale-out cooldown and ignores it). @default 60
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
  /** How long the cookie lasts. @default 3600 */
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
  /** A domain to get a managed certificate for (AWS ACM, Google-managed). */
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
   * (model inference can be slow: a long generation, a cold GPU). @default 300
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
   * Roll back automatically when new instances fail their health checks: AWS instance refresh
   * rollback (which restores the previous launch template version); GCP and Azure roll forward
   * only and ignore it. @default true
   */
  autoRollback?: boolean | undefined;
}

export interface InferenceServiceAwsArgs {
  /** Use this EC2 instance type instead of the catalog's choice. @default the cheapest that fits `compute` */
  instanceType?: string | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `launchTemplate`,
   * `autoScalingGroup`, `loadBalancer`, `targetGroup`, `instanceSecurityGroup`,
   * `loadBalancerSecurityGroup`, `instanceRole`, `accessLogBucket`, `logGroup`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

export interface InferenceServiceGcpArgs {
  /** Use this machine type instead of the catalog's choice. @default the cheapest that fits `compute` */
  machineType?: string | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `instanceTemplate`,
   * `instanceGroupManager`, `autoscaler`, `healthCheck`, `backendService`, `urlMap`,
   * `httpsProxy`, `sslPolicy`, `forwardingRule`, `firewall`, `serviceAccount`, `securityPolicy`,
   * `address`, `certificate`, `redirectUrlMap`, `httpProxy`, `accessLogBucket`, `accessLogSink`.
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
  /** The container image that serves the model (it must listen on `port`). */
  image: pulumi.Input<string>;
  /** Port the container listens on. @default 8080 */
  port?: number | undefined;
  /** Overrides the image's entrypoint. @default the image's */
  command?: string[] | undefined;
  /** Arguments to the entrypoint. @default the image's */
  args?: string[] | undefined;
  /** Environment variables for the container. @default {} */
  env?: Record<string, pulumi.Input<string>> | undefined;
  /** Size of each instance. */
  compute: ComputeArgs;
  /** Boot disk size in GiB (encrypted). @default 50, 200 with a GPU */
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
  ],
  azure: ["scaleSet", "applicationGateway", "publicIp", "autoscale", "identity", "logWorkspace", "securityRule"],
} as const;

const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
// Identity-carrying fields may be outputs of other resources: accepted as they are.
const input = <T extends z.ZodMiniType>(plain: T) => z.union([plain, z.custom<pulumi.Input<z.output<T>>>(isOutputLike)]);
const nonEmpty = () => z.string().check(z.minLength(1));

function isOutputLike(v: unknown): boolean {
  return typeof v === "object" && v !== null && ("apply" in v || v instanceof Promise);
}

/** A container image reference: registry/path:tag or @digest, no spaces. */
export const IMAGE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/;
const IMAGE_MESSAGE = "must be a container image reference such as registry.example.com/models/api:1.0";
/** Environment values go to the instance one per line. */
export const SINGLE_LINE = /^[^\r\n\0]*$/;
const SINGLE_LINE_MESSAGE = "must be a single line (no line breaks or NUL)";

const cidrList = z.array(
  z.string().check(
    z.superRefine((text, ctx) => {
      const c = parseCidr(text);
      if (typeof c === "string") ctx.addIssue({ code: "custom", message: c });
    }),
  ),
);

export const inferenceServiceSchema = z
  .strictObject({
    ...commonFields,
    network: z.custom<pulumi.Input<NetworkInfo>>((v) => typeof v === "object" && v !== null, "is required: pass an MlopsVpc's `network`"),
    image: input(z.string().check(z.regex(IMAGE_REFERENCE, IMAGE_MESSAGE))),
    port: z._default(int(1, 65535), 8080),
    command: z.optional(z.array(z.string())),
    args: z.optional(z.array(z.string())),
    env: z.optional(
      z.record(
        z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")),
        input(z.string().check(z.regex(SINGLE_LINE, SINGLE_LINE_MESSAGE))),
      ),
    ),
    compute: z.strictObject({
      cpu: int(1, 448),
      memoryGiB: z.number().check(z.positive(), z.lte(24_576)),
      gpu: z.optional(z.strictObject({ type: z.enum(GpuType), count: z._default(int(1, 16), 1) })),
    }),
    diskGiB: z.optional(int(20, 16_384)),
    spot: z.optional(z.strictObject({ enabled: z._default(z.boolean(), false), onDemandBase: z.optional(int(0, 1000)) })),
    scaling: z._default(
      z.strictObject({
        min: z.optional(int(0, 1000)),
        max: z.optional(int(1, 1000)),
        targetCpuPercent: z._default(int(1, 100), 50),
        targetRequestsPerInstance: z.optional(int(1, 1_000_000)),
        scaleOutCooldownSeconds: z._default(int(0, 3600), 60),
        scaleInCooldownSeconds: z._default(int(0, 3600), 300),
      }),
      { targetCpuPercent: 50, scaleOutCooldownSeconds: 60, scaleInCooldownSeconds: 300 },
    ),
    healthCheck: z._default(
      z.strictObject({
        path: z._default(z.string().check(z.regex(/^\/[\x21-\x7e]*$/, 'must be an absolute URL path such as "/health"')), "/health"),
        intervalSeconds: z._default(int(5, 300), 15),
        timeoutSeconds: z._default(int(2, 120), 5),
        healthyThreshold: z._default(int(2, 10), 2),
        unhealthyThreshold: z._default(int(2, 10), 3),
        gracePeriodSeconds: z.optional(int(0, 7200)),
      }),
      { path: "/health", intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
    ),
    loadBalancer: z._default(
      z.strictObject({
        scheme: z._default(z.enum(LoadBalancerScheme), "public"),
        algorithm: z._default(z.enum(LoadBalancingAlgorithm), "roundRobin"),
        stickiness: z._default(
          z.strictObject({ enabled: z._default(z.boolean(), false), durationSeconds: z._default(int(1, 604_800), 3600) }),
          { enabled: false, durationSeconds: 3600 },
        ),
        idleTimeoutSeconds: z._default(int(1, 4000), 60),
        requestTimeoutSeconds: z._default(int(1, 3600), 300),
        waf: z._default(z.strictObject({ enabled: z._default(z.boolean(), true), mode: z._default(z.enum(WafMode), "prevention") }), {
          enabled: true,
          mode: "prevention",
        }),
        allowedCidrs: z.optional(cidrList.check(z.minLength(1))),
        accessLogs: z._default(z.strictObject({ enabled: z._default(z.boolean(), true), retentionDays: z.optional(int(1, 3653)) }), {
          enabled: true,
        }),
        tls: z._default(
          z.strictObject({
            enabled: z._default(z.boolean(), true),
            domain: z.optional(
              z
                .string()
                .check(
                  z.regex(
                    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
                    "must be a lowercase DNS name such as api.example.com",
                  ),
                ),
            ),
            certificateId: z.optional(input(nonEmpty())),
            redirectHttp: z._default(z.boolean(), true),
          }),
          { enabled: true, redirectHttp: true },
        ),
        deletionProtection: z.optional(z.boolean()),
      }),
      {
        scheme: "public",
        algorithm: "roundRobin",
        stickiness: { enabled: false, durationSeconds: 3600 },
        idleTimeoutSeconds: 60,
        requestTimeoutSeconds: 300,
        waf: { enabled: true, mode: "prevention" },
        accessLogs: { enabled: true },
        tls: { enabled: true, redirectHttp: true },
      },
    ),
    rollout: z._default(
      z.strictObject({
        maxSurgePercent: z._default(int(0, 100), 25),
        maxUnavailablePercent: z._default(int(0, 100), 0),
        autoRollback: z._default(z.boolean(), true),
      }),
      { maxSurgePercent: 25, maxUnavailablePercent: 0, autoRollback: true },
    ),
    aws: z.optional(z.strictObject({ instanceType: z.optional(nonEmpty()), overrides: overridesField(OVERRIDE_ROLES.aws) })),
    gcp: z.optional(z.strictObject({ machineType: z.optional(nonEmpty()), overrides: overridesField(OVERRIDE_ROLES.gcp) })),
    azure: z.optional(
      z.strictObject({
        vmSize: z.optional(nonEmpty()),
        keyVaultId: z.optional(input(nonEmpty())),
        overrides: overridesField(OVERRIDE_ROLES.azure),
      }),
    ),
  })
  .check(
    z.superRefine((spec, ctx) => {
      const { min, max } = spec.scaling;
      if (min !== undefined && max !== undefined && min > max) {
        ctx.addIssue({ code: "custom", path: ["scaling", "min"], message: `must be <= scaling.max (${max})` });
      }
      const hc = spec.healthCheck;
      if (hc.timeoutSeconds >= hc.intervalSeconds) {
        ctx.addIssue({
          code: "custom",
          path: ["healthCheck", "timeoutSeconds"],
          message: `must be < healthCheck.intervalSeconds (${hc.intervalSeconds})`,
        });
      }
      const tls = spec.loadBalancer.tls;
      if (tls.enabled && tls.domain === undefined && tls.certificateId === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["loadBalancer", "tls"],
          message: "needs a domain (for a managed certificate) or a certificateId; or set loadBalancer.tls.enabled to false (not in prod)",
        });
      }
      if (tls.domain !== undefined && tls.certificateId !== undefined) {
        ctx.addIssue({ code: "custom", path: ["loadBalancer", "tls"], message: "takes a domain or a certificateId, not both" });
      }
      const r = spec.rollout;
      if (r.maxSurgePercent + r.maxUnavailablePercent > 100) {
        ctx.addIssue({
          code: "custom",
          path: ["rollout"],
          message: `maxSurgePercent (${r.maxSurgePercent}) + maxUnavailablePercent (${r.maxUnavailablePercent}) must be <= 100`,
        });
      }
      if (r.maxSurgePercent === 0 && r.maxUnavailablePercent === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["rollout"],
          message: "needs maxSurgePercent or maxUnavailablePercent above 0, or no instance could ever be replaced",
        });
      }
      const base = spec.spot?.onDemandBase;
      if (base !== undefined && max !== undefined && base > max) {
        ctx.addIssue({ code: "custom", path: ["spot", "onDemandBase"], message: `must be <= scaling.max (${max})` });
      }
    }),
  );

export type InferenceServiceSpec = z.output<typeof inferenceServiceSchema>;

// Optional fields take `undefined` explicitly (`field?: T | undefined`), so that a value such as
// `config.get(...)` passes under exactOptionalPropertyTypes; except the named choice sets
// (`scheme?: LoadBalancerScheme`): Pulumi's component schema inference reads an enum only from a type that is
// its name alone, and refuses `LoadBalancerScheme | undefined` as a union (@pulumi/pulumi
// provider/experimental/analyzer.js, analyzeType).
type Assert<T extends true> = T;
/** @internal */
export type _ArgsMatchSchema = Assert<InferenceServiceArgs extends z.input<typeof inferenceServiceSchema> ? true : false>;
