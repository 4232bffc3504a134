import * as z from "zod/mini";
import { Cloud, Profile } from "./cloud";
import { SpecError, type SpecIssue } from "./errors";
import { componentNameProblem } from "./naming";
import { fieldPath, showValue } from "./secrets";

/**
 * Validates `input` with `schema` and returns the typed, defaulted spec, or throws one
 * {@link SpecError} naming the component, its name and every offending field.
 */
export function parseSpec<S extends z.ZodMiniType>(schema: S, component: string, name: string, input: unknown): z.output<S> {
  const nameProblem = componentNameProblem(name);
  if (nameProblem) throw new SpecError(component, String(name), [{ path: "name", message: nameProblem }]);
  // A spec is parsed once: compiling a fast path for it (zod's default) would cost more than it saves.
  const result = schema.safeParse(input ?? {}, { jitless: true });
  if (result.success) return result.data;
  throw new SpecError(component, name, toIssues(result.error, input));
}

function toIssues(error: z.core.$ZodError, input: unknown): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const issue of error.issues) {
    const path = fieldPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        issues.push({ path: fieldPath([...issue.path, key]), message: "is not a known field (check its spelling)" });
      }
      continue;
    }
    issues.push({ path, message: describe(issue, valueAt(input, issue.path)) });
  }
  return issues;
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  const got = value === undefined ? "" : ` (${show(value)})`;
  switch (issue.code) {
    case "invalid_type":
      return value === undefined ? "is required" : `${got.trim()} must be ${article(issue.expected)}`;
    case "too_small":
      return `${got.trim()} must be ${issue.origin === "string" ? `at least ${issue.minimum} characters` : `>= ${issue.minimum}`}`.trim();
    case "too_big":
      return `${got.trim()} must be ${issue.origin === "string" ? `at most ${issue.maximum} characters` : `<= ${issue.maximum}`}`.trim();
    case "invalid_key":
      return issue.issues.map((i) => i.message).join("; ");
    case "invalid_value":
      return `${got.trim()} must be one of ${issue.values.map((v) => show(v)).join(", ")}`.trim();
    default: {
      // Custom rules word their own message; the value is shown when it is short and plain.
      const plain = value === null || ["string", "number", "boolean"].includes(typeof value);
      return `${plain ? got.trim() : ""} ${issue.message}`.trim();
    }
  }
}

function article(t: string): string {
  return t === "int" ? "an integer" : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function show(v: unknown): string {
  // An output's value is not known here (and may be secret): never rendered.
  if (typeof v === "object" && v !== null && ("apply" in v || v instanceof Promise)) return "an Output";
  return showValue(v);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Fields every component spec has. */
export const commonFields = {
  cloud: z.optional(z.enum(Cloud)),
  profile: z.optional(z.enum(Profile)),
  tags: z.optional(
    z.record(z.string(), z.string()).check(
      z.superRefine((tags, ctx) => {
        for (const key of Object.keys(tags)) {
          if (key.length === 0) ctx.addIssue({ code: "custom", message: "has an empty tag key" });
          if (/^aws:/i.test(key)) ctx.addIssue({ code: "custom", message: `key "${key}" uses the prefix "aws:", which AWS reserves` });
        }
      }),
    ),
  ),
};

/**
 * A per-cloud pass-through: extra arguments merged over a child resource's, keyed by the child's
 * role. Roles are checked, so a misspelt one fails instead of silently doing nothing.
 */
export const overridesField = (roles: readonly string[]) =>
  z.optional(
    z.record(z.string(), z.record(z.string(), z.unknown())).check(
      z.superRefine((overrides, ctx) => {
        for (const role of Object.keys(overrides)) {
          if (!roles.includes(role)) {
            ctx.addIssue({ code: "custom", path: [role], message: `is not a child role; roles: ${roles.join(", ")}` });
          }
        }
      }),
    ),
  );

/** A list whose entries must differ: a repeated entry names the field, its index and the first one. */
export const distinctEntries = <T>(key: (entry: T) => string = (e) => String(e)) =>
  z.superRefine((list: T[], ctx) => {
    const first = new Map<string, number>();
    list.forEach((entry, i) => {
      const k = key(entry);
      const at = first.get(k);
      if (at === undefined) first.set(k, i);
      else ctx.addIssue({ code: "custom", path: [i], message: `repeats entry ${at}` });
    });
  });
