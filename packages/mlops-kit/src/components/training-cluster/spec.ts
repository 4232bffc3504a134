import type * as pulumi from "@pulumi/pulumi";
import * as z from "zod/mini";
import { GpuType } from "../../core/catalog/gpu";
import { parseCidr } from "../../core/net/cidr";
import { commonFields, distinctEntries, overridesField } from "../../core/spec";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { RegistryInfo } from "../model-registry/info";
import type { NetworkInfo } from "../network/info";
import { OVERRIDE_ROLES, ReleaseChannel, TaintEffect, type TrainingClusterArgs } from "./args";

export * from "./args";

const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const info = <T>(what: string) =>
  z.optional(z.custom<pulumi.Input<T>>((v) => typeof v === "object" && v !== null, `must be a ${what}'s \`info\``));

/** AKS Linux node pool names: a lowercase letter, then lowercase letters and digits, 1-12 (AKS "Create node pools", naming rules); the tightest of the three clouds. */
export const POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
/** A Kubernetes namespace is an RFC 1123 label; 30 leaves room for the cloud names built from it (GCP service account ids, 30). */
export const TEAM_NAME = /^[a-z]([a-z0-9-]{0,28}[a-z0-9])?$/;
/** Kubernetes label keys: an optional DNS-subdomain prefix and a name of at most 63 characters. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** Kubernetes label values: at most 63 characters, alphanumeric at both ends, or empty. */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** Minor versions the three services offered when this was written (EKS, GKE and AKS "supported versions"). */
export const KUBERNETES_VERSION = /^1\.(3[0-9])$/;

const compute = z.strictObject({
  cpu: int(1, 448),
  memoryGiB: z.number().check(z.positive(), z.lte(24_576)),
  gpu: z.optional(z.strictObject({ type: z.enum(GpuType), count: z._default(int(1, 16), 1) })),
});

const labels = z.record(
  z.string().check(z.regex(LABEL_KEY, "must be a Kubernetes label key")),
  z.string().check(z.regex(LABEL_VALUE, "must be a Kubernetes label value (at most 63 characters)")),
);

const cidrList = z.array(
  z.string().check(
    z.superRefine((text, ctx) => {
      const c = parseCidr(text);
      if (typeof c === "string") ctx.addIssue({ code: "custom", message: c });
    }),
  ),
);

const pool = z.strictObject({
  name: z.string().check(z.regex(POOL_NAME, "must be a lowercase letter then lowercase letters and digits, at most 12 characters")),
  compute,
  // EKS managed node groups take at most 1000 nodes per group (EKS service quotas, "Nodes per managed node group").
  min: z._default(int(0, 1000), 0),
  max: int(1, 1000),
  spot: z._default(z.boolean(), false),
  // 20 GiB floors the AL2023 and AKS node images; 16 TiB is EBS gp3's ceiling.
  diskGiB: z.optional(int(30, 16_384)),
  labels: z.optional(labels),
  taints: z.optional(
    z.array(
      z.strictObject({
        key: z.string().check(z.regex(LABEL_KEY, "must be a Kubernetes label key")),
        value: z._default(z.string().check(z.regex(LABEL_VALUE, "must be a Kubernetes label value")), ""),
        effect: z._default(z.enum(TaintEffect), "NoSchedule"),
      }),
    ),
  ),
});

const team = z.strictObject({
  name: z.string().check(z.regex(TEAM_NAME, "must be a lowercase DNS label of at most 30 characters")),
  quota: z._default(
    z.strictObject({
      gpus: z._default(int(0, 10_000), 8),
      cpu: z._default(int(1, 100_000), 64),
      memoryGiB: z._default(int(1, 1_000_000), 256),
    }),
    { gpus: 8, cpu: 64, memoryGiB: 256 },
  ),
  access: z._default(
    z.strictObject({ registry: info<RegistryInfo>("ModelRegistry"), featureStore: info<FeatureStoreInfo>("FeatureStore") }),
    {},
  ),
});

export const trainingClusterSchema = z
  .strictObject({
    ...commonFields,
    network: z.custom<pulumi.Input<NetworkInfo>>((v) => typeof v === "object" && v !== null, "is required: pass an MlopsVpc's `network`"),
    version: z._default(z.string().check(z.regex(KUBERNETES_VERSION, 'must be a Kubernetes minor version such as "1.35"')), "1.35"),
    endpoint: z._default(z.strictObject({ authorizedCidrs: z.optional(cidrList.check(z.minLength(1), distinctEntries())) }), {}),
    systemPool: z._default(z.strictObject({ compute: z.optional(compute), count: z.optional(int(1, 100)) }), {}),
    pools: z._default(
      z.array(pool).check(
        distinctEntries((p: { name: string }) => p.name),
        // AKS: at most 100 node pools per cluster (AKS quotas); the system pool is one.
        z.maxLength(99),
      ),
      [],
    ),
    teams: z._default(z.array(team).check(distinctEntries((t: { name: string }) => t.name)), []),
    addons: z._default(z.strictObject({ kueue: z._default(z.boolean(), false), kubeRay: z._default(z.boolean(), false) }), {
      kueue: false,
      kubeRay: false,
    }),
    logRetentionDays: z.optional(int(1, 3653)),
    deletionProtection: z.optional(z.boolean()),
    aws: z.optional(z.strictObject({ overrides: overridesField(OVERRIDE_ROLES.aws) })),
    gcp: z.optional(z.strictObject({ releaseChannel: z.optional(z.enum(ReleaseChannel)), overrides: overridesField(OVERRIDE_ROLES.gcp) })),
    azure: z.optional(z.strictObject({ overrides: overridesField(OVERRIDE_ROLES.azure) })),
  })
  .check(
    z.superRefine((spec, ctx) => {
      spec.pools.forEach((p, i) => {
        if (p.min > p.max) ctx.addIssue({ code: "custom", path: ["pools", i, "min"], message: `must be <= pools.${i}.max (${p.max})` });
        if (p.name === "system") ctx.addIssue({ code: "custom", path: ["pools", i, "name"], message: "is the system pool's name" });
      });
    }),
  );

export type TrainingClusterSpec = z.output<typeof trainingClusterSchema>;
export type PoolSpec = TrainingClusterSpec["pools"][number];
export type TeamSpec = TrainingClusterSpec["teams"][number];

type Assert<T extends true> = T;
/** @internal */
export type _ArgsMatchSchema = Assert<TrainingClusterArgs extends z.input<typeof trainingClusterSchema> ? true : false>;
