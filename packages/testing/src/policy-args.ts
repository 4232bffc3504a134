import { SECRET_PLACEHOLDER } from "./plan";
import type { PolicySdk, ResolvedPolicy } from "./policy-pack";

// The arguments a policy is called with, as the analyzer server builds them
// (@pulumi/policy/server.js: makeAnalyzeRpcFun, makeAnalyzeStackRpcFun).

export class NotApplicableError extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? "Policy does not apply");
  }
}

export function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason);
}

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
export function policyProps(inputs: Record<string, unknown>, sdk: PolicySdk): unknown {
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

export interface AnalyzedResource {
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

export function resourceOptions(r: AnalyzedResource) {
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

export function pulumiTypeOf(resourceClass: unknown): string | undefined {
  const t = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

export function isTypeOf(type: string, resourceClass: unknown): boolean {
  const t = pulumiTypeOf(resourceClass);
  if (t) return type === t;
  const isInstance = (resourceClass as { isInstance?: unknown })?.isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** A resource policy's arguments (makeAnalyzeRpcFun). */
export function resourceArgs(r: AnalyzedResource, rp: ResolvedPolicy, stackTags: ReadonlyMap<string, string>): Record<string, unknown> {
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
  return args;
}

/** A stack policy's arguments (makeAnalyzeStackRpcFun): every resource, linked to its parent and dependencies. */
export function stackArgs(everything: AnalyzedResource[], rp: ResolvedPolicy, stackTags: ReadonlyMap<string, string>) {
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
  return {
    resources: [...objects.values()],
    getConfig: () => structuredClone(rp.properties),
    stackTags,
    notApplicable: throwNotApplicable,
  };
}

export function providerArg(p: NonNullable<AnalyzedResource["provider"]>, sdk: PolicySdk) {
  return { type: p.type, props: policyProps(p.inputs, sdk), urn: p.urn, name: p.name };
}

/** A read-only map, as the analyzer hands stack tags to policies. */
export function freezeMap(map: Map<string, string>): ReadonlyMap<string, string> {
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
