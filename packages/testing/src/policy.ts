import * as fs from "node:fs";
import { type Plan, SECRET_PLACEHOLDER } from "./plan";
import {
  type EnforcementLevel,
  type PolicyConfig,
  type PolicyPackInfo,
  type PolicySdk,
  type ResolvedPolicy,
  resolvePolicyConfig,
} from "./policy-pack";

// Offline evaluation of Pulumi policy packs (@pulumi/policy 1.21): a pack's policies (loaded by
// policy-pack.ts) are called with the arguments the analyzer server (@pulumi/policy/server.js:
// makeAnalyzeRpcFun, makeAnalyzeStackRpcFun) builds from the engine's requests.

export interface PolicyViolation {
  policyPack: string;
  policyPackVersion: string;
  policyName: string;
  /** The policy's description. */
  description: string;
  /** What the rule said about this resource (without the description). */
  detail: string;
  /** The message as the engine shows it: the description, then the detail on the next line. */
  message: string;
  enforcementLevel: "advisory" | "mandatory";
  severity?: string;
  /** The resource the violation is about: the analyzed resource, or the URN a stack policy named. */
  urn?: string;
  type?: string;
  name?: string;
  /** From a resource policy (`validateResource`) or a stack policy (`validateStack`). */
  kind: "resource" | "stack";
  /** The policy read a value that is unknown until deployment; the engine reports these as advisory. */
  unknown?: boolean;
  /** The policy read a secret, whose value the plan masks: it could not decide, so it is advisory. */
  secret?: boolean;
}

export interface PolicyReport {
  project: string;
  stack: string;
  packs: { name: string; version: string; policies: number; dir?: string }[];
  /** Enabled policies evaluated. */
  policies: number;
  /** Resources in the plan. */
  resources: number;
  violations: PolicyViolation[];
  mandatory: number;
  advisory: number;
  notApplicable: { policyPack: string; policyName: string; urn?: string; reason: string }[];
}

export interface EvaluateOptions {
  /** Policy configuration (levels and parameters), keyed by policy name across all packs. */
  config?: PolicyConfig;
  /**
   * The stack's configuration (`namespace:key` -> text), as `synthProject` returns it. The real
   * analyzer process sees it as PULUMI_CONFIG; it also gives the default providers their inputs.
   */
  stackConfig?: Record<string, string>;
  /** Stack tags, as the service would send them. @default { "pulumi:project": <project> } */
  stackTags?: Record<string, string>;
  /** Where to resolve provider SDK versions for default providers. @default the current directory */
  projectDir?: string;
}

class NotApplicableError extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? "Policy does not apply");
  }
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason);
}

// ---- Arguments as the analyzer builds them -------------------------------------------------------

/**
 * A policy read a secret. The plan holds `[secret]` in its place, and a rule that compared the
 * mask would pass or fail on it (`cidrBlocks: "[secret]"` is not `0.0.0.0/0`); it is stopped at
 * the read instead, for every rule alike, and reported as advisory: cannot be checked.
 */
export class SecretValueError extends Error {
  constructor(readonly props: PropertyKey[]) {
    super(`cannot be checked: secret value at .${props.map(String).join(".")}`);
  }
}

/** Stands for a secret in the props a policy sees; never equal to anything a plan holds. */
const SECRET_SENTINEL = "mlops-kit:secret:2b1f0c8e-7d4a-4c55-9a51-3c1e2f9b7a10";

/**
 * The props a policy sees: unknowns as the SDK's unknown-checking proxy has them, and every read
 * of a secret throwing {@link SecretValueError}.
 */
function policyProps(inputs: Record<string, unknown>, sdk: PolicySdk): unknown {
  return secretCheckingProxy(sdk.unknownCheckingProxy(toWire(inputs, sdk.unknownStringValue)), []);
}

function secretCheckingProxy(target: unknown, at: PropertyKey[]): unknown {
  if (!(target instanceof Object)) return target;
  return new Proxy(target as object, {
    get: (obj, prop) => {
      const value = Reflect.get(obj, prop);
      if (typeof prop === "symbol") return value;
      if (value === SECRET_SENTINEL) throw new SecretValueError([...at, prop]);
      // The V8 proxy invariant: a non-configurable, non-writable data property is returned as it is.
      const desc = Object.getOwnPropertyDescriptor(obj, prop);
      if (desc && "value" in desc && desc.configurable === false && desc.writable === false) return value;
      return secretCheckingProxy(value, [...at, prop]);
    },
  });
}

/** Plan unknowns (`{__pulumiUnknown: true}`) become the engine's unknown sentinel, as in preview. */
function toWire(value: unknown, unknown: string): unknown {
  if (value === SECRET_PLACEHOLDER) return SECRET_SENTINEL;
  if (Array.isArray(value)) return value.map((v) => toWire(v, unknown));
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  if (obj.__pulumiUnknown === true) return unknown;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = toWire(v, unknown);
  return out;
}

interface AnalyzedResource {
  type: string;
  name: string;
  urn: string;
  inputs: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  provider?: { type: string; name: string; urn: string; inputs: Record<string, unknown> };
  /** Read with `.get()`: the engine does not analyze reads. */
  read: boolean;
}

function resourceOptions(r: AnalyzedResource) {
  // What getResourceOptions builds from AnalyzerResourceOptions. The protocol has no
  // retainOnDelete; offline we add it, and rules must not assume it is there.
  return {
    protect: r.protect,
    ignoreChanges: [] as string[],
    aliases: [] as string[],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [] as string[],
    ...(r.parent ? { parent: r.parent } : {}),
    retainOnDelete: r.retainOnDelete,
  };
}

function pulumiTypeOf(resourceClass: unknown): string | undefined {
  const t = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const t = pulumiTypeOf(resourceClass);
  if (t) return type === t;
  const isInstance = (resourceClass as { isInstance?: unknown })?.isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/**
 * The resources the engine would analyze: the plan's, with their providers. Resources without an
 * explicit provider get the default provider the engine would create for their package
 * (`pulumi:providers:<pkg>::default_<version>`), whose inputs are the stack's `<pkg>:*` settings.
 */
function analyzedResources(plan: Plan, options: EvaluateOptions): { analyzed: AnalyzedResource[]; defaults: AnalyzedResource[] } {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const defaults = new Map<string, AnalyzedResource>();
  const defaultProvider = (pkg: string): AnalyzedResource => {
    const existing = defaults.get(pkg);
    if (existing) return existing;
    const version = sdkVersion(pkg, options.projectDir ?? process.cwd());
    const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
    const inputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(options.stackConfig ?? {})) {
      if (k.startsWith(`${pkg}:`)) inputs[k.slice(pkg.length + 1)] = v;
    }
    if (version) inputs.version = version;
    const p: AnalyzedResource = {
      type: `pulumi:providers:${pkg}`,
      name,
      urn: `urn:pulumi:${plan.stack}::${plan.project}::pulumi:providers:${pkg}::${name}`,
      inputs,
      protect: false,
      retainOnDelete: false,
      dependencies: [],
      propertyDependencies: {},
      read: false,
    };
    defaults.set(pkg, p);
    return p;
  };
  const analyzed = plan.resources.map((r): AnalyzedResource => {
    const a: AnalyzedResource = {
      type: r.type,
      name: r.name,
      urn: r.urn,
      inputs: r.inputs,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      read: r.readId !== undefined,
      ...(r.parent ? { parent: r.parent } : {}),
    };
    const pkg = r.type.split(":")[0] ?? "";
    if (r.provider) {
      const providerUrn = r.provider.slice(0, r.provider.lastIndexOf("::"));
      const p = byUrn.get(providerUrn);
      if (p) a.provider = { type: p.type, name: p.name, urn: p.urn, inputs: p.inputs };
    } else if (r.custom && pkg !== "pulumi" && !r.type.startsWith("pulumi:providers:")) {
      const p = defaultProvider(pkg);
      a.provider = { type: p.type, name: p.name, urn: p.urn, inputs: p.inputs };
    }
    return a;
  });
  return { analyzed, defaults: [...defaults.values()] };
}

function sdkVersion(pkg: string, fromDir: string): string | undefined {
  try {
    const file = require.resolve(`@pulumi/${pkg}/package.json`, { paths: [fromDir, __dirname] });
    const version = JSON.parse(fs.readFileSync(file, "utf8")).version;
    return typeof version === "string" ? version.replace(/^v/, "") : undefined;
  } catch {
    return undefined;
  }
}

/** Sets the environment the Pulumi CLI gives a policy pack process, for the duration of `run`. */
async function withPackEnvironment<T>(plan: Plan, stackConfig: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const vars: Record<string, string> = {
    PULUMI_STACK: plan.stack,
    PULUMI_NODEJS_STACK: plan.stack,
    PULUMI_PROJECT: plan.project,
    PULUMI_NODEJS_PROJECT: plan.project,
    PULUMI_CONFIG: JSON.stringify(stackConfig),
    PULUMI_DRY_RUN: "true",
    PULUMI_NODEJS_DRY_RUN: "true",
  };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** What every violation says of the policy that reported it. */
function violationOf(
  rp: ResolvedPolicy,
): Pick<PolicyViolation, "policyPack" | "policyPackVersion" | "policyName" | "description" | "severity"> {
  return {
    policyPack: rp.pack.name,
    policyPackVersion: rp.pack.version,
    policyName: rp.policy.name,
    description: rp.policy.description,
    ...(rp.policy.severity ? { severity: rp.policy.severity } : {}),
  };
}

/**
 * Evaluates policy packs on a plan: every enabled resource policy on every resource (as `pulumi
 * preview` analyzes each resource it registers), then every stack policy on all of them.
 */
export async function evaluatePolicies(plan: Plan, packs: PolicyPackInfo[], options: EvaluateOptions = {}): Promise<PolicyReport> {
  const resolved = resolvePolicyConfig(packs, options.config);
  const stackConfig = options.stackConfig ?? {};
  const stackTags = freezeMap(new Map(Object.entries(options.stackTags ?? { "pulumi:project": plan.project })));
  const { analyzed, defaults } = analyzedResources(plan, options);
  const everything = [...defaults, ...analyzed];
  const violations: PolicyViolation[] = [];
  const notApplicable: PolicyReport["notApplicable"] = [];
  const byUrn = new Map(everything.map((r) => [r.urn, r]));

  const report = (rp: ResolvedPolicy, kind: "resource" | "stack", subject: AnalyzedResource | undefined) => {
    const level = rp.level === "remediate" ? "mandatory" : (rp.level as "advisory" | "mandatory");
    // makeReportViolationFun: a string message is appended to the description; an object may
    // set its own message, urn and level.
    return (message: unknown, urnArg?: string) => {
      let detail: string;
      let urn = urnArg;
      let enforcementLevel = level;
      if (typeof message === "object" && message !== null) {
        const m = message as { message?: string; urn?: string; enforcementLevel?: EnforcementLevel };
        detail = m.message ?? "";
        urn = m.urn;
        if (m.enforcementLevel === "advisory" || m.enforcementLevel === "mandatory") enforcementLevel = m.enforcementLevel;
      } else {
        detail = typeof message === "string" ? message : "";
      }
      urn = urn ?? subject?.urn;
      const target = urn ? byUrn.get(urn) : undefined;
      violations.push({
        ...violationOf(rp),
        detail,
        message: detail && typeof message !== "object" ? `${rp.policy.description}\n${detail}` : detail || rp.policy.description,
        enforcementLevel,
        ...(urn ? { urn } : {}),
        ...(target ? { type: target.type, name: target.name } : {}),
        kind,
      });
    };
  };

  const failed = (rp: ResolvedPolicy, kind: "resource" | "stack", subject: AnalyzedResource | undefined, err: unknown) => {
    if (err instanceof rp.pack.sdk.UnknownValueError) {
      const detail = `can't run policy '${rp.policy.name}' from policy pack '${rp.pack.name}@v${rp.pack.version}' during preview: ${err.message}`;
      violations.push({
        ...violationOf(rp),
        detail,
        message: detail,
        enforcementLevel: "advisory",
        ...(subject ? { urn: subject.urn, type: subject.type, name: subject.name } : {}),
        kind,
        unknown: true,
      });
    } else if (err instanceof SecretValueError) {
      violations.push({
        ...violationOf(rp),
        detail: err.message,
        message: `${rp.policy.description}\n${err.message}`,
        enforcementLevel: "advisory",
        ...(subject ? { urn: subject.urn, type: subject.type, name: subject.name } : {}),
        kind,
        secret: true,
      });
    } else if (err instanceof NotApplicableError) {
      notApplicable.push({
        policyPack: rp.pack.name,
        policyName: rp.policy.name,
        ...(subject ? { urn: subject.urn } : {}),
        reason: err.reason ?? "",
      });
    } else {
      const e = err instanceof Error ? err : new Error(String(err));
      e.message = `Error validating ${subject ? `resource ${subject.urn}` : "the stack"} with policy '${rp.policy.name}' from policy pack '${rp.pack.name}@v${rp.pack.version}': ${e.message}`;
      throw e;
    }
  };

  return withPackEnvironment(plan, stackConfig, async () => {
    const enabled = resolved.filter((rp) => rp.level !== "disabled");
    for (const r of everything.filter((x) => !x.read)) {
      for (const rp of enabled) {
        const v = rp.policy.validateResource;
        if (v === undefined) continue;
        const validations = (Array.isArray(v) ? v : [v]) as ((args: unknown, report: unknown) => unknown)[];
        const fastType = Array.isArray(v) ? undefined : pulumiTypeOf(v);
        if (fastType && fastType !== r.type) {
          notApplicable.push({
            policyPack: rp.pack.name,
            policyName: rp.policy.name,
            urn: r.urn,
            reason: `Policy only applies to resources of type '${fastType}'`,
          });
          continue;
        }
        for (const validate of validations) {
          try {
            const props = policyProps(r.inputs, rp.pack.sdk);
            const args: Record<string, unknown> = {
              type: r.type,
              props,
              urn: r.urn,
              name: r.name,
              opts: resourceOptions(r),
              stackTags,
              isType: (cls: unknown) => isTypeOf(r.type, cls),
              asType: (cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined),
              getConfig: () => structuredClone(rp.properties),
              notApplicable: throwNotApplicable,
            };
            if (r.provider) args.provider = providerArg(r.provider, rp.pack.sdk);
            await validate(args, report(rp, "resource", r));
          } catch (err) {
            failed(rp, "resource", r, err);
          }
        }
      }
    }

    for (const rp of enabled) {
      const validateStack = rp.policy.validateStack as ((args: unknown, report: unknown) => unknown) | undefined;
      if (typeof validateStack !== "function") continue;
      const fastType = pulumiTypeOf(validateStack);
      if (fastType && !everything.some((r) => r.type === fastType)) {
        notApplicable.push({
          policyPack: rp.pack.name,
          policyName: rp.policy.name,
          reason: `Policy only applies to resources of type '${fastType}'`,
        });
        continue;
      }
      try {
        const objects = new Map<string, Record<string, unknown>>();
        for (const r of everything) {
          const props = policyProps(r.inputs, rp.pack.sdk);
          const o: Record<string, unknown> = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: resourceOptions(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls: unknown) => isTypeOf(r.type, cls),
            asType: (cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined),
          };
          if (r.provider) o.provider = providerArg(r.provider, rp.pack.sdk);
          objects.set(r.urn, o);
        }
        for (const r of everything) {
          const o = objects.get(r.urn) as Record<string, unknown>;
          const parent = r.parent ? objects.get(r.parent) : undefined;
          if (parent) o.parent = parent;
          o.dependencies = r.dependencies.map((d) => objects.get(d)).filter((d) => d !== undefined);
          const pd: Record<string, unknown[]> = {};
          // The engine leaves out properties without dependencies.
          for (const [k, urns] of Object.entries(r.propertyDependencies)) {
            if (urns.length > 0) pd[k] = urns.map((d) => objects.get(d)).filter((d) => d !== undefined);
          }
          o.propertyDependencies = pd;
        }
        const args = {
          resources: [...objects.values()],
          getConfig: () => structuredClone(rp.properties),
          stackTags,
          notApplicable: throwNotApplicable,
        };
        await validateStack(args, report(rp, "stack", undefined));
      } catch (err) {
        failed(rp, "stack", undefined, err);
      }
    }

    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return {
      project: plan.project,
      stack: plan.stack,
      packs: packs.map((p) => ({ name: p.name, version: p.version, policies: p.policies.length, ...(p.dir ? { dir: p.dir } : {}) })),
      policies: enabled.length,
      resources: plan.resources.length,
      violations,
      mandatory,
      advisory: violations.length - mandatory,
      notApplicable,
    };
  });
}

function providerArg(p: NonNullable<AnalyzedResource["provider"]>, sdk: PolicySdk) {
  return { type: p.type, props: policyProps(p.inputs, sdk), urn: p.urn, name: p.name };
}

/** A read-only map, as the analyzer hands stack tags to policies. */
function freezeMap(map: Map<string, string>): ReadonlyMap<string, string> {
  return Object.freeze({
    entries: map.entries.bind(map),
    forEach: map.forEach.bind(map),
    get: map.get.bind(map),
    has: map.has.bind(map),
    keys: map.keys.bind(map),
    size: map.size,
    values: map.values.bind(map),
    [Symbol.iterator]: map[Symbol.iterator].bind(map),
  }) as ReadonlyMap<string, string>;
}
