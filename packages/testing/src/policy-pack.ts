import * as fs from "node:fs";
import * as path from "node:path";

// Policy packs for offline evaluation (@pulumi/policy 1.21): loading a pack's policies without
// starting its gRPC server, and resolving their configuration as the Pulumi CLI does (schema
// defaults, then the config file). Evaluation is in policy.ts.

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** The parts of a @pulumi/policy `Policy` the evaluator reads; packs' policies have more. */
export interface PolicyLike {
  name: string;
  description: string;
  enforcementLevel?: EnforcementLevel;
  severity?: string;
  configSchema?: { properties: Record<string, unknown>; required?: string[] };
  validateResource?: unknown;
  validateStack?: unknown;
  remediateResource?: unknown;
}

export interface JsonSchema {
  type?: "string" | "number" | "integer" | "boolean" | "array" | "object" | "null";
  enum?: unknown[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  description?: string;
  [key: string]: unknown;
}

/** The @pulumi/policy modules a pack resolves: its unknown-value proxy must be the one its code catches. */
export interface PolicySdk {
  unknownCheckingProxy(value: unknown): Record<string, unknown>;
  UnknownValueError: new (...args: never[]) => Error;
  /** The sentinel the engine sends for an unknown value (rpc's unknownValue). */
  unknownStringValue: string;
}

export interface PolicyPackInfo {
  name: string;
  version: string;
  /** The pack-wide default level (`PolicyPackArgs.enforcementLevel`, else advisory). */
  enforcementLevel: EnforcementLevel;
  policies: PolicyLike[];
  /** Where the pack was loaded from. */
  dir?: string;
  sdk: PolicySdk;
}

/**
 * Policy configuration as in a Pulumi policy config file (`--policy-pack-config`): per policy name
 * an enforcement level, or an object with `enforcementLevel` and the policy's own parameters; the
 * key `all` sets the level of every policy.
 */
export type PolicyConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

/** A configuration problem: unknown policy, bad level, parameter of the wrong type. */
export class PolicyConfigError extends Error {
  override name = "PolicyConfigError";
}

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function loadSdk(fromDir: string): PolicySdk {
  const proxy = require(require.resolve("@pulumi/policy/proxy", { paths: [fromDir] }));
  return {
    unknownCheckingProxy: proxy.unknownCheckingProxy,
    UnknownValueError: proxy.UnknownValueError,
    unknownStringValue: proxy.unknownStringValue,
  };
}

/**
 * Loads a policy pack project (PulumiPolicy.yaml + package.json + its `main`) and captures the
 * policies its `new PolicyPack(...)` would serve, without starting the gRPC server: the server's
 * `serve` is replaced while the pack loads. `new PolicyPack` reads the version from the
 * package.json of the working directory, as under the Pulumi CLI (which starts the pack in its own
 * directory); the working directory is the pack's while it loads. TypeScript packs need a
 * TypeScript hook (`@mlops-kit/testing/register`) registered, as the `mlops` CLI and the test setup do.
 */
export function loadPolicyPack(dir: string): PolicyPackInfo {
  const packDir = path.resolve(dir);
  if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
    throw new PolicyConfigError(`${packDir} is not a policy pack: it has no PulumiPolicy.yaml`);
  }
  if (!fs.existsSync(path.join(packDir, "package.json"))) {
    throw new PolicyConfigError(`${packDir} has no package.json (a policy pack takes its version from it)`);
  }
  const server = require(require.resolve("@pulumi/policy/server", { paths: [packDir] }));
  const captured: { name: string; version: string; enforcementLevel: EnforcementLevel; policies: PolicyLike[] }[] = [];
  const originalServe = server.serve;
  server.serve = (name: string, version: string, enforcementLevel: EnforcementLevel, args: { policies?: PolicyLike[] }) => {
    captured.push({ name, version, enforcementLevel, policies: args.policies ?? [] });
  };
  // The pack's own modules are loaded afresh, so that loading a pack twice captures it twice.
  const prefix = packDir + path.sep;
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(prefix) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[key];
  }
  const cwd = process.cwd();
  try {
    process.chdir(packDir);
    require(packDir);
  } finally {
    process.chdir(cwd);
    server.serve = originalServe;
  }
  const pack = captured[0];
  if (!pack || captured.length > 1) {
    throw new PolicyConfigError(`${packDir}: expected the pack to construct one PolicyPack, it constructed ${captured.length}`);
  }
  return { ...pack, dir: packDir, sdk: loadSdk(packDir) };
}

/** A pack made of policies in hand (for tests of single rules). */
export function policyPack(name: string, policies: PolicyLike[], enforcementLevel: EnforcementLevel = "advisory"): PolicyPackInfo {
  return { name, version: "0.0.0", enforcementLevel, policies, sdk: loadSdk(__dirname) };
}

/** Reads a policy config file (JSON). */
export function readPolicyConfig(file: string): PolicyConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PolicyConfigError(
      `${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not valid JSON: ${(err as Error).message}`}`,
    );
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw new PolicyConfigError(`${file}: must be a JSON object keyed by policy name`);
  return doc as PolicyConfig;
}

export interface ResolvedPolicy {
  pack: PolicyPackInfo;
  policy: PolicyLike;
  level: EnforcementLevel;
  properties: Record<string, unknown>;
}

/**
 * Resolves each policy's level and parameters the way the Pulumi CLI does before it configures a
 * pack: the policy's level (else the pack's), its schema defaults, then the config's `all` level,
 * then the config's entry for the policy; parameters are checked against the policy's schema.
 */
export function resolvePolicyConfig(packs: PolicyPackInfo[], config: PolicyConfig = {}): ResolvedPolicy[] {
  const known = new Set(packs.flatMap((p) => p.policies.map((x) => x.name)));
  for (const key of Object.keys(config)) {
    if (key !== "all" && !known.has(key)) {
      throw new PolicyConfigError(`policy config: no policy "${key}" in ${packs.map((p) => p.name).join(", ") || "the packs"}`);
    }
  }
  const all = config.all;
  if (all !== undefined && (typeof all !== "string" || !LEVELS.includes(all))) {
    throw new PolicyConfigError(`policy config: "all" must be one of ${LEVELS.join(", ")}`);
  }
  return packs.flatMap((pack) =>
    pack.policies.map((policy) => {
      let level: EnforcementLevel = policy.enforcementLevel ?? pack.enforcementLevel;
      const properties: Record<string, unknown> = {};
      for (const [k, s] of Object.entries((policy.configSchema?.properties ?? {}) as Record<string, JsonSchema>)) {
        if (s.default !== undefined) properties[k] = structuredClone(s.default);
      }
      if (typeof all === "string") level = all;
      const entry = config[policy.name];
      if (typeof entry === "string") {
        if (!LEVELS.includes(entry))
          throw new PolicyConfigError(`policy config: ${policy.name}: "${entry}" is not one of ${LEVELS.join(", ")}`);
        level = entry;
      } else if (entry !== undefined) {
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
          throw new PolicyConfigError(`policy config: ${policy.name} must be an enforcement level or an object`);
        }
        const { enforcementLevel, ...props } = entry;
        if (enforcementLevel !== undefined) {
          if (!LEVELS.includes(enforcementLevel)) {
            throw new PolicyConfigError(
              `policy config: ${policy.name}.enforcementLevel: "${enforcementLevel}" is not one of ${LEVELS.join(", ")}`,
            );
          }
          level = enforcementLevel;
        }
        const schema = (policy.configSchema?.properties ?? {}) as Record<string, JsonSchema>;
        for (const [k, v] of Object.entries(props)) {
          const s = schema[k];
          if (!s) {
            const names = Object.keys(schema);
            throw new PolicyConfigError(
              `policy config: ${policy.name} has no parameter "${k}"${names.length ? `; it takes ${names.join(", ")}` : ""}`,
            );
          }
          const problem = checkSchema(v, s);
          if (problem) throw new PolicyConfigError(`policy config: ${policy.name}.${k}: ${problem}`);
          properties[k] = v;
        }
      }
      for (const r of policy.configSchema?.required ?? []) {
        if (properties[r] === undefined) throw new PolicyConfigError(`policy config: ${policy.name}.${r} is required`);
      }
      return { pack, policy, level, properties };
    }),
  );
}

/** The JSON Schema checks policy schemas here use: type, enum, items, minimum, maximum. */
function checkSchema(value: unknown, schema: JsonSchema): string | undefined {
  const t = schema.type;
  const actual = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  if (t === "integer" ? !Number.isInteger(value) : t !== undefined && t !== actual) return `expected ${t}, got ${actual}`;
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    return `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`;
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return `must be >= ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `must be <= ${schema.maximum}`;
  }
  if (Array.isArray(value) && schema.items) {
    for (const [i, item] of value.entries()) {
      const p = checkSchema(item, schema.items);
      if (p) return `[${i}]: ${p}`;
    }
  }
  return undefined;
}
