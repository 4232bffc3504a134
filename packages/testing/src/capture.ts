import { DuplicateUrnError } from "./errors";

// What the mock monitor is asked to register, captured with what Pulumi's mock answers leave out
// (parent, provider, dependencies, property dependencies) and each URN spelled as the real engine
// spells it.

export const STACK_TYPE = "pulumi:pulumi:Stack";

export interface Captured {
  mockUrn: string;
  type: string;
  name: string;
  custom: boolean;
  parent: string;
  provider: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  object: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  readId?: string;
  /** The aliases the program gave, as the SDK sent them (parents still mock URNs). */
  aliases: CapturedAlias[];
}

/** One alias as sent: a URN, or a spec whose empty fields take the resource's own values. */
export interface CapturedAlias {
  urn?: string;
  name?: string;
  type?: string;
  project?: string;
  stack?: string;
  parentUrn?: string;
  noParent?: boolean;
}

// Interfaces of the gRPC request objects the SDK hands to the monitor. Only what we read.
export interface StructLike {
  toJavaScript(): Record<string, unknown>;
}
export interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getProtect(): boolean | undefined;
  getDependenciesList(): string[];
  getProvider(): string;
  getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
  getRetainondelete(): boolean | undefined;
  getAliasesList?(): AliasLike[];
}
export interface AliasLike {
  getUrn(): string;
  getSpec():
    | { getName(): string; getType(): string; getProject(): string; getStack(): string; getParenturn(): string; getNoparent(): boolean }
    | undefined;
}
export interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getId(): string;
  getProperties(): StructLike | undefined;
  getDependenciesList(): string[];
  getProvider(): string;
}
export interface Response {
  getUrn(): string;
}
export type Callback = (err: unknown, resp?: Response) => void;
export interface MonitorLike {
  registerResource(req: RegisterRequest, cb: Callback): unknown;
  readResource(req: ReadRequest, cb: Callback): unknown;
  registerResourceOutputs(req: { getUrn(): string; getOutputs(): StructLike | undefined }, cb: Callback): unknown;
}

/** What a program has registered so far, for a report on one that never finishes. */
export interface Progress {
  constructed: string[];
  registered: string[];
  returned: boolean;
  outputs: boolean;
}

export interface Capture {
  captured: Captured[];
  /** The real engine's URN for a mock URN. */
  toReal(mockUrn: string): string;
  progress: Progress;
  /** URNs registered a second time (the engine stops at the first). */
  duplicates: DuplicateUrnError[];
  /** The stack's outputs, once the program registered them. */
  stackOutputs(): Record<string, unknown>;
}

/** Wraps the mock monitor's registerResource, readResource and registerResourceOutputs to record each request. */
export function captureMonitor(monitor: MonitorLike, project: string, stack: string): Capture {
  const captured: Captured[] = [];
  const realUrns = new Map<string, string>();
  let stackMockUrn = "";
  let stackOutputs: Record<string, unknown> = {};
  const toReal = (mockUrn: string): string => realUrns.get(mockUrn) ?? mockUrn;
  // The real engine qualifies a child's type with its parent's whole qualified type, leaving out
  // the root stack; the mock monitor keeps only the parent's last type and keeps the stack.
  const realUrn = (type: string, name: string, parentMock: string): string => {
    const parent = parentMock ? toReal(parentMock) : "";
    const parentType = parent ? (parent.split("::")[2] ?? "") : "";
    const qualified = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
  };
  // What the program is still waiting for, should it never finish: resources constructed but not
  // registered (their inputs wait on something), and the program's own result.
  const progress: Progress = { constructed: [], registered: [], returned: false, outputs: false };
  const seen = new Set<string>();
  const duplicates: DuplicateUrnError[] = [];
  const note = (mockUrn: string, req: { getType(): string; getName(): string; getParent(): string }) => {
    const urn = realUrn(req.getType(), req.getName(), req.getParent());
    realUrns.set(mockUrn, urn);
    progress.registered.push(`${req.getType()} ${JSON.stringify(req.getName())}`);
    if (seen.has(urn)) duplicates.push(new DuplicateUrnError(urn));
    seen.add(urn);
  };

  const originalRegister = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    originalRegister(req, (err, resp) => {
      if (!err && resp) {
        const mockUrn = resp.getUrn();
        note(mockUrn, req);
        if (req.getType() === STACK_TYPE) stackMockUrn = mockUrn;
        captured.push(fromRegister(mockUrn, req));
      }
      cb(err, resp);
    });

  const originalRead = monitor.readResource.bind(monitor);
  monitor.readResource = (req, cb) =>
    originalRead(req, (err, resp) => {
      if (!err && resp) {
        const mockUrn = resp.getUrn();
        note(mockUrn, req);
        captured.push(fromRead(mockUrn, req));
      }
      cb(err, resp);
    });

  const originalOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    if (req.getUrn() === stackMockUrn) {
      stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
      progress.outputs = true;
    }
    return originalOutputs(req, cb);
  };
  return { captured, toReal, progress, duplicates, stackOutputs: () => stackOutputs };
}

function fromRegister(mockUrn: string, req: RegisterRequest): Captured {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((v, k) => {
    propertyDependencies[k] = v.getUrnsList();
  });
  return {
    mockUrn,
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent: req.getParent(),
    provider: req.getProvider(),
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    object: req.getObject()?.toJavaScript() ?? {},
    protect: req.getProtect() ?? false,
    retainOnDelete: req.getRetainondelete() ?? false,
    aliases: (req.getAliasesList?.() ?? []).map(fromAlias),
  };
}

function fromAlias(alias: AliasLike): CapturedAlias {
  const spec = alias.getSpec();
  if (!spec) return { urn: alias.getUrn() };
  // Empty strings are the proto's "not set": the engine fills them from the resource.
  const out: CapturedAlias = {};
  if (spec.getName()) out.name = spec.getName();
  if (spec.getType()) out.type = spec.getType();
  if (spec.getProject()) out.project = spec.getProject();
  if (spec.getStack()) out.stack = spec.getStack();
  if (spec.getNoparent()) out.noParent = true;
  else if (spec.getParenturn()) out.parentUrn = spec.getParenturn();
  return out;
}

function fromRead(mockUrn: string, req: ReadRequest): Captured {
  return {
    mockUrn,
    type: req.getType(),
    name: req.getName(),
    custom: true,
    parent: req.getParent(),
    provider: req.getProvider(),
    dependencies: req.getDependenciesList(),
    propertyDependencies: {},
    object: req.getProperties()?.toJavaScript() ?? {},
    protect: false,
    retainOnDelete: false,
    readId: req.getId(),
    aliases: [],
  };
}
