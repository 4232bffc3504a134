import * as path from "node:path";

/** Error names that mean "the user's input is wrong": print the message alone, no stack trace. */
const USER_ERRORS = new Set([
  "SpecError",
  "UnsupportedError",
  "ConfigError",
  "CloudConfigError",
  "MissingSdkError",
  "DuplicateUrnError",
  "SynthTimeoutError",
  "UserError",
]);

/** A mistake in how the command was called (exit 2, with the help). */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A mistake the user can fix that is not about the command line (exit 1, `error: <message>`). */
export class UserError extends Error {
  override name = "UserError";
}

/** The message to show for a user error, or undefined when the error is a defect. */
export function userMessage(err: unknown): string | undefined {
  if (!(err instanceof Error) || !USER_ERRORS.has(err.name)) return undefined;
  // Pulumi prefixes the message of an error thrown while serializing an input; the library keeps
  // its own wording in `summary`.
  const summary = (err as { summary?: unknown }).summary;
  return typeof summary === "string" ? summary : err.message;
}

/** How a failure is reported: the text after `error:` (user mistakes) or an internal error with its stack. */
export type Failure = { kind: "user"; text: string } | { kind: "internal"; text: string };

/** A place in a source file, 1-based. */
interface Frame {
  file: string;
  line: number;
  column: number;
}

// The TypeScript hook maps a frame of a file it compiled back to the TypeScript line.
const POSITIONS = Symbol.for("@mlops-kit/testing/register.positions");
type PositionOf = (file: string, line: number, column: number) => Frame | undefined;

/**
 * Sorts a failure into the user's mistakes and mlops-kit's own defects. Everything thrown while the
 * user's program ran is the user's (a `throw`, `throw null`, a TypeError in their code, a syntax
 * error, an empty resource name the SDK refuses, a missing required setting) and is shown as one
 * message with the place in their source; an error whose nearest frame outside the Pulumi SDK is
 * in mlops-kit's own code (the library, the engine, this CLI) is an internal error, with its stack.
 *
 * @param ownRoots directories of mlops-kit's own packages
 * @param baseDir where locations are shown relative to
 */
export function classify(err: unknown, ownRoots: readonly string[], baseDir: string): Failure {
  const known = userMessage(err);
  if (known !== undefined) return { kind: "user", text: known };
  if (!(err instanceof Error)) return { kind: "user", text: `the program threw ${describeThrown(err)}` };
  const flags = err as { __pulumiRunError?: unknown; __pulumResourceError?: unknown; location?: Frame };
  const shown = (where: Frame | undefined) => `${err.message}${where ? `\n    at ${relative(where, baseDir)}` : ""}`;
  // A syntax error in a file the hook compiled says where itself.
  if (err.name === "SyntaxError" && flags.location?.file) return { kind: "user", text: shown(flags.location) };
  const frame = decidingFrame(err.stack ?? "");
  const isOwn = frame !== undefined && ownRoots.some((root) => frame.file.startsWith(root + path.sep));
  if (isOwn && flags.__pulumiRunError !== true) {
    return { kind: "internal", text: err.stack ?? `${err.name}: ${err.message}` };
  }
  // Pulumi's RunError (a missing required setting) is worded for users already.
  return { kind: "user", text: shown(frame && !isOwn ? original(frame) : undefined) };
}

/** The first frame of a stack that is not Node's own or the Pulumi SDK's: who made the call that failed. */
function decidingFrame(stack: string): Frame | undefined {
  for (const line of stack.split("\n")) {
    const m = /^\s+at (?:.*? \()?((?:\/|[A-Za-z]:\\)[^()]*?):(\d+):(\d+)\)?$/.exec(line);
    if (!m) continue;
    const file = m[1] as string;
    if (/[\\/]node_modules[\\/]@pulumi[\\/]/.test(file)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

function original(frame: Frame): Frame {
  const positionOf = (globalThis as { [POSITIONS]?: PositionOf })[POSITIONS];
  return positionOf?.(frame.file, frame.line, frame.column) ?? frame;
}

function relative(frame: Frame, baseDir: string): string {
  const rel = path.relative(baseDir, frame.file);
  const file = rel.startsWith("..") || path.isAbsolute(rel) ? frame.file : rel;
  return `${file}:${frame.line}:${frame.column}`;
}

function describeThrown(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
  if (typeof value === "object") return `an object that is not an Error (${Object.prototype.toString.call(value)})`;
  return String(value);
}
