import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceValidation } from "@pulumi/policy";

const cache = new Map<string, boolean | undefined>();

/**
 * Whether a resource type's arguments include `property` (`tags`, `labels`), read from the
 * provider SDK's own type declarations: `aws:ec2/route:Route` is declared in
 * `@pulumi/aws/ec2/route.d.ts` as `RouteArgs`, which has no `tags`. Undefined when the SDK is not
 * installed or the type is not found.
 */
export function argsHaveProperty(type: string, property: string): boolean | undefined {
  const key = `${type}#${property}`;
  if (!cache.has(key)) cache.set(key, lookup(type, property));
  return cache.get(key);
}

function lookup(type: string, property: string): boolean | undefined {
  const [pkg, moduleToken, className] = type.split(":");
  if (!pkg || !moduleToken || !className || pkg === "pulumi") return undefined;
  const mod = moduleToken.split("/")[0] ?? "index";
  let root: string;
  try {
    root = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`));
  } catch {
    return undefined;
  }
  const dir = mod === "index" ? root : path.join(root, mod);
  let file: string | undefined;
  try {
    const index = fs.readFileSync(path.join(dir, "index.js"), "utf8");
    // SDK indexes load each class lazily: lazyLoad(exports, ["Route"], () => require("./route"))
    file = new RegExp(`\\[[^\\]]*"${className}"[^\\]]*\\], \\(\\) => require\\("\\./([^"]+)"\\)`).exec(index)?.[1];
  } catch {
    return undefined;
  }
  if (!file) return undefined;
  let dts: string;
  try {
    dts = fs.readFileSync(path.join(dir, `${file}.d.ts`), "utf8");
  } catch {
    return undefined;
  }
  const args = new RegExp(`export interface ${className}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts);
  // A resource without an Args interface takes no inputs at all.
  if (!args) return false;
  return new RegExp(`\\n\\s+${property}\\?:`).test(args[1] ?? "");
}

export const REQUIRED_TAGS_SCHEMA = {
  properties: {
    requiredKeys: {
      type: "array" as const,
      items: { type: "string" as const },
      default: ["managed-by"],
      description: "Keys every taggable resource must carry.",
    },
    exemptTypes: {
      type: "array" as const,
      items: { type: "string" as const },
      default: [] as string[],
      description: "Resource types not to check.",
    },
  },
};

export interface RequiredTagsConfig {
  requiredKeys: string[];
  exemptTypes: string[];
}

/** Tags/labels a provider adds to every resource it manages (`aws:defaultTags`, `gcp:defaultLabels`). */
export function providerDefaults(value: unknown, key?: string): Record<string, unknown> {
  let v = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return {};
    }
  }
  if (key !== undefined && typeof v === "object" && v !== null) v = (v as Record<string, unknown>)[key];
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Tags as a map of key to value. Most resources take a map; a few take a list of `{ key, value }`
 * (an Auto Scaling group's tags, with propagateAtLaunch).
 */
export function tagKeys(tags: unknown): Record<string, unknown> {
  if (Array.isArray(tags)) {
    const out: Record<string, unknown> = {};
    for (const t of tags)
      if (t && typeof t === "object" && typeof (t as { key?: unknown }).key === "string")
        out[(t as { key: string }).key] = (t as { value?: unknown }).value;
    return out;
  }
  return typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>) : {};
}

/** How one cloud spells tags: the type prefix, the property, and where provider-wide ones live. */
export interface TaggingDialect {
  /** Type token prefix: `aws:`, `gcp:`, `azure-native:`. */
  prefix: string;
  /** The cloud's name in messages. */
  cloud: string;
  /** `tags` or `labels`. */
  property: "tags" | "labels";
  /** Tags the resource's provider adds to everything it manages; none when the cloud has no such thing. */
  providerTags?: (provider: Record<string, unknown> | undefined) => Record<string, unknown>;
}

/**
 * The one check behind every cloud's required-tags rule: a resource whose type takes tags (as its
 * SDK declares) carries every required key, its provider's default tags counting.
 */
export function requiredTagsValidation(dialect: TaggingDialect): ResourceValidation {
  const { prefix, cloud, property } = dialect;
  return (args, report) => {
    if (!args.type.startsWith(prefix)) args.notApplicable(`Policy only applies to ${cloud} resources`);
    const { requiredKeys, exemptTypes } = args.getConfig<RequiredTagsConfig>();
    if (exemptTypes.includes(args.type)) args.notApplicable(`${args.type} is exempt`);
    // The SDK's declarations say which types take tags; GCP's networks, firewalls and routers take none.
    if (!(argsHaveProperty(args.type, property) ?? property in args.props)) args.notApplicable(`${args.type} takes no ${property}`);
    const present = { ...dialect.providerTags?.(args.provider?.props), ...tagKeys(args.props[property]) };
    const missing = requiredKeys.filter((k) => !(k in present));
    if (missing.length > 0) report(`missing ${property}: ${missing.join(", ")}.`);
  };
}
