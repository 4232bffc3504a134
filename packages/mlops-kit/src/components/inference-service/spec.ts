import type * as pulumi from "@pulumi/pulumi";
import * as z from "zod/mini";
import { GpuType } from "../../core/catalog/gpu";
import { parseCidr } from "../../core/net/cidr";
import { commonFields, distinctEntries, overridesField } from "../../core/spec";
import type { RegistryInfo } from "../model-registry/info";
import type { NetworkInfo } from "../network/info";
import {
  AmiUpdates,
  CosImageUpdates,
  type InferenceServiceArgs,
  LoadBalancerScheme,
  LoadBalancingAlgorithm,
  OVERRIDE_ROLES,
  WafMode,
} from "./args";

export * from "./args";

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
/** No C string (an argv word, a file cloud-init writes) can hold a NUL. */
const NO_NUL = /^[^\0]*$/;
const word = () => z.string().check(z.regex(NO_NUL, "must not contain NUL"));

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
    registry: z.optional(
      z.custom<pulumi.Input<RegistryInfo>>((v) => typeof v === "object" && v !== null, "must be a ModelRegistry's `info`"),
    ),
    image: input(z.string().check(z.regex(IMAGE_REFERENCE, IMAGE_MESSAGE))),
    port: z._default(int(1, 65535), 8080),
    command: z.optional(z.array(word())),
    args: z.optional(z.array(word())),
    env: z.optional(
      z.record(
        z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")),
        input(z.string().check(z.regex(SINGLE_LINE, SINGLE_LINE_MESSAGE))),
      ),
    ),
    secretEnv: z.optional(
      z.record(
        z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")),
        input(z.string().check(z.regex(/^\S+$/, "must be a secret reference (no spaces)"))),
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
        scaleOutCooldownSeconds: z.optional(int(0, 3600)),
        scaleInCooldownSeconds: z._default(int(0, 3600), 300),
      }),
      { targetCpuPercent: 50, scaleInCooldownSeconds: 300 },
    ),
    healthCheck: z._default(
      z.strictObject({
        // ELBv2 takes paths of at most 1024 characters (terraform-provider-aws, elbv2 target group: StringLenBetween(1, 1024))
        path: z._default(
          z.string().check(z.regex(/^\/[\x21-\x7e]*$/, 'must be an absolute URL path such as "/health"'), z.maxLength(1024)),
          "/health",
        ),
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
        stickiness: z._default(z.strictObject({ enabled: z._default(z.boolean(), false), durationSeconds: z.optional(int(1, 604_800)) }), {
          enabled: false,
        }),
        idleTimeoutSeconds: z._default(int(1, 4000), 60),
        requestTimeoutSeconds: z._default(int(1, 3600), 300),
        waf: z._default(z.strictObject({ enabled: z._default(z.boolean(), true), mode: z._default(z.enum(WafMode), "prevention") }), {
          enabled: true,
          mode: "prevention",
        }),
        allowedCidrs: z.optional(cidrList.check(z.minLength(1), distinctEntries())),
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
        stickiness: { enabled: false },
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
        autoRollback: z.optional(z.boolean()),
      }),
      { maxSurgePercent: 25, maxUnavailablePercent: 0 },
    ),
    aws: z.optional(
      z.strictObject({
        instanceType: z.optional(
          z.string().check(z.regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as m6i.large")),
        ),
        amiId: z.optional(z.string().check(z.regex(/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/, "must be an AMI id such as ami-0123456789abcdef0"))),
        amiUpdates: z.optional(z.enum(AmiUpdates)),
        hostedZoneId: z.optional(
          input(z.string().check(z.regex(/^Z[A-Z0-9]{1,31}$/, "must be a Route 53 hosted zone id such as Z0123456789ABC"))),
        ),
        overrides: overridesField(OVERRIDE_ROLES.aws),
      }),
    ),
    gcp: z.optional(
      z.strictObject({
        machineType: z.optional(nonEmpty()),
        // A disk image, not a family: a family link would let each new instance take a different image.
        image: z.optional(
          z
            .string()
            .check(
              z.regex(
                /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/[a-z][-a-z0-9.:]*[a-z0-9]\/global\/images\/[a-z]([-a-z0-9]*[a-z0-9])?$/,
                "must be a Compute Engine image such as projects/cos-cloud/global/images/cos-stable-121-18867-90-38 (an image, not a family)",
              ),
            ),
        ),
        imageUpdates: z.optional(z.enum(CosImageUpdates)),
        overrides: overridesField(OVERRIDE_ROLES.gcp),
      }),
    ),
    azure: z.optional(
      z.strictObject({
        vmSize: z.optional(nonEmpty()),
        keyVaultId: z.optional(input(nonEmpty())),
        // Azure's NSG priorities run 100-4096; the network's own rules sit at 4000 and above.
        rulePriority: z.optional(int(100, 3998)),
        richHealthStates: z.optional(z.boolean()),
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
      for (const variable of Object.keys(spec.secretEnv ?? {})) {
        if (spec.env && Object.hasOwn(spec.env, variable)) {
          ctx.addIssue({ code: "custom", path: ["secretEnv", variable], message: "is also in env: give each variable one source" });
        }
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
      if (spec.aws?.hostedZoneId !== undefined && tls.domain === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["aws", "hostedZoneId"],
          message: "validates the certificate of loadBalancer.tls.domain: set that domain, or leave hostedZoneId out",
        });
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
