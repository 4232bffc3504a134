import type * as pulumi from "@pulumi/pulumi";
import * as z from "zod/mini";
import { commonFields, distinctEntries, overridesField } from "../../core/spec";
import type { NetworkInfo } from "../network/info";
import { AzureIsolationMode, type ModelRegistryArgs, OVERRIDE_ROLES, TrackingSize } from "./args";

export * from "./args";

/** Model names become parts of physical names on every cloud: a lowercase DNS label, short enough to leave room for the registry's name. */
export const MODEL_NAME = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
export const MODEL_NAME_MAX = 32;
/** Stage names become tag values: AWS tag values allow letters, digits and `_.:/=+-@` (256). */
export const STAGE_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
export const DEFAULT_STAGES = ["development", "staging", "production", "archived"];
/** Retention in days, up to ten years. */
const days = () => z.optional(z.int().check(z.gte(1), z.lte(3650)));

const principals = z.optional(
  z.array(z.string().check(z.minLength(1), z.regex(/^\S+$/, "must be a principal without spaces"))).check(distinctEntries()),
);

export const modelRegistrySchema = z.strictObject({
  ...commonFields,
  network: z.custom<pulumi.Input<NetworkInfo>>((v) => typeof v === "object" && v !== null, "is required: pass an MlopsVpc's `network`"),
  models: z._default(
    z
      .array(
        z.strictObject({
          name: z.string().check(
            z.maxLength(MODEL_NAME_MAX),
            z.regex(MODEL_NAME, "must be a lowercase DNS label (letters, digits, single hyphens, letter first)"),
            z.refine((n) => !n.includes("--"), "must not contain --"),
          ),
          description: z.optional(z.string().check(z.maxLength(1024))),
          tags: z.optional(z.record(z.string(), z.string())),
        }),
      )
      .check(distinctEntries((m: { name: string }) => m.name)),
    [],
  ),
  tracking: z._default(z.strictObject({ enabled: z._default(z.boolean(), true), size: z._default(z.enum(TrackingSize), "small") }), {
    enabled: true,
    size: "small",
  }),
  artifacts: z._default(z.strictObject({ noncurrentVersionDays: days() }), {}),
  images: z._default(z.strictObject({ immutableTags: z._default(z.boolean(), true), untaggedExpiryDays: days() }), { immutableTags: true }),
  stages: z._default(
    z
      .array(z.string().check(z.regex(STAGE_NAME, "must be a lowercase word of at most 32 characters (letters, digits, _ and -)")))
      .check(z.minLength(2), z.maxLength(10), distinctEntries()),
    DEFAULT_STAGES,
  ),
  approval: z._default(z.strictObject({ required: z._default(z.boolean(), true) }), { required: true }),
  access: z._default(z.strictObject({ writers: principals, approvers: principals, readers: principals, shareWith: principals }), {}),
  deletionProtection: z.optional(z.boolean()),
  aws: z.optional(
    z.strictObject({
      mlflowVersion: z.optional(z.string().check(z.regex(/^\d+(\.\d+){1,2}$/, "must be an MLflow version such as 2.16"))),
      // CreateMlflowTrackingServer: WeeklyMaintenanceWindowStart, pattern (Mon|Tue|...):HH:MM, max 9 characters.
      maintenanceWindowStart: z.optional(
        z.string().check(z.regex(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun):([01]\d|2[0-3]):[0-5]\d$/, "must be Ddd:HH:MM in UTC, e.g. Tue:03:30")),
      ),
      automaticModelRegistration: z._default(z.boolean(), false),
      vpcEndpointIds: z.optional(
        z.array(z.string().check(z.regex(/^vpce-[0-9a-f]{8,17}$/, "must be a VPC endpoint id (vpce-...)"))).check(distinctEntries()),
      ),
      overrides: overridesField(OVERRIDE_ROLES.aws),
    }),
  ),
  gcp: z.optional(
    z.strictObject({
      keyRingGeneration: z._default(z.int().check(z.gte(0), z.lte(999)), 0),
      overrides: overridesField(OVERRIDE_ROLES.gcp),
    }),
  ),
  azure: z.optional(
    z.strictObject({
      isolationMode: z._default(z.enum(AzureIsolationMode), "allowOnlyApprovedOutbound"),
      hbiWorkspace: z.optional(z.boolean()),
      sharedRegistry: z.optional(z.boolean()),
      nameGeneration: z._default(z.int().check(z.gte(0), z.lte(999)), 0),
      overrides: overridesField(OVERRIDE_ROLES.azure),
    }),
  ),
});

/** A validated spec: defaults that do not depend on the profile are filled in. */
export type ModelRegistrySpec = z.output<typeof modelRegistrySchema>;

// Keeps the documented interface and the schema in step (see network/spec.ts for why optional
// fields take `undefined` explicitly, except the named choice sets).
type Assert<T extends true> = T;
/** @internal */
export type _ArgsMatchSchema = Assert<ModelRegistryArgs extends z.input<typeof modelRegistrySchema> ? true : false>;
/** @internal */
export type _SchemaMatchesArgs = Assert<z.input<typeof modelRegistrySchema> extends ModelRegistryArgs ? true : false>;
