import * as fs from "node:fs";
import type { Plan } from "./plan";
import {
  type AnalyzedResource,
  freezeMap,
  NotApplicableError,
  pulumiTypeOf,
  resourceArgs,
  SecretValueError,
  stackArgs,
} from "./policy-args";
import { type EnforcementLevel, type PolicyConfig, type PolicyPackInfo, type ResolvedPolicy, resolvePolicyConfig } from "./policy-pack";

// Offline evaluation of Pulumi policy packs (@pulumi/policy 1.21): a pack's policies (loaded by
// policy-pack.ts) are called with the arguments the analyzer server (@pulumi/policy/server.js:
// makeAnalyzeRpcFun, makeAnalyzeStackRpcFun) builds from the engine's requests.

export { SecretValueError };

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

/** What an evaluation collects as policies run. */
interface Evaluation {
  everything: AnalyzedResource[];
  byUrn: Map<string, AnalyzedResource>;
  stackTags: ReadonlyMap<string, string>;
  violations: PolicyViolation[];
  notApplicable: PolicyReport["notApplicable"];
}

/**
 * Evaluates policy packs on a plan: every enabled resource policy on every resource (as `pulumi
 * preview` analyzes each resource it registers), then every stack policy on all of them.
 */
export async function evaluatePolicies(plan: Plan, packs: PolicyPackInfo[], options: EvaluateOptions = {}): Promise<PolicyReport> {
  const resolved = resolvePolicyConfig(packs, options.config);
  const { analyzed, defaults } = analyzedResources(plan, options);
  const everything = [...defaults, ...analyzed];
  const ev: Evaluation = {
    everything,
    byUrn: new Map(everything.map((r) => [r.urn, r])),
    stackTags: freezeMap(new Map(Object.entries(options.stackTags ?? { "pulumi:project": plan.project }))),
    violations: [],
    notApplicable: [],
  };
  return withPackEnvironment(plan, options.stackConfig ?? {}, async () => {
    const enabled = resolved.filter((rp) => rp.level !== "disabled");
    await runResourcePolicies(ev, enabled);
    await runStackPolicies(ev, enabled);
    const mandatory = ev.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return {
      project: plan.project,
      stack: plan.stack,
      packs: packs.map((p) => ({ name: p.name, version: p.version, policies: p.policies.length, ...(p.dir ? { dir: p.dir } : {}) })),
      policies: enabled.length,
      resources: plan.resources.length,
      violations: ev.violations,
      mandatory,
      advisory: ev.violations.length - mandatory,
      notApplicable: ev.notApplicable,
    };
  });
}

/** Every enabled resource policy on every resource the engine analyzes (reads are not). */
async function runResourcePolicies(ev: Evaluation, enabled: ResolvedPolicy[]): Promise<void> {
  for (const r of ev.everything.filter((x) => !x.read)) {
    for (const rp of enabled) {
      const v = rp.policy.validateResource;
      if (v === undefined) continue;
      const validations = (Array.isArray(v) ? v : [v]) as ((args: unknown, report: unknown) => unknown)[];
      const fastType = Array.isArray(v) ? undefined : pulumiTypeOf(v);
      if (fastType && fastType !== r.type) {
        ev.notApplicable.push({
          policyPack: rp.pack.name,
          policyName: rp.policy.name,
          urn: r.urn,
          reason: `Policy only applies to resources of type '${fastType}'`,
        });
        continue;
      }
      for (const validate of validations) {
        try {
          await validate(resourceArgs(r, rp, ev.stackTags), reporter(ev, rp, "resource", r));
        } catch (err) {
          recordFailure(ev, rp, "resource", r, err);
        }
      }
    }
  }
}

/** Every enabled stack policy, once, on all resources (skipped when none has the type it asks for). */
async function runStackPolicies(ev: Evaluation, enabled: ResolvedPolicy[]): Promise<void> {
  for (const rp of enabled) {
    const validateStack = rp.policy.validateStack as ((args: unknown, report: unknown) => unknown) | undefined;
    if (typeof validateStack !== "function") continue;
    const fastType = pulumiTypeOf(validateStack);
    if (fastType && !ev.everything.some((r) => r.type === fastType)) {
      ev.notApplicable.push({
        policyPack: rp.pack.name,
        policyName: rp.policy.name,
        reason: `Policy only applies to resources of type '${fastType}'`,
      });
      continue;
    }
    try {
      await validateStack(stackArgs(ev.everything, rp, ev.stackTags), reporter(ev, rp, "stack", undefined));
    } catch (err) {
      recordFailure(ev, rp, "stack", undefined, err);
    }
  }
}

/**
 * The `reportViolation` a policy gets (makeReportViolationFun): a string message is appended to
 * the description; an object may set its own message, urn and level.
 */
function reporter(ev: Evaluation, rp: ResolvedPolicy, kind: "resource" | "stack", subject: AnalyzedResource | undefined) {
  const level = rp.level === "remediate" ? "mandatory" : (rp.level as "advisory" | "mandatory");
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
    const target = urn ? ev.byUrn.get(urn) : undefined;
    ev.violations.push({
      ...violationOf(rp),
      detail,
      message: detail && typeof message !== "object" ? `${rp.policy.description}\n${detail}` : detail || rp.policy.description,
      enforcementLevel,
      ...(urn ? { urn } : {}),
      ...(target ? { type: target.type, name: target.name } : {}),
      kind,
    });
  };
}

/** A policy that threw: unknown or secret input (advisory), not applicable, or a bug in the policy (rethrown). */
function recordFailure(
  ev: Evaluation,
  rp: ResolvedPolicy,
  kind: "resource" | "stack",
  subject: AnalyzedResource | undefined,
  err: unknown,
): void {
  if (err instanceof rp.pack.sdk.UnknownValueError) {
    const detail = `can't run policy '${rp.policy.name}' from policy pack '${rp.pack.name}@v${rp.pack.version}' during preview: ${err.message}`;
    ev.violations.push({
      ...violationOf(rp),
      detail,
      message: detail,
      enforcementLevel: "advisory",
      ...(subject ? { urn: subject.urn, type: subject.type, name: subject.name } : {}),
      kind,
      unknown: true,
    });
  } else if (err instanceof SecretValueError) {
    ev.violations.push({
      ...violationOf(rp),
      detail: err.message,
      message: `${rp.policy.description}\n${err.message}`,
      enforcementLevel: "advisory",
      ...(subject ? { urn: subject.urn, type: subject.type, name: subject.name } : {}),
      kind,
      secret: true,
    });
  } else if (err instanceof NotApplicableError) {
    ev.notApplicable.push({
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
}
