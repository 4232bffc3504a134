import * as z from "zod/mini";
import { SpecError, type SpecIssue } from "../../core/errors";
import { fieldPath } from "../../core/secrets";
import { commonFields, parseSpec } from "../../core/spec";
import { ciCdPipelineSchema } from "../cicd-pipeline/spec";
import { TYPE as FEATURE_STORE } from "../feature-store/plan-base";
import { featureStoreSchema } from "../feature-store/spec";
import { TYPE as SERVICE } from "../inference-service/plan";
import { inferenceServiceSchema } from "../inference-service/spec";
import { TYPE as REGISTRY } from "../model-registry/plan";
import { modelRegistrySchema } from "../model-registry/spec";
import { TYPE as MONITORING } from "../monitoring/slo";
import { MAX_SERVICES, monitoringStackSchema } from "../monitoring/spec";
import { mlopsVpcSchema } from "../network/spec";
import { TYPE as TRAINING } from "../training-cluster/plan";
import { trainingClusterSchema } from "../training-cluster/spec";
import {
  DEFAULT_PART_NAMES,
  type MlopsPlatformArgs,
  type PlatformFeatureStoreArgs,
  type PlatformMonitoringArgs,
  type PlatformNetworkArgs,
  type PlatformPipelineArgs,
  type PlatformRegistryArgs,
  type PlatformServiceArgs,
  type PlatformTrainingArgs,
} from "./args";

export * from "./args";

export const TYPE = "MlopsPlatform";

// Each part is checked by its own component's schema (below), so the platform's schema holds only
// the shape: which parts there are.
const part = <T>() => z.optional(z.custom<T>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "must be an object"));

export const mlopsPlatformSchema = z.strictObject({
  ...commonFields,
  network: part<PlatformNetworkArgs>(),
  registry: part<PlatformRegistryArgs>(),
  featureStore: part<PlatformFeatureStoreArgs>(),
  training: part<PlatformTrainingArgs>(),
  services: z.optional(
    z.record(
      z.string(),
      z.custom<PlatformServiceArgs>((v) => typeof v === "object" && v !== null, "must be an object"),
    ),
  ),
  pipeline: part<PlatformPipelineArgs>(),
  monitoring: part<PlatformMonitoringArgs>(),
});

export type MlopsPlatformSpec = z.output<typeof mlopsPlatformSchema>;

/** A part's spec as its component takes it, less its `name`, the fields the platform wires left as placeholders. */
interface PartCheck {
  /** The field of the platform spec (`registry`, `services.model-api`). */
  path: string;
  component: string;
  name: string;
  schema: z.ZodMiniType;
  args: Record<string, unknown>;
  /** Fields the platform sets: a part that sets them is refused. */
  wired: readonly string[];
  /** What the platform passes for them (only their shape is checked here). */
  placeholders: Record<string, unknown>;
}

const PLACEHOLDER = {};
const ALWAYS_WIRED = ["cloud", "profile"] as const;

/** The name a part takes: its own, else the default. */
export function partName(args: { name?: string | undefined } | undefined, fallback: string): string {
  return args?.name ?? fallback;
}

function withoutName(args: object): Record<string, unknown> {
  const { name: _name, ...rest } = args as Record<string, unknown>;
  return rest;
}

/** Every part present, with what its component's schema will be given. */
function partChecks(name: string, spec: MlopsPlatformSpec): PartCheck[] {
  const checks: PartCheck[] = [];
  const serviceCount = Object.keys(spec.services ?? {}).length;
  if (spec.network)
    checks.push({
      path: "network",
      component: "MlopsVpc",
      name: partName(spec.network, name),
      schema: mlopsVpcSchema,
      args: withoutName(spec.network),
      wired: ALWAYS_WIRED,
      placeholders: {},
    });
  if (spec.registry)
    checks.push({
      path: "registry",
      component: REGISTRY,
      name: partName(spec.registry, DEFAULT_PART_NAMES.registry),
      schema: modelRegistrySchema,
      args: withoutName(spec.registry),
      wired: [...ALWAYS_WIRED, "network"],
      placeholders: { network: PLACEHOLDER },
    });
  if (spec.featureStore)
    checks.push({
      path: "featureStore",
      component: FEATURE_STORE,
      name: partName(spec.featureStore, DEFAULT_PART_NAMES.featureStore),
      schema: featureStoreSchema,
      args: withoutName(spec.featureStore),
      wired: [...ALWAYS_WIRED, "network"],
      placeholders: spec.network ? { network: PLACEHOLDER } : {},
    });
  if (spec.training)
    checks.push({
      path: "training",
      component: TRAINING,
      name: partName(spec.training, DEFAULT_PART_NAMES.training),
      schema: trainingClusterSchema,
      args: withoutName(spec.training),
      wired: [...ALWAYS_WIRED, "network"],
      placeholders: { network: PLACEHOLDER },
    });
  for (const [key, service] of Object.entries(spec.services ?? {})) {
    checks.push({
      path: fieldPath(["services", key]),
      component: SERVICE,
      name: key,
      schema: inferenceServiceSchema,
      args: { ...service },
      wired: [...ALWAYS_WIRED, "network", "registry"],
      placeholders: { network: PLACEHOLDER, ...(spec.registry ? { registry: PLACEHOLDER } : {}) },
    });
  }
  if (spec.pipeline)
    checks.push({
      path: "pipeline",
      component: "CiCdPipeline",
      name: partName(spec.pipeline, DEFAULT_PART_NAMES.pipeline),
      schema: ciCdPipelineSchema,
      args: withoutName(spec.pipeline),
      wired: [...ALWAYS_WIRED, "registry", "services"],
      placeholders: { registry: PLACEHOLDER, services: Array.from({ length: serviceCount }, () => PLACEHOLDER) },
    });
  if (spec.monitoring)
    checks.push({
      path: "monitoring",
      component: MONITORING,
      name: partName(spec.monitoring, DEFAULT_PART_NAMES.monitoring),
      schema: monitoringStackSchema,
      // The service count is the platform's rule to word (below); the schema sees a valid list.
      args: withoutName(spec.monitoring),
      wired: [...ALWAYS_WIRED, "services", "training", "featureStores"],
      placeholders: { services: [PLACEHOLDER] },
    });
  return checks;
}

/** A part's own problems, by its component's schema, as fields of the platform spec. */
function partIssues(check: PartCheck): SpecIssue[] {
  const wired = check.wired.filter((f) => check.args[f] !== undefined);
  if (wired.length > 0) {
    return wired.map((f) => ({ path: `${check.path}.${f}`, message: "is wired by the platform: leave it out" }));
  }
  try {
    parseSpec(check.schema, check.component, check.name, { ...check.args, ...check.placeholders });
    return [];
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    return err.issues.map((i) => ({ path: i.path ? `${check.path}.${i.path}` : check.path, message: i.message }));
  }
}

/** Rules between parts: what a part needs that another provides. */
function crossPartIssues(spec: MlopsPlatformSpec, cloud: () => string): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const services = Object.keys(spec.services ?? {});
  const needsNetwork = (path: string, what: string) =>
    issues.push({ path, message: `needs the platform's network (${what}): add \`network\`` });
  if (!spec.network) {
    if (spec.registry) needsNetwork("registry", "a ModelRegistry is reached through it");
    if (spec.training) needsNetwork("training", "a TrainingCluster's nodes run in it");
    if (services.length > 0) needsNetwork("services", "an InferenceService runs in it");
    if (spec.featureStore && cloud() === "azure")
      needsNetwork("featureStore", "on Azure a FeatureStore is reached through private endpoints");
  }
  if (spec.pipeline && !spec.registry) {
    issues.push({ path: "pipeline", message: "publishes images and models to the platform's registry: add `registry`" });
  }
  if (spec.monitoring && services.length === 0) {
    issues.push({ path: "monitoring", message: "watches the platform's services: add at least one under `services`" });
  }
  if (spec.monitoring && services.length > MAX_SERVICES) {
    issues.push({ path: "services", message: `has ${services.length} services; monitoring watches at most ${MAX_SERVICES}` });
  }
  const known = `one of the platform's services (${services.join(", ") || "none"})`;
  (spec.pipeline?.stages ?? []).forEach((stage, i) => {
    (stage.services ?? []).forEach((s, j) => {
      if (!services.includes(s)) issues.push({ path: `pipeline.stages.${i}.services.${j}`, message: `("${s}") is not ${known}` });
    });
  });
  for (const key of Object.keys(spec.monitoring?.serviceSlos ?? {})) {
    if (!services.includes(key)) issues.push({ path: fieldPath(["monitoring", "serviceSlos", key]), message: `is not ${known}` });
  }
  return issues;
}

/**
 * The platform's spec, every part checked by its component's rules and the parts against each
 * other, before anything registers: one SpecError naming every offending field of the platform spec.
 */
export function parsePlatform(name: string, args: MlopsPlatformArgs, cloud: () => string): MlopsPlatformSpec {
  const spec = parseSpec(mlopsPlatformSchema, TYPE, name, args);
  const issues = [...crossPartIssues(spec, () => spec.cloud ?? cloud()), ...partChecks(name, spec).flatMap(partIssues)];
  if (issues.length > 0) throw new SpecError(TYPE, name, issues);
  return spec;
}

// Keeps the documented interface and the schema in step.
type Assert<T extends true> = T;
/** @internal */
export type _ArgsMatchSchema = Assert<MlopsPlatformArgs extends z.input<typeof mlopsPlatformSchema> ? true : false>;
