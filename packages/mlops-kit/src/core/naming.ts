import { createHash } from "node:crypto";
import { NAME_RULES, type NameKind, type NameRule } from "./name-rules";

// The rules per kind of name are data, kept in name-rules.ts; this file applies them.
export { NAME_RULES, type NameKind, type NameRule } from "./name-rules";

/**
 * The rule for component names, the same on every cloud: a lowercase DNS label of at most
 * {@link COMPONENT_NAME_MAX} characters. Child names (`<name>-private-0`, `<name>-lb`) and Pulumi's
 * auto-names (`<name>-<role>-` + 7 random characters) then stay inside the tightest limits the
 * clouds set on names we do not shorten ourselves (GCP's RFC 1035 labels, 63; Azure's network names,
 * 80), and names with tighter limits (ALB 32, storage accounts 24) are derived with
 * {@link physicalName}, which truncates and hashes.
 */
export const COMPONENT_NAME = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
export const COMPONENT_NAME_MAX = 40;

/** Why `name` is not a valid component name, or undefined when it is. */
export function componentNameProblem(name: string): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "a component name is required";
  if (name.length > COMPONENT_NAME_MAX) return `is ${name.length} characters; a component name has at most ${COMPONENT_NAME_MAX}`;
  if (!COMPONENT_NAME.test(name) || name.includes("--")) {
    return (
      "must be a lowercase DNS label: lowercase letters, digits and single hyphens, starting with a letter " +
      "and ending with a letter or digit (e.g. fraud-api), because every cloud derives resource names from it"
    );
  }
  return undefined;
}

/** What makes a name unique to one deployment: the Pulumi project and stack. */
export interface NameScope {
  project: string;
  stack: string;
}

const HASH_LENGTH = 6;

/** A short, deterministic, lowercase alphanumeric hash of the inputs: same inputs, same hash. */
export function shortHash(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return BigInt(`0x${hex.slice(0, 16)}`)
    .toString(36)
    .padStart(HASH_LENGTH, "0")
    .slice(0, HASH_LENGTH);
}

/**
 * A globally unique name finished with the account it is deployed into (an Azure subscription, an
 * AWS account), which a plan does not know: the planned name's trailing hash (from
 * {@link physicalName}, over project, stack and words) is redone over the account too, so two
 * accounts deploying the same project and stack never ask for the same global name. Same length and
 * characters as the planned name, so it stays valid for its kind.
 */
export function accountScopedName(planned: string, account: string): string {
  const stem = planned.slice(0, Math.max(0, planned.length - HASH_LENGTH));
  return `${stem}${shortHash(planned, account.toLowerCase()).slice(0, HASH_LENGTH)}`;
}

/**
 * A physical name valid for `kind`, made from `words` (e.g. the component name and a role such as
 * `flow-logs`). Names that must be globally unique end in a hash of project, stack and words, so
 * two stacks never collide and one stack gets the same name on every run. Names too long for the
 * kind are shortened and also get the hash, so distinct long inputs stay distinct.
 */
export function physicalName(kind: NameKind, words: readonly string[], scope: NameScope): string {
  const r: NameRule = NAME_RULES[kind];
  const hash = shortHash(scope.project, scope.stack, kind, ...words);
  const clean = words
    .map((w) => sanitize(w, r))
    .filter((w) => w.length > 0)
    .join(r.separator);
  const needsHash = r.globallyUnique || clean.length > r.max || clean.length < r.min;
  let base = clean;
  if (needsHash) {
    const room = r.max - HASH_LENGTH - r.separator.length;
    base = trimEnds(clean.slice(0, room));
    base = base.length > 0 ? `${base}${r.separator}${hash}` : hash;
  }
  // Some kinds must start with a letter; a hash or digit-first word may not.
  if (!r.pattern.test(base)) base = trimEnds(`m${r.separator}${base}`.slice(0, r.max));
  if (!r.pattern.test(base) || base.length < r.min || base.length > r.max) {
    // Unreachable for the rules above (property-tested); fail loudly rather than emit a bad name.
    throw new Error(`cannot form a valid ${kind} name from ${JSON.stringify(words)} (got "${base}")`);
  }
  return base;
}

function sanitize(word: string, r: NameRule): string {
  const w = r.lowercase ? word.toLowerCase() : word;
  let out = "";
  for (const ch of w) out += r.allowed.test(ch) ? ch : r.separator;
  if (r.separator) {
    const sep = r.separator.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`${sep}{2,}`, "g"), r.separator);
  }
  return trimEnds(out);
}

/** Drops separators and punctuation at either end: every kind accepts alphanumeric ends. */
function trimEnds(s: string): string {
  return s.replace(/^[^A-Za-z0-9]+/, "").replace(/[^A-Za-z0-9]+$/, "");
}
