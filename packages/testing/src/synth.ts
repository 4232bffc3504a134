import * as pulumi from "@pulumi/pulumi";
import { collapseAlias } from "./aliases";
import { type Capture, type Captured, captureMonitor, type MonitorLike, type Progress } from "./capture";
import { DuplicateUrnError } from "./errors";
import { defaultCall, defaultNewResource } from "./mocks";
import { PLAN_VERSION, type Plan, type PlanResource } from "./plan";
import { normalizeValue } from "./values";

// Internals of @pulumi/pulumi that the mock engine does not expose publicly. The exact version
// is pinned in package.json and `engine-internals.test.ts` fails loudly if any of these move.
// internal module without public types
const settings: { waitForRPCs(): Promise<void> } = require("@pulumi/pulumi/runtime/settings");
// internal module without public types
const debuggable: { debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> } = require("@pulumi/pulumi/runtime/debuggable");
// internal module without public types: the store holds the RPC queue a hung program leaves behind
const state: { getStore(): { settings: { rpcDone: Promise<unknown> } } } = require("@pulumi/pulumi/runtime/state");
/** `Resource.callsites` is private in the SDK's types. */
const resourceStatics = pulumi.Resource as unknown as { callsites(): unknown[] };

export { DuplicateUrnError };

export type Program = () => unknown;

export interface SynthOptions {
  /** Project name. @default "project" */
  project?: string;
  /** Stack name. @default "dev" */
  stack?: string;
  /** Stack configuration, keyed `namespace:key`. Objects are passed as JSON, like Pulumi does. */
  config?: Record<string, unknown>;
  /** Config keys whose values are secret. */
  secretKeys?: string[];
  /** Replace the default mock answers for resources and provider functions. */
  mocks?: Partial<pulumi.runtime.Mocks>;
  /**
   * Seconds the program gets to finish (its promises to settle, every resource to register).
   * A program waiting on a promise that never settles fails with a {@link SynthTimeoutError}.
   * @default 120
   */
  timeoutSeconds?: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 120;

/** The program did not finish in time: something waits on a promise that never settles. */
export class SynthTimeoutError extends Error {
  override name = "SynthTimeoutError";
  constructor(
    readonly seconds: number,
    readonly waiting: string[],
  ) {
    super(
      `the program did not finish within ${seconds} seconds${waiting.length > 0 ? `; still waiting: ${waiting.join(", ")}` : ""}. ` +
        "A promise or output it waits on never settles (or raise --timeout)",
    );
  }
}

let queue: Promise<unknown> = Promise.resolve();

interface Run {
  failures: unknown[];
}
/** The run in progress: rejections nobody handled are its failures. */
let active: Run | undefined;
/** Errors some run already failed with; their late echoes are ignored. */
const reported = new WeakSet<object>();
let watching = false;

function watchRejections(): void {
  if (watching) return;
  watching = true;
  process.on("unhandledRejection", (reason) => {
    if (typeof reason === "object" && reason !== null && reported.has(reason)) return;
    if (active) {
      active.failures.push(reason);
      return;
    }
    // Outside any run and not an echo of a failed one: say so rather than lose it.
    process.emitWarning(`unhandled rejection outside a synth: ${reason instanceof Error ? reason.stack : String(reason)}`);
  });
}

/**
 * Runs a Pulumi program under Pulumi's mock engine and returns what it would register.
 *
 * One synth runs at a time per process (the Pulumi runtime is a process-wide singleton);
 * concurrent calls are queued. Errors thrown by the program reject the returned promise.
 */
export function synth(program: Program, options: SynthOptions = {}): Promise<Plan> {
  const run = queue.then(
    () => runSynth(program, options),
    () => runSynth(program, options),
  );
  queue = run.catch(() => undefined);
  return run;
}

async function runSynth(program: Program, options: SynthOptions): Promise<Plan> {
  const project = options.project ?? "project";
  const stack = options.stack ?? "dev";
  const config = stringifyConfig(options.config ?? {});
  await startMocks(options, project, stack, config);
  const capture = captureMonitor(pulumi.runtime.getMonitor() as unknown as MonitorLike, project, stack);
  const { explicit, failures } = await runProgram(program, options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, capture.progress);
  // The engine stops at the second registration of a URN, before anything else the program does.
  if (capture.duplicates[0]) throw capture.duplicates[0];
  if (failures.length > 0) throw failures[0];
  const dependsOnByUrn = await explicitDependencies(explicit, capture.toReal);
  const plan: Plan = {
    version: PLAN_VERSION,
    project,
    stack,
    resources: planResources(capture, dependsOnByUrn, project, stack),
    outputs: normalizeValue(capture.stackOutputs(), capture.toReal) as Record<string, unknown>,
  };
  const cloud = config["mlops:cloud"];
  if (cloud !== undefined) plan.cloud = cloud;
  return plan;
}

async function startMocks(options: SynthOptions, project: string, stack: string, config: Record<string, string>): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      call: options.mocks?.call ?? defaultCall(config),
      newResource: options.mocks?.newResource ?? defaultNewResource,
    },
    project,
    stack,
    false,
  );
  pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);
}

interface ExplicitDependency {
  resource: pulumi.Resource;
  dependsOn: unknown;
}

/**
 * Runs the program inside a stack and drains its RPCs; returns each resource's `dependsOn` as the
 * program wrote it, and what failed (the program, or outputs it left rejected).
 */
async function runProgram(
  program: Program,
  seconds: number,
  progress: Progress,
): Promise<{ explicit: ExplicitDependency[]; failures: unknown[] }> {
  // `dependsOn` is resolved into `dependencies` before it reaches the monitor; a stack
  // transformation sees the option as the program wrote it.
  const explicit: ExplicitDependency[] = [];
  // A program that throws must not leave the stack's own promises rejected behind it (they would
  // surface later as unhandled rejections): the error is kept and rethrown once RPCs drained.
  const run: Run = { failures: [] };
  const { failures } = run;
  watchRejections();
  active = run;
  const restoreDiagnostics = skipDiagnostics();
  const work = async () => {
    // The stack itself rejects when an exported output does; that failure still needs the drain.
    await pulumi.runtime
      .runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation((args) => {
          progress.constructed.push(`${args.type} ${JSON.stringify(args.name)}`);
          if (args.opts.dependsOn !== undefined) explicit.push({ resource: args.resource, dependsOn: args.opts.dependsOn });
          const aliases = withoutVersionAliases(args.type, args.opts.aliases);
          return aliases === args.opts.aliases ? undefined : { props: args.props, opts: { ...args.opts, aliases } };
        });
        try {
          return await program();
        } catch (err) {
          failures.unshift(err);
          return undefined;
        } finally {
          progress.returned = true;
        }
      })
      .catch((err: unknown) => {
        failures.unshift(err);
      });
    await settings.waitForRPCs();
    // Rejections are reported on a later turn of the event loop than the one that drained the
    // queue; a failed program can leave outputs that reject a few turns later still.
    for (let turn = 0; turn < (failures.length > 0 ? 4 : 1); turn++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await settings.waitForRPCs();
    }
  };
  try {
    await withTimeout(work(), seconds, () => {
      // The hung work never drains: the next run must not wait on it.
      state.getStore().settings.rpcDone = Promise.resolve();
      return new SynthTimeoutError(seconds, stillWaiting(progress));
    });
  } finally {
    restoreDiagnostics();
    active = undefined;
    // The same error object often rejects several outputs, some after this run ended: those
    // echoes belong to this run and must not fail the next one.
    for (const f of failures) if (typeof f === "object" && f !== null) reported.add(f);
  }
  return { explicit, failures };
}

/** Each resource's explicit `dependsOn`, as real URNs, by its mock URN. */
async function explicitDependencies(explicit: ExplicitDependency[], toReal: (urn: string) => string): Promise<Map<string, string[]>> {
  const dependsOnByUrn = new Map<string, string[]>();
  for (const { resource, dependsOn } of explicit) {
    const urn = await known(resource.urn);
    const deps = (await flattenResources(dependsOn)).map((r) => known(r.urn));
    dependsOnByUrn.set(urn, (await Promise.all(deps)).map(toReal).sort());
  }
  return dependsOnByUrn;
}

/** The captured registrations as plan resources, sorted by URN. */
function planResources(capture: Capture, dependsOnByUrn: Map<string, string[]>, project: string, stack: string): PlanResource[] {
  const { toReal } = capture;
  const resources = capture.captured.map((c: Captured) => {
    const urn = toReal(c.mockUrn);
    const r: PlanResource = {
      urn,
      type: c.type,
      name: c.name,
      custom: c.custom,
      dependsOn: dependsOnByUrn.get(c.mockUrn) ?? [],
      // The engine waits for explicit dependencies and for every resource an input came from.
      dependencies: unique([...c.dependencies, ...Object.values(c.propertyDependencies).flat()].map(toReal)),
      propertyDependencies: Object.fromEntries(
        Object.keys(c.propertyDependencies)
          .sort()
          .map((k) => [k, unique((c.propertyDependencies[k] ?? []).map(toReal))]),
      ),
      inputs: normalizeValue(c.object, toReal) as Record<string, unknown>,
      protect: c.protect,
      retainOnDelete: c.retainOnDelete,
    };
    if (c.parent) r.parent = toReal(c.parent);
    if (c.provider) r.provider = translateProviderRef(c.provider, toReal);
    if (c.readId !== undefined) r.readId = c.readId;
    const aliases = c.aliases.map((a) => collapseAlias({ ...a, parentUrn: a.parentUrn && toReal(a.parentUrn) }, r, project, stack));
    if (aliases.length > 0) r.aliases = [...new Set(aliases)].sort();
    return r;
  });
  return resources.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}

/** Resolves as `work` does, or rejects with `timedOut()` once `seconds` have passed. */
async function withTimeout<T>(work: Promise<T>, seconds: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), seconds * 1000);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resources constructed and never registered, then the program or its outputs when unfinished. */
function stillWaiting(progress: Progress): string[] {
  const left = [...progress.registered];
  const waiting: string[] = [];
  for (const label of progress.constructed) {
    const i = left.indexOf(label);
    if (i >= 0) left.splice(i, 1);
    else waiting.push(label);
  }
  const shown = waiting.slice(0, 10);
  if (waiting.length > shown.length) shown.push(`${waiting.length - shown.length} more resources`);
  if (!progress.returned) shown.push("the program itself (it has not returned)");
  else if (!progress.outputs) shown.push("the stack outputs");
  return shown;
}

/**
 * The SDK tracks every promise it makes for a resource property (four per property, on every
 * property a resource class declares) for a leak report printed at process exit: each gets a
 * formatted stack trace, two extra promises and a set entry. It also walks the whole stack of every
 * resource registration (the source position it sends the engine). Together that was over a third
 * of what registering a provider SDK resource cost here, and the plan records neither. While a
 * synth runs, promises are not tracked (the synth itself waits for all of them) and registrations
 * carry no source position; values, dependencies and errors are unchanged. Returns what puts the
 * SDK back as it was.
 */
function skipDiagnostics(): () => void {
  const track = debuggable.debuggablePromise;
  const callsites = resourceStatics.callsites;
  debuggable.debuggablePromise = (p) => p;
  resourceStatics.callsites = () => [];
  return () => {
    debuggable.debuggablePromise = track;
    resourceStatics.callsites = callsites;
  };
}

/**
 * A resource's aliases without the ones its SDK adds for every earlier API version of its type
 * (`azure-native:network/v20230201:Subnet` for `azure-native:network:Subnet`: about 60 on an
 * azure-native resource). They let the real engine adopt resources created under an older type;
 * the mock engine never reads an alias and the plan shows none, yet the SDK turns each into
 * several outputs, which made them most of an Azure resource's cost here. Aliases the program
 * wrote (a new name, parent or project) are kept.
 */
export function withoutVersionAliases<T>(type: string, aliases: readonly T[] | undefined): T[] | undefined {
  if (!aliases || aliases.length === 0) return aliases as T[] | undefined;
  const [pkg, , member] = type.split(":");
  const kept = aliases.filter((alias) => {
    if (typeof alias !== "object" || alias === null || pulumi.Output.isInstance(alias)) return true;
    const keys = Object.keys(alias);
    const aliasType = (alias as { type?: unknown }).type;
    if (keys.length !== 1 || typeof aliasType !== "string") return true;
    const [aliasPkg, aliasModule = "", aliasMember] = aliasType.split(":");
    return !(aliasPkg === pkg && aliasMember === member && /\/v\d/.test(aliasModule));
  });
  return kept.length === aliases.length ? (aliases as T[]) : kept;
}

function stringifyConfig(config: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    if (v === undefined) continue;
    out[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}

function translateProviderRef(ref: string, toReal: (urn: string) => string): string {
  const i = ref.lastIndexOf("::");
  return i < 0 ? ref : `${toReal(ref.slice(0, i))}${ref.slice(i)}`;
}

function unique(urns: string[]): string[] {
  return [...new Set(urns)].sort();
}

/** The value of an output that is known (outside preview every mock output is). */
function known<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

async function flattenResources(value: unknown): Promise<pulumi.Resource[]> {
  const v = pulumi.Output.isInstance(value) ? await known(value as pulumi.Output<unknown>) : await value;
  if (Array.isArray(v)) return (await Promise.all(v.map(flattenResources))).flat();
  return pulumi.Resource.isInstance(v) ? [v] : [];
}
