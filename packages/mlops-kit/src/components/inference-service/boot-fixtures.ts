import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { readCloudConfig, type WriteFile } from "./boot";

// Test support for the boot configuration of every cloud: hostile strings, and cloud-init's and
// systemd's readings of what we render.

/** Pieces that break naive YAML, shell or systemd rendering: every line break PyYAML knows, YAML syntax, a `bootcmd` payload. */
const HOSTILE_PIECES = [
  "\n",
  "\r",
  "\r\n",
  "\u0085",
  "\u2028",
  "\u2029",
  ": ",
  " #",
  "#",
  "'",
  '"',
  "\\",
  "- ",
  "|",
  ">",
  "{",
  "[",
  "&a *a",
  "!!python/object:os.system",
  "\u2028bootcmd: [[touch, /pwned]]\u2028",
  "\nbootcmd:\n  - [touch, /pwned]\n",
  "---\n",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell and systemd variable, taken literally
  "$HOME ${X} %h %%",
  "\t",
  "\u007f\u0080\u009f",
  "\ufeff",
  "é日本😀",
  "on",
  "0644",
];

/** Any string built from {@link HOSTILE_PIECES} and arbitrary text; `singleLine` leaves out \n and \r (env values). */
export function hostileString(opts: { singleLine?: boolean } = {}): fc.Arbitrary<string> {
  const pieces = opts.singleLine ? HOSTILE_PIECES.map((p) => p.replace(/[\r\n]/g, "")).filter((p) => p !== "") : HOSTILE_PIECES;
  const free = fc.string({ unit: "binary" }).map((s) => s.replace(opts.singleLine ? /[\0\r\n]/g : /\0/g, ""));
  return fc.array(fc.oneof(fc.constantFrom(...pieces), free), { maxLength: 5 }).map((parts) => parts.join(""));
}

/** A parsed `#cloud-config`, as cloud-init would read it, with `write_files` checked against its schema. */
export interface ParsedCloudConfig {
  keys: string[];
  doc: Record<string, unknown>;
  files: WriteFile[];
  /** A written file's text, decoded. */
  file(path: string): string;
}

export function parseCloudConfig(text: string): ParsedCloudConfig {
  const doc = readCloudConfig(text) as Record<string, unknown>;
  const files = doc.write_files;
  if (!Array.isArray(files)) throw new Error("write_files is not a list");
  for (const f of files as Record<string, unknown>[]) {
    const keys = Object.keys(f).sort();
    const expected =
      f.encoding === undefined ? ["content", "owner", "path", "permissions"] : ["content", "encoding", "owner", "path", "permissions"];
    if (JSON.stringify(keys) !== JSON.stringify(expected)) throw new Error(`write_files entry has keys ${keys.join(", ")}`);
    if (typeof f.path !== "string" || !f.path.startsWith("/")) throw new Error(`write_files path ${String(f.path)} is not absolute`);
    if (typeof f.permissions !== "string" || !/^0[0-7]{3}$/.test(f.permissions))
      throw new Error(`permissions ${String(f.permissions)} are not an octal string`);
    if (typeof f.content !== "string")
      throw new Error(`content of ${f.path} is ${f.content === null ? "null" : typeof f.content}, not a string`);
    if (f.encoding !== undefined && (f.encoding !== "b64" || f.content === ""))
      throw new Error(`encoding of ${f.path} is ${String(f.encoding)} with content ${JSON.stringify(f.content)}`);
  }
  const written = files as WriteFile[];
  return {
    keys: Object.keys(doc),
    doc,
    files: written,
    file(path) {
      const f = written.find((w) => w.path === path);
      if (!f) throw new Error(`no ${path} in write_files: ${written.map((w) => w.path).join(", ")}`);
      return f.encoding === "b64" ? Buffer.from(f.content, "base64").toString("utf8") : f.content;
    },
  };
}

/** The `ExecStart=` command line of a unit. */
export function execStart(unit: string): string {
  const line = unit.split("\n").find((l) => l.startsWith("ExecStart="));
  if (!line) throw new Error(`no ExecStart in:\n${unit}`);
  return line.slice("ExecStart=".length);
}

/** Reads a systemd command line back into its words (quotes, C escapes, `$$` and `%%`). */
export function systemdWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of line.matchAll(re)) {
    const raw = m[1] ?? m[2] ?? "";
    const unescaped =
      m[1] !== undefined
        ? raw.replace(/\\x([0-9a-f]{2})|\\(.)/g, (_, hex: string | undefined, ch: string | undefined) =>
            hex !== undefined ? String.fromCharCode(Number.parseInt(hex, 16)) : (ch ?? ""),
          )
        : raw;
    words.push(unescaped.replace(/\$\$/g, "$").replace(/%%/g, "%"));
  }
  return words;
}

/** Whether python3 with PyYAML (what cloud-init parses with) is on this machine. */
export const HAS_PYYAML = spawnSync("python3", ["-c", "import yaml"], { encoding: "utf8" }).status === 0;

/** The document PyYAML's safe loader reads from `text`, as JSON. */
export function readWithPyYaml(text: string): unknown {
  const run = spawnSync(
    "python3",
    ["-c", "import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin.buffer.read().decode('utf-8'))))"],
    {
      input: Buffer.from(text, "utf8"),
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(`PyYAML refused the document: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The env file every cloud writes, one `KEY=value` line per variable. */
const ENV_FILE = "/etc/mlops/model.env";

/** What a rendered unit runs (after the `skip` words of docker's own flags) and what its env file holds. */
export function containerRun(config: ParsedCloudConfig, unitPath: string, skip: number): { words: string[]; envFile: string } {
  return { words: systemdWords(execStart(config.file(unitPath))).slice(skip), envFile: config.file(ENV_FILE) };
}

/** What a container given `command`, `args` and `env` must run and hold: every word exactly as given. */
export function expectedRun(
  image: string,
  command: readonly string[],
  args: readonly string[],
  env: Record<string, string>,
): { words: string[]; envFile: string } {
  const [entrypoint, ...rest] = command;
  return {
    words: [...(entrypoint !== undefined ? ["--entrypoint", entrypoint] : []), image, ...rest, ...args],
    envFile: Object.entries(env)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(""),
  };
}
