import type * as pulumi from "@pulumi/pulumi";
import * as z from "zod/mini";
import { commonFields, overridesField } from "../../core/spec";
import type { NetworkInfo } from "../network/info";
import { type FeatureStoreArgs, FeatureType, KeyType, OVERRIDE_ROLES } from "./args";

export * from "./args";

const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

/**
 * Names every cloud takes as a column, feature or resource id: BigQuery columns (letters, digits,
 * `_`), Vertex AI feature ids (`[a-z0-9_]`, not starting with a digit), SageMaker feature names
 * (alphanumeric ends, `-`/`_` inside, at most 64), Azure ML feature names.
 */
export const SCHEMA_NAME = /^[a-z]([a-z0-9_]*[a-z0-9])?$/;
const SCHEMA_NAME_MESSAGE = "must be lowercase letters, digits and _, starting with a letter and ending with a letter or digit";
/** Vertex AI feature ids are at most 60 characters (AiFeatureGroupFeature `name`). */
export const MAX_COLUMN_NAME = 60;
/** Group and entity names go into physical names with the component's name. */
export const MAX_GROUP_NAME = 40;
/** SageMaker: 1–2500 feature definitions per group (terraform-provider-aws feature_group.go MaxItems). */
export const MAX_FEATURES = 2500;
/** SageMaker vectors: 1–8192 elements (feature_group.go `dimension` IntBetween(1, 8192)). */
export const MAX_EMBEDDING_DIMENSION = 8192;
/**
 * Column names the stores add themselves: SageMaker's offline store (`is_deleted`, `write_time`,
 * `api_invocation_time`, refused as feature names by feature_group.go), Vertex AI's
 * `feature_timestamp` (the BigQuery source's time column) and `entity_id`.
 */
export const RESERVED_COLUMNS = ["is_deleted", "write_time", "api_invocation_time", "feature_timestamp", "entity_id"];

const schemaName = (max: number) => z.string().check(z.maxLength(max), z.regex(SCHEMA_NAME, SCHEMA_NAME_MESSAGE));
const description = (max: number) => z.optional(z.string().check(z.maxLength(max)));

const entitySchema = z.strictObject({
  name: schemaName(MAX_GROUP_NAME),
  joinKeys: z
    .array(z.strictObject({ name: schemaName(MAX_COLUMN_NAME), type: z._default(z.enum(KeyType), "string") }))
    .check(z.minLength(1)),
  description: description(512),
});

const featureSchema = z.strictObject({
  name: schemaName(MAX_COLUMN_NAME),
  type: z.enum(FeatureType),
  dimension: z.optional(int(1, MAX_EMBEDDING_DIMENSION)),
  description: description(512),
});

const groupSchema = z.strictObject({
  name: schemaName(MAX_GROUP_NAME),
  entity: z.string(),
  features: z.array(featureSchema).check(z.minLength(1), z.maxLength(MAX_FEATURES)),
  eventTimeColumn: z._default(schemaName(MAX_COLUMN_NAME), "event_time"),
  // AWS TtlDuration takes whole units up to weeks; one year is a bound no freshness needs to pass.
  ttlSeconds: z.optional(int(60, 365 * 24 * 3600)),
  online: z._default(z.boolean(), true),
  // SageMaker feature group descriptions: 0–128 (feature_group.go StringLenBetween(0, 128)).
  description: description(128),
  tags: z.optional(z.record(z.string(), z.string())),
});

export const featureStoreSchema = z
  .strictObject({
    ...commonFields,
    network: z.optional(
      z.custom<pulumi.Input<NetworkInfo>>((v) => typeof v === "object" && v !== null, "must be a network: pass an MlopsVpc's `network`"),
    ),
    entities: z.array(entitySchema).check(z.minLength(1)),
    featureGroups: z.array(groupSchema).check(z.minLength(1)),
    online: z._default(
      z.strictObject({
        enabled: z._default(z.boolean(), true),
        minNodes: z.optional(int(1, 1000)),
        maxNodes: z.optional(int(1, 1000)),
        // Vertex AI Bigtable online stores: cpuUtilizationTarget 10–80 (AiFeatureOnlineStoreBigtableAutoScaling).
        cpuTargetPercent: z._default(int(10, 80), 50),
      }),
      { enabled: true, cpuTargetPercent: 50 },
    ),
    offline: z._default(z.strictObject({ retentionDays: z.optional(int(1, 3650)) }), {}),
    sync: z._default(z.strictObject({ intervalHours: z.optional(int(1, 24)) }), {}),
    encryption: z._default(z.strictObject({ customerManagedKey: z._default(z.boolean(), true) }), { customerManagedKey: true }),
    access: z.optional(
      z.strictObject({
        readers: z.optional(z.array(z.custom<pulumi.Input<string>>((v) => v !== undefined && v !== null && v !== ""))),
        writers: z.optional(z.array(z.custom<pulumi.Input<string>>((v) => v !== undefined && v !== null && v !== ""))),
      }),
    ),
    aws: z.optional(
      z.strictObject({
        // SageMaker provisioned throughput: 0–10,000,000 units (feature_group.go IntBetween).
        readUnits: z.optional(int(1, 10_000_000)),
        writeUnits: z.optional(int(1, 10_000_000)),
        overrides: overridesField(OVERRIDE_ROLES.aws),
      }),
    ),
    gcp: z.optional(
      z.strictObject({ region: z.optional(z.string().check(z.minLength(1))), overrides: overridesField(OVERRIDE_ROLES.gcp) }),
    ),
    azure: z.optional(
      z.strictObject({
        // Azure Cache for Redis Premium: capacity 1–5 (P1–P5; redis SkuArgs `capacity`).
        redisCapacity: z._default(int(1, 5), 1),
        sparkRuntimeVersion: z._default(z.string().check(z.regex(/^\d+\.\d+$/, "must be a Spark runtime version such as 3.4")), "3.4"),
        overrides: overridesField(OVERRIDE_ROLES.azure),
      }),
    ),
  })
  .check(z.superRefine((spec, ctx) => schemaIssues(spec, (path, message) => ctx.addIssue({ code: "custom", path, message }))));

type Report = (path: (string | number)[], message: string) => void;
type Parsed = Pick<z.output<typeof featureStoreSchema>, "entities" | "featureGroups" | "online" | "aws">;

/** Cross-field rules of the schema that hold on every cloud. */
function schemaIssues(spec: Parsed, report: Report): void {
  const entities = new Map<string, number>();
  spec.entities.forEach((e, i) => {
    const at = entities.get(e.name);
    if (at !== undefined) report(["entities", i, "name"], `repeats entities.${at}.name`);
    else entities.set(e.name, i);
    const keys = new Map<string, number>();
    e.joinKeys.forEach((k, j) => {
      if (keys.has(k.name)) report(["entities", i, "joinKeys", j, "name"], `repeats joinKeys.${keys.get(k.name)}.name`);
      else keys.set(k.name, j);
      if (RESERVED_COLUMNS.includes(k.name)) report(["entities", i, "joinKeys", j, "name"], "is a column the stores add themselves");
    });
  });
  const groups = new Map<string, number>();
  spec.featureGroups.forEach((g, i) => {
    const at = groups.get(g.name);
    if (at !== undefined) report(["featureGroups", i, "name"], `repeats featureGroups.${at}.name`);
    else groups.set(g.name, i);
    const entity = spec.entities.find((e) => e.name === g.entity);
    if (!entity) {
      report(["featureGroups", i, "entity"], `is not an entity; entities: ${spec.entities.map((e) => e.name).join(", ")}`);
    }
    groupIssues(g, i, entity?.joinKeys.map((k) => k.name) ?? [], report);
  });
  if (spec.online.minNodes !== undefined && spec.online.maxNodes !== undefined && spec.online.minNodes > spec.online.maxNodes) {
    report(["online", "minNodes"], `must be <= online.maxNodes (${spec.online.maxNodes})`);
  }
  if ((spec.aws?.readUnits === undefined) !== (spec.aws?.writeUnits === undefined)) {
    report(
      ["aws", spec.aws?.readUnits === undefined ? "readUnits" : "writeUnits"],
      "is required with the other: provisioned throughput takes both",
    );
  }
}

function groupIssues(g: Parsed["featureGroups"][number], i: number, keys: string[], report: Report): void {
  if (RESERVED_COLUMNS.includes(g.eventTimeColumn)) {
    report(["featureGroups", i, "eventTimeColumn"], "is a column the stores add themselves");
  }
  if (keys.includes(g.eventTimeColumn)) report(["featureGroups", i, "eventTimeColumn"], `is a join key of ${g.entity}`);
  const seen = new Map<string, number>();
  let embedding: number | undefined;
  g.features.forEach((f, j) => {
    const path = ["featureGroups", i, "features", j];
    if (seen.has(f.name)) report([...path, "name"], `repeats features.${seen.get(f.name)}.name`);
    else seen.set(f.name, j);
    if (keys.includes(f.name)) report([...path, "name"], `is a join key of ${g.entity}`);
    if (f.name === g.eventTimeColumn) report([...path, "name"], "is the group's eventTimeColumn");
    if (RESERVED_COLUMNS.includes(f.name)) report([...path, "name"], "is a column the stores add themselves");
    if (f.type === "embedding" && f.dimension === undefined) report([...path, "dimension"], "is required for an embedding");
    if (f.type !== "embedding" && f.dimension !== undefined)
      report([...path, "dimension"], `is only for embeddings (this feature is ${f.type})`);
    if (f.type === "embedding") {
      // SageMaker takes one vector per InMemory group; a Vertex AI feature view indexes one embedding column.
      if (embedding !== undefined)
        report([...path, "type"], `is a second embedding in the group (features.${embedding}); a group holds at most one`);
      else embedding = j;
    }
  });
}

/** A validated spec: defaults that do not depend on the profile are filled in. */
export type FeatureStoreSpec = z.output<typeof featureStoreSchema>;
export type FeatureGroupSpec = FeatureStoreSpec["featureGroups"][number];
export type EntitySpec = FeatureStoreSpec["entities"][number];

// Keeps the documented interface and the schema in step (see network/spec.ts).
type Assert<T extends true> = T;
/** @internal */
export type _ArgsMatchSchema = Assert<FeatureStoreArgs extends z.input<typeof featureStoreSchema> ? true : false>;
/** @internal */
export type _SchemaMatchesArgs = Assert<z.input<typeof featureStoreSchema> extends FeatureStoreArgs ? true : false>;
