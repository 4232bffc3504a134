import * as crypto from "node:crypto";
import type { Plan, PlanResource } from "../plan";
import type { TerraformDiagnostic } from "./diagnostic";
import { knownDifference } from "./differences";
import { autoNameRule, schemaField, terraformName, terraformType } from "./names";
import { ReferenceResolver, type Replacement, UNKNOWN_EXPRESSION, UNKNOWN_SOURCE } from "./references";
import type { AttributeType, ResourceSchemas, SchemaAttribute, SchemaBlock, SchemaBlockType } from "./schema";

/** A converted resource: where it is in the terraform configuration and where it came from. */
export interface ConvertedResource {
  resource: PlanResource;
  tfType: string;
  /** `<type>.<name>`, the terraform address. */
  address: string;
  /** Terraform attribute path (`access_logs.0.bucket`) -> Pulumi property path (`accessLogs.bucket`). */
  properties: Map<string, string>;
}

export interface Conversion {
  /** The terraform resources, by type and name (the `resource` object of a `.tf.json` file). */
  resources: Record<string, Record<string, unknown>>;
  converted: Map<string, ConvertedResource>;
  /** Properties (and types) the conversion could not map: reported, never dropped silently. */
  problems: TerraformDiagnostic[];
}

const UNKNOWN_KEY = "__pulumiUnknown";

/**
 * Converts the `aws:` resources of a plan into terraform resources of terraform-provider-aws,
 * driven by the provider's schema: type tokens to resource types, camelCase to the terraform
 * names, flattened single blocks and pluralised block lists back to blocks, values that came from
 * other resources' outputs to references, secrets to unknowns, and the auto-names Pulumi would
 * give. Resources read with `.get()` are not managed and are left out. `namePrefix` keeps the
 * resources of several plans apart in one configuration.
 */
export function convertPlan(plan: Plan, schemas: ResourceSchemas, namePrefix = ""): Conversion {
  const conversion: Conversion = { resources: {}, converted: new Map(), problems: [] };
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const managed = plan.resources.filter((r) => r.custom && r.type.startsWith("aws:") && r.readId === undefined);
  const taken = new Set<string>();
  for (const r of managed) {
    const tfType = terraformType(r.type, schemas);
    if (!tfType) {
      conversion.problems.push(problem(r, undefined, `no terraform-provider-aws resource type for ${r.type}`));
      continue;
    }
    const base = `${tfType}.${terraformName(namePrefix + r.name)}`;
    let address = base;
    for (let n = 2; taken.has(address); n++) address = `${base}_${n}`;
    taken.add(address);
    conversion.converted.set(r.urn, { resource: r, tfType, address, properties: new Map() });
  }
  const resolver = new ReferenceResolver(byUrn, { addressOf: (urn) => conversion.converted.get(urn) }, schemas);
  for (const c of conversion.converted.values()) {
    const schema = schemas[c.tfType]?.block ?? {};
    const body = convertResource(c, schema, resolver, conversion.problems);
    const [type, name] = splitAddress(c.address);
    conversion.resources[type] = { ...conversion.resources[type], [name]: body };
  }
  if (conversion.converted.size > 0) Object.assign(conversion.resources, UNKNOWN_SOURCE);
  return conversion;
}

function convertResource(c: ConvertedResource, schema: SchemaBlock, resolver: ReferenceResolver, problems: TerraformDiagnostic[]) {
  const r = c.resource;
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r.inputs)) {
    // A value from another resource's output that the mocks leave out (an output they do not
    // compute, e.g. a record's fqdn) is unknown in a real preview, not absent.
    const dependent = (r.propertyDependencies[key] ?? []).length > 0;
    if ((value === undefined || value === null) && !dependent) continue;
    const field = schemaField(schema, key, c.tfType);
    if (!field || (field.kind === "attribute" && !field.attribute.optional && !field.attribute.required)) {
      // Only where v5.100 has no argument for it: a known difference never hides a real argument.
      if (knownDifference(c.tfType, key)) continue;
      problems.push(
        problem(
          r,
          key,
          field ? `${field.name} is not an argument of ${c.tfType} (computed only)` : `no argument of ${c.tfType} for ${key}`,
        ),
      );
      continue;
    }
    const ctx: Walk = {
      c,
      problems,
      resolver,
      replacements: resolver.replacementsFor(key, r.propertyDependencies[key] ?? []),
      dependent,
    };
    if (value === undefined || value === null) {
      if (field.kind === "attribute") body[field.name] = UNKNOWN_EXPRESSION;
      continue;
    }
    body[field.name] =
      field.kind === "attribute"
        ? convertValue(attributeType(field.attribute), value, ctx, [field.name], key)
        : convertBlock(field.blockType, value, ctx, [field.name], key);
  }
  autoName(c, schema, body, problems);
  return body;
}

/**
 * pulumi-aws auto-names a resource whose name argument the program leaves unset: the logical name,
 * "-" and 7 random hex characters (tfbridge.AutoName). The provider validates that name like any
 * other, so the check does too, with a stable hash of the URN for the random part. Where the
 * bridge caps the length, it refuses a longer name before the provider sees it, with its own words.
 */
function autoName(c: ConvertedResource, schema: SchemaBlock, body: Record<string, unknown>, problems: TerraformDiagnostic[]): void {
  const rule = autoNameRule(c.tfType);
  const field = schema.attributes?.[rule.field];
  if (!field || !(field.optional || field.required) || rule.field in body || `${rule.field}_prefix` in body) return;
  const prefix = `${rule.lowercase ? c.resource.name.toLowerCase() : c.resource.name}-`;
  const property = `${rule.field === "name" ? "name" : camelCase(rule.field)} (auto-named by Pulumi)`;
  if (prefix.length + 7 > rule.maxLength) {
    problems.push({
      severity: "error",
      stage: "pulumi",
      urn: c.resource.urn,
      type: c.resource.type,
      property,
      summary: `name '${prefix}' plus 7 random chars is longer than maximum length ${rule.maxLength}`,
      detail: "pulumi-aws refuses the auto-name before the provider sees it; give the resource a shorter logical name or an explicit name",
    });
    return;
  }
  const suffix = crypto.createHash("sha256").update(c.resource.urn).digest("hex").slice(0, 7);
  body[rule.field] = `${prefix}${suffix}`;
  c.properties.set(rule.field, property);
}

function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

interface Walk {
  c: ConvertedResource;
  problems: TerraformDiagnostic[];
  resolver: ReferenceResolver;
  replacements: Replacement[];
  /** The value came (in part) from other resources' outputs: a null in it is an output the mocks did not give. */
  dependent: boolean;
}

function convertBlock(blockType: SchemaBlockType, value: unknown, ctx: Walk, tfPath: string[], pulumiPath: string): unknown {
  ctx.c.properties.set(tfPath.join("."), pulumiPath);
  if (isUnknown(value)) {
    ctx.problems.push(problem(ctx.c.resource, pulumiPath, "a block whose value is unknown cannot be checked", "warning"));
    return undefined;
  }
  if (blockType.nesting_mode === "single" || blockType.nesting_mode === "group") {
    return convertObject(blockType.block, value, ctx, tfPath, pulumiPath);
  }
  if (blockType.nesting_mode === "map") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(asObject(value)))
      out[k] = convertObject(blockType.block, v, ctx, [...tfPath, k], `${pulumiPath}.${k}`);
    return out;
  }
  // Pulumi flattens a list or set block of at most one item into the item itself.
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, i) =>
    convertObject(blockType.block, item, ctx, [...tfPath, String(i)], Array.isArray(value) ? `${pulumiPath}[${i}]` : pulumiPath),
  );
}

function convertObject(block: SchemaBlock, value: unknown, ctx: Walk, tfPath: string[], pulumiPath: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  ctx.c.properties.set(tfPath.join("."), pulumiPath);
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    ctx.problems.push(problem(ctx.c.resource, pulumiPath, `expected an object for ${tfPath.join(".")}, got ${JSON.stringify(value)}`));
    return out;
  }
  for (const [key, v] of Object.entries(asObject(value))) {
    if (v === undefined || v === null) continue;
    const path = `${pulumiPath}.${key}`;
    const field = schemaField(block, key);
    if (!field || (field.kind === "attribute" && !field.attribute.optional && !field.attribute.required)) {
      ctx.problems.push(
        problem(ctx.c.resource, path, field ? `${field.name} is computed only` : `no argument for ${key} at ${tfPath.join(".")}`),
      );
      continue;
    }
    out[field.name] =
      field.kind === "attribute"
        ? convertValue(attributeType(field.attribute), v, ctx, [...tfPath, field.name], path)
        : convertBlock(field.blockType, v, ctx, [...tfPath, field.name], path);
  }
  return out;
}

/** Attributes of the plugin framework may have a nested type instead of a type. */
function attributeType(a: SchemaAttribute): AttributeType {
  if (a.type) return a.type;
  if (!a.nested_type) return "dynamic";
  const object: AttributeType = [
    "object",
    Object.fromEntries(Object.entries(a.nested_type.attributes).map(([k, v]) => [k, attributeType(v)])),
  ];
  return a.nested_type.nesting_mode === "single" ? object : [a.nested_type.nesting_mode, object];
}

function convertValue(type: AttributeType, value: unknown, ctx: Walk, tfPath: string[], pulumiPath: string): unknown {
  ctx.c.properties.set(tfPath.join("."), pulumiPath);
  if (isUnknown(value) || (value === null && ctx.dependent)) return UNKNOWN_EXPRESSION;
  // A list attribute of at most one item is flattened by Pulumi, as blocks are.
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set") && !Array.isArray(value)) {
    return convertValue(type, [value], ctx, tfPath, pulumiPath);
  }
  if (typeof value === "string") return ctx.resolver.resolve(value, ctx.replacements);
  if (typeof value !== "object" || value === null) return value;
  if (typeof type === "string") return type === "dynamic" ? convertDynamic(value, ctx) : value;
  const [kind, elem] = type;
  if (kind === "list" || kind === "set") {
    return (value as unknown[]).map((v, i) => convertValue(elem as AttributeType, v, ctx, [...tfPath, String(i)], `${pulumiPath}[${i}]`));
  }
  if (kind === "map") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(asObject(value)))
      out[ctx.resolver.resolve(k, [])] = convertValue(elem as AttributeType, v, ctx, [...tfPath, k], `${pulumiPath}.${k}`);
    return out;
  }
  if (kind === "object") {
    const types = elem as Record<string, AttributeType>;
    const attributes = Object.fromEntries(Object.entries(types).map(([k, t]) => [k, { type: t, optional: true }]));
    // A value of an object type has every attribute of the type: the ones Pulumi leaves out are null
    // (security group rules are such objects: "attributes as blocks" in terraform's words).
    const nulls = Object.fromEntries(Object.keys(types).map((k) => [k, null]));
    return { ...nulls, ...convertObject({ attributes }, value, ctx, tfPath, pulumiPath) };
  }
  return convertDynamic(value, ctx);
}

function convertDynamic(value: unknown, ctx: Walk): unknown {
  if (isUnknown(value)) return UNKNOWN_EXPRESSION;
  if (typeof value === "string") return ctx.resolver.resolve(value, ctx.replacements);
  if (Array.isArray(value)) return value.map((v) => convertDynamic(v, ctx));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertDynamic(v, ctx)]));
  return value;
}

function isUnknown(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[UNKNOWN_KEY] === true;
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function splitAddress(address: string): [string, string] {
  const dot = address.indexOf(".");
  return [address.slice(0, dot), address.slice(dot + 1)];
}

function problem(
  r: PlanResource,
  property: string | undefined,
  summary: string,
  severity: "error" | "warning" = "error",
): TerraformDiagnostic {
  return {
    severity,
    stage: "convert",
    urn: r.urn,
    type: r.type,
    ...(property ? { property } : {}),
    summary,
    detail: "the property is not checked: the conversion to terraform-provider-aws's schema cannot map it",
  };
}
