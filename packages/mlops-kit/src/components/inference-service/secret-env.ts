import type { CloudId } from "../../core/cloud";
import { SpecError } from "../../core/errors";
import type { BootFile } from "./boot";
import { TYPE } from "./plan";

// `secretEnv` at boot, the same on every cloud: the references in a data file (never shell text),
// and a fetch script run before each container start that writes the values to tmpfs. Each cloud
// supplies how one value is read with the instance's identity (<cloud>/boot.ts) and the read grant
// (<cloud>/secrets.ts).

/** The secret references, one `NAME<TAB>reference...` line each: data the fetch script reads, never shell text. */
export const SECRET_LIST = "/etc/mlops/secrets.list";
/** The fetch script, run with `/bin/sh` (Container-Optimized OS mounts no writable path for programs). */
export const FETCH_SECRETS = "/etc/mlops/fetch-secrets";
/** The fetched values, root-only on tmpfs: never on disk, fetched again at every start. */
export const SECRET_ENV_FILE = "/run/mlops/secret.env";

/** What a secret reference looks like on each cloud, and the words for one that does not. */
export const SECRET_REFERENCE: Record<CloudId, { pattern: RegExp; message: string }> = {
  // Secret names: letters, digits and /_+=.@- (Secrets Manager CreateSecret, Name). The full ARN, as
  // `secret.arn` gives it, so the grant names exactly this secret.
  aws: {
    pattern: /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/,
    message: "must be the ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>)",
  },
  // Secret ids: letters, digits, - and _, up to 255 (Secret Manager API, secrets.create secretId).
  gcp: {
    pattern: /^projects\/[a-z0-9-]{1,63}\/secrets\/[A-Za-z0-9_-]{1,255}\/versions\/(latest|[1-9][0-9]*)$/,
    message: "must be a Secret Manager secret version (projects/<project>/secrets/<secret>/versions/<number or latest>)",
  },
  // Vault names 3-24 of letters, digits, -; secret names 1-127 of letters, digits, - (Key Vault naming rules).
  azure: {
    pattern:
      /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.KeyVault\/vaults\/[A-Za-z0-9-]{3,24}\/secrets\/[A-Za-z0-9-]{1,127}$/,
    message:
      "must be the resource id of a Key Vault secret (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name>)",
  },
};

/** The list file of secret references: one line a variable, its fields separated by tabs. */
export function secretListFile(rows: readonly (readonly string[])[]): BootFile {
  return { path: SECRET_LIST, permissions: "0600", content: rows.map((r) => `${r.join("\t")}\n`).join(""), base64: true };
}

/**
 * The fetch script: `fetch` is the shell that sets `value` from the line's fields (`$name`, `$ref`,
 * `$extra`) with the instance's identity; the rest writes {@link SECRET_ENV_FILE} atomically and
 * refuses a value Docker's env file cannot hold (a line break).
 */
export function fetchSecretsScript(setup: readonly string[], fetch: readonly string[]): string {
  const dir = SECRET_ENV_FILE.slice(0, SECRET_ENV_FILE.lastIndexOf("/"));
  return [
    "#!/bin/sh",
    "set -eu",
    "umask 077",
    ...setup,
    `install -d -m 0700 ${dir}`,
    `out=${SECRET_ENV_FILE}.tmp`,
    ': > "$out"',
    "tab=$(printf '\\t')",
    "nl='",
    "'",
    'while IFS="$tab" read -r name ref extra; do',
    ...fetch.map((l) => `  ${l}`),
    '  case "$value" in *"$nl"*) echo "secret for $name holds a line break; an env file cannot" >&2; exit 1 ;; esac',
    `  printf '%s=%s\\n' "$name" "$value" >> "$out"`,
    `done < ${SECRET_LIST}`,
    `mv "$out" ${SECRET_ENV_FILE}`,
    "",
  ].join("\n");
}

/** A `secretEnv` reference checked for the service's cloud: a SpecError on `secretEnv.<name>` otherwise. */
export function checkSecretReference(service: { name: string; cloud: CloudId }, variable: string, ref: unknown): string {
  const rule = SECRET_REFERENCE[service.cloud];
  if (typeof ref !== "string" || !rule.pattern.test(ref)) {
    const shown = typeof ref === "string" ? JSON.stringify(ref) : `a ${ref === null ? "null" : typeof ref}`;
    throw new SpecError(TYPE, service.name, [{ path: `secretEnv.${variable}`, message: `(${shown}) ${rule.message}` }]);
  }
  return ref;
}

/**
 * Two variables naming one secret would make two grants of the same role on it, which Azure refuses
 * and GCP lets one delete from under the other: refused, naming both.
 */
export function checkDistinctSecrets(service: { name: string }, named: readonly { name: string; secret: string }[]): void {
  const seen = new Map<string, string>();
  for (const { name, secret } of named) {
    const first = seen.get(secret);
    if (first !== undefined) {
      throw new SpecError(TYPE, service.name, [
        { path: `secretEnv.${name}`, message: `names the same secret as secretEnv.${first}; read it once` },
      ]);
    }
    seen.set(secret, name);
  }
}
