import type { ReplaceRule } from "./replace-inputs";
import type { InputChange } from "./types";

/** Strings longer than this are shown by length, not in full (user data, policies). */
const MAX_SHOWN = 120;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The changed leaves between two input trees; a side that is absent or of another shape is one change. */
export function changedInputs(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { path: string; before?: unknown; after?: unknown }[] {
  const out: { path: string; before?: unknown; after?: unknown }[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (isObject(a) && isObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[key], b[key], path ? `${path}.${key}` : key);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      for (const [i, item] of a.entries()) walk(item, b[i], `${path}[${i}]`);
      return;
    }
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    out.push({ path, ...(a === undefined ? {} : { before: a }), ...(b === undefined ? {} : { after: b }) });
  };
  walk(before, after, "");
  return out;
}

/** `networkInterfaces[0].subnetId` -> `networkInterfaces.subnetId`: the form the table uses. */
function schemaPath(path: string): string {
  return path.replace(/\[\d+\]/g, "");
}

/** True when a change at `path` forces replacement under `rule`. */
export function forcesReplace(rule: ReplaceRule | undefined, path: string): boolean {
  if (!rule) return false;
  const p = schemaPath(path);
  return rule.inputs.some((input) => input === "*" || p === input || p.startsWith(`${input}.`) || input.startsWith(`${p}.`));
}

/** The input changes of one resource, each marked with whether it forces replacement; values shortened for reading. */
export function inputChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  rule: ReplaceRule | undefined,
): InputChange[] {
  return changedInputs(before, after).map((c) => ({
    path: c.path,
    ...("before" in c ? { before: shorten(c.before) } : {}),
    ...("after" in c ? { after: shorten(c.after) } : {}),
    forcesReplace: forcesReplace(rule, c.path),
  }));
}

function shorten(v: unknown): unknown {
  if (typeof v === "string" && v.length > MAX_SHOWN) return `(${v.length} characters)`;
  if (typeof v === "object" && v !== null) {
    const text = JSON.stringify(v);
    if (text.length > MAX_SHOWN)
      return `(${Array.isArray(v) ? `${v.length} items` : `${Object.keys(v).length} fields`}, ${text.length} characters)`;
  }
  return v;
}

/** A value for one line of text: JSON, with the secret and unknown markers readable. */
export function showValue(v: unknown): string {
  if (v === undefined) return "(none)";
  if (typeof v === "string") return v.startsWith("(") && v.endsWith(")") ? v : JSON.stringify(v);
  if (isObject(v) && v.__pulumiUnknown === true) return "(known after apply)";
  return JSON.stringify(v);
}
