import * as pulumi from "@pulumi/pulumi";

/** Shown in place of a secret's value in every message. */
export const SECRET_TEXT = "[secret]";

// Shorter secret values are not searched for in messages: masking every "on" of a message would
// make it unreadable and hide nothing a reader could use.
const MIN_REDACTED_LENGTH = 4;

/**
 * The text of every secret value in the stack's configuration (`secure:` values), and of the
 * string leaves of secret objects, longest first. Programs read them with `config.require` too
 * (the SDK only warns), so any message may carry one.
 */
export function secretConfigTexts(): string[] {
  // internal module without public types: `isConfigSecret` is what `Config.get` itself consults
  const internals = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?(key: string): boolean };
  const isSecret = internals.isConfigSecret;
  if (typeof isSecret !== "function") return [];
  const texts = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === "string" || typeof value === "number") {
      const text = String(value);
      if (text.length >= MIN_REDACTED_LENGTH) texts.add(text);
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(collect);
  };
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (!isSecret(key)) continue;
    texts.add(value);
    try {
      collect(JSON.parse(value));
    } catch {
      // a plain string
    }
  }
  return [...texts].filter((t) => t.length >= MIN_REDACTED_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * `text` with every secret configuration value replaced by `[secret]`, also as it appears quoted
 * in JSON (a message shows strings with `JSON.stringify`).
 */
export function redactSecrets(text: string, secrets: readonly string[] = secretConfigTexts()): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) {
      if (form.length >= MIN_REDACTED_LENGTH) out = out.split(form).join(SECRET_TEXT);
    }
  }
  return out;
}

/**
 * Checks an output's value once it resolves, and throws what `problem` returns: with the value
 * when it is plain, with `[secret]` when the output is secret. `problem` gets `show`, which
 * renders the value the safe way.
 */
export function checkResolved<T>(
  value: pulumi.Input<T>,
  problem: (value: T, show: (v: unknown) => string) => Error | undefined,
): pulumi.Output<T> {
  const output = pulumi.output(value) as pulumi.Output<T>;
  return pulumi.all([output, pulumi.isSecret(output)]).apply(([v, secret]) => {
    const err = problem(v as T, (x) => (secret ? SECRET_TEXT : showValue(x)));
    if (err) throw err;
    return v as T;
  }) as pulumi.Output<T>;
}

/** A value as messages show it: strings quoted (JSON), secret configuration masked, then long ones cut. */
export function showValue(v: unknown): string {
  let text: string;
  if (v === undefined) text = "undefined";
  else if (typeof v === "string" || (typeof v === "object" && v !== null)) {
    try {
      text = JSON.stringify(v) ?? String(v);
    } catch {
      text = Object.prototype.toString.call(v);
    }
  } else text = String(v);
  // masked before it is cut: a cut secret would no longer be recognised
  text = redactSecrets(text);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A field path as messages show it: `env.MODEL_NAME`, but `env."MODEL NAME=x; rm -rf /"` for a
 * key that is not a plain identifier, so a hostile key cannot pass for message text.
 */
export function fieldPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s) => (typeof s === "number" ? String(s) : /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(String(s)) ? String(s) : JSON.stringify(String(s))))
    .join(".");
}
