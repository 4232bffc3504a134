import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { SECRET_PLACEHOLDER } from "./plan";

/** A Pulumi project and one of its stacks' configuration, read from disk without the CLI. */
export interface StackConfig {
  /** `name` from Pulumi.yaml. */
  project: string;
  stack: string;
  /** Directory that holds Pulumi.yaml. */
  projectDir: string;
  /** Absolute path of the program entry point (`main`, or the project directory). */
  main: string;
  /** Configuration keyed `namespace:key`; objects and arrays as Pulumi passes them (JSON). */
  config: Record<string, string>;
  /** Keys whose values were `secure:`; their values are masked. */
  secretKeys: string[];
}

/** A configuration problem in the user's terms: which file, which setting. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads Pulumi.yaml (`name`, `main`, `stackConfigDir`, project-level config defaults) and
 * `Pulumi.<stack>.yaml`, merged the way the Pulumi CLI merges them: stack values win over
 * project defaults. `secure:` values cannot be decrypted offline and become a placeholder.
 */
export function loadStackConfig(dir: string, stack: string): StackConfig {
  const projectDir = path.resolve(dir);
  const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(projectDir, f)).find((f) => fs.existsSync(f));
  if (!projectFile) throw new ConfigError(`no Pulumi.yaml in ${projectDir}`);
  const projectDoc = readYaml(projectFile);
  const project = projectDoc.name;
  if (typeof project !== "string" || project === "") throw new ConfigError(`${projectFile}: "name" is required`);

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const fullKey = (key: string) => (key.includes(":") ? key : `${project}:${key}`);

  const projectConfig = asRecord(projectDoc.config, `${projectFile}: config`);
  for (const [key, decl] of Object.entries(projectConfig)) {
    // A project config entry is either a plain value or a declaration `{ type, default, value }`.
    const value = isRecord(decl) ? (decl.value ?? decl.default) : decl;
    if (value !== undefined && value !== null) config[fullKey(key)] = encode(value);
  }

  const stackConfigDir = typeof projectDoc.stackConfigDir === "string" ? projectDoc.stackConfigDir : ".";
  const stackFile = path.join(projectDir, stackConfigDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) {
    const known = listStacks(path.join(projectDir, stackConfigDir));
    throw new ConfigError(
      `stack "${stack}" has no config file ${path.relative(process.cwd(), stackFile) || stackFile}` +
        (known.length > 0 ? `; stacks here: ${known.join(", ")}` : ""),
    );
  }
  const stackDoc = readYaml(stackFile);
  for (const [key, value] of Object.entries(asRecord(stackDoc.config, `${stackFile}: config`))) {
    const k = fullKey(key);
    if (isRecord(value) && typeof value.secure === "string") {
      config[k] = SECRET_PLACEHOLDER;
      secretKeys.push(k);
    } else if (value !== undefined && value !== null) {
      config[k] = encode(value);
    }
  }

  const main = path.resolve(projectDir, typeof projectDoc.main === "string" ? projectDoc.main : ".");
  return { project, stack, projectDir, main, config, secretKeys };
}

/** Stack names that have a `Pulumi.<stack>.yaml` in `dir`, sorted. */
export function listStacks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

function readYaml(file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  return asRecord(doc ?? {}, file);
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new ConfigError(`${what} must be a mapping`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Pulumi hands structured config to programs as JSON text, and scalars as their plain text.
function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
