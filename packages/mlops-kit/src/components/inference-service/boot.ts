import { Document, parse, visit } from "yaml";
import type { CloudId } from "../../core/cloud";
import { SpecError } from "../../core/errors";
import { TYPE } from "./plan";

// What an instance runs at boot, the same on every cloud (all three images run cloud-init: Amazon
// Linux 2023, Container-Optimized OS, Ubuntu): the model's container as a systemd unit, restarted
// whenever it stops, with its environment in a root-only file. Pure: text in, text out.

/** The systemd unit that runs the model server. */
export const SERVICE_UNIT = "mlops-model.service";
/** The container's name on the instance. */
export const CONTAINER_NAME = "model";
/** The container's environment, readable by root only. */
export const ENV_FILE = "/etc/mlops/model.env";

/** The container as the plan and the spec describe it. */
export interface ContainerSpec {
  image: string;
  port: number;
  command: string[] | undefined;
  args: string[] | undefined;
}

/**
 * The registry host an image reference names, by Docker's rule: the first component is a registry
 * when it looks like a host (a dot, a port, or `localhost`); otherwise the image is on Docker Hub.
 */
export function registryHost(image: string): string | undefined {
  const slash = image.indexOf("/");
  const first = slash < 0 ? "" : image.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : undefined;
}

/**
 * Like Kubernetes: `command` replaces the image's entrypoint, `args` its default arguments. Docker
 * takes the entrypoint as one flag and the rest of the command, then the arguments, after the image.
 */
export function entrypointAndArgs(c: Pick<ContainerSpec, "command" | "args">): { entrypoint: string | undefined; args: string[] } {
  const [entrypoint, ...commandRest] = c.command ?? [];
  return { entrypoint, args: [...commandRest, ...(c.args ?? [])] };
}

/** Docker's env file: one `NAME=value` line a variable, each value taken literally to the end of its line. */
export function envFile(env: Iterable<readonly [string, string]>): string {
  return [...env].map(([k, v]) => `${k}=${v}\n`).join("");
}

/**
 * One argument of a systemd command line, exactly as given: double-quoted, with backslashes,
 * quotes and control characters escaped, and `$` and `%` doubled so that systemd expands neither
 * variables nor specifiers in them.
 */
export function systemdArg(s: string): string {
  let escaped = "";
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === "\\" || ch === '"') escaped += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) escaped += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (ch === "$" || ch === "%") escaped += ch + ch;
    else escaped += ch;
  }
  return `"${escaped}"`;
}

/**
 * The `[Service]` lines every cloud's unit ends with: the container left by an earlier start
 * removed, then `beforeRun` (a pull, say), the container run in the foreground and restarted
 * whenever it stops, for as long as the instance lives.
 */
export function containerServiceLines(
  docker: string,
  c: ContainerSpec,
  flags: readonly string[],
  beforeRun: readonly string[] = [],
): string[] {
  return [
    `ExecStartPre=-${docker} rm --force ${CONTAINER_NAME}`,
    ...beforeRun,
    // Large model images can take minutes to pull: no start timeout.
    "TimeoutStartSec=0",
    `ExecStart=${dockerRunCommand(docker, c, flags)}`,
    `ExecStop=${docker} stop ${CONTAINER_NAME}`,
    "Restart=always",
    "RestartSec=10",
  ];
}

/**
 * The `ExecStart` command line that runs the container in the foreground (systemd supervises it):
 * removed when it stops, the port published as is, the environment from {@link ENV_FILE}.
 */
export function dockerRunCommand(docker: string, c: ContainerSpec, flags: readonly string[]): string {
  const { entrypoint, args } = entrypointAndArgs(c);
  return [
    docker,
    "run",
    "--rm",
    `--name=${CONTAINER_NAME}`,
    `--publish=${c.port}:${c.port}`,
    `--env-file=${ENV_FILE}`,
    ...flags,
    ...(entrypoint !== undefined ? ["--entrypoint", systemdArg(entrypoint)] : []),
    systemdArg(c.image),
    ...args.map(systemdArg),
  ].join(" ");
}

/** A systemd unit file: each section's directives in order, a blank line after each section. */
export function systemdUnit(sections: Record<string, readonly string[]>): string {
  return Object.entries(sections)
    .flatMap(([name, directives]) => [`[${name}]`, ...directives, ""])
    .join("\n");
}

/** A file cloud-init writes before anything runs. */
export interface BootFile {
  path: string;
  permissions: string;
  /** The file's text, as it lands on disk. */
  content: string;
  /** Write it from base64, so no character of it ever reaches the YAML text (values the user gave). */
  base64?: boolean;
}

/** A unit file for systemd's own directory. */
export function unitFile(unit: string, content: string): BootFile {
  return { path: `/etc/systemd/system/${unit}`, permissions: "0644", content };
}

/** {@link ENV_FILE}, root-only; base64 keeps values exactly as given, whatever characters they hold. */
export function envBootFile(env: Record<string, string>): BootFile {
  return { path: ENV_FILE, permissions: "0600", content: envFile(Object.entries(env)), base64: true };
}

/** One `write_files` entry of cloud-init's schema (cc_write_files). */
export interface WriteFile {
  path: string;
  permissions: string;
  owner: string;
  /** Absent for plain text. */
  encoding?: "b64";
  content: string;
}

/** A `#cloud-config` document as we write it: the image's own modules, then the files, then the commands. */
export interface CloudConfig {
  /** Top-level modules that run before the files are written (`users`, `packages`, ...). */
  head: Record<string, unknown>;
  files: readonly BootFile[];
  /** `owner` of written files, as the image spells it. */
  owner: string;
  /** Shell commands cloud-init runs once the files are written (ours, never the user's text). */
  runcmd: readonly string[];
}

/** The document cloud-init reads from a {@link CloudConfig}: the exact keys and values we emit. */
export function cloudConfigDocument(c: CloudConfig): Record<string, unknown> {
  const writeFiles: WriteFile[] = c.files.map((f) => ({
    path: f.path,
    permissions: f.permissions,
    owner: c.owner,
    // An empty file is written from an empty plain string: `encoding: b64` with no content is the
    // null that write_files refuses.
    ...(f.base64 && f.content !== ""
      ? { encoding: "b64" as const, content: Buffer.from(f.content, "utf8").toString("base64") }
      : { content: f.content }),
  }));
  return { ...c.head, write_files: writeFiles, runcmd: [...c.runcmd] };
}

// cloud-init reads user data with PyYAML, a YAML 1.1 parser. To it U+0085, U+2028 and U+2029 are
// line breaks, and C0/C1 controls, unpaired surrogates and U+FFFE/U+FFFF are not allowed in the
// text at all (yaml/reader.py NON_PRINTABLE). The `yaml` package reads neither so, and writes such
// characters raw, even inside quotes: a string holding one (or a tab, which PyYAML refuses in places
// the `yaml` package writes it plain) is forced into double quotes, where each is then written as an
// escape that both read the same way.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds
const NEEDS_ESCAPE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\p{Cs}/u;
const RAW_IN_QUOTES = /[\x7f-\x9f\u2028\u2029\ufffe\uffff]/g;
const YAML11_ESCAPES: Record<string, string> = { "\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P" };

function escapeRaw(ch: string): string {
  const code = ch.charCodeAt(0);
  return YAML11_ESCAPES[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
}

/**
 * YAML that PyYAML (YAML 1.1) reads back to exactly `value`: emitted by the `yaml` package in its
 * 1.1 mode (so `on`, `yes` and `0644` stay strings), with no line folding, and every character
 * PyYAML would read otherwise escaped inside double quotes.
 */
export function yaml11(value: unknown): string {
  const doc = new Document(value, { version: "1.1" });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && NEEDS_ESCAPE.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 }).replace(RAW_IN_QUOTES, escapeRaw);
}

/**
 * The `#cloud-config` user data: {@link cloudConfigDocument} as YAML 1.1, checked to read back as
 * exactly that document the way cloud-init reads it.
 */
export function cloudConfig(c: CloudConfig): string {
  const doc = cloudConfigDocument(c);
  const text = `#cloud-config\n${yaml11(doc)}`;
  if (JSON.stringify(readCloudConfig(text)) !== JSON.stringify(doc)) throw new Error("cloud-config does not read back as written");
  return text;
}

// Characters PyYAML's reader refuses anywhere in a document (yaml/reader.py, NON_PRINTABLE).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds
const PYYAML_NON_PRINTABLE = /[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/**
 * Reads user data as cloud-init does (PyYAML, YAML 1.1): a character PyYAML refuses is an error,
 * and U+0085, U+2028 and U+2029 are line breaks, which the `yaml` package does not take them for.
 */
export function readCloudConfig(text: string): unknown {
  if (!text.startsWith("#cloud-config\n")) throw new Error("user data does not start with #cloud-config");
  const bad = PYYAML_NON_PRINTABLE.exec(text);
  if (bad) throw new Error(`U+${(bad[0].codePointAt(0) ?? 0).toString(16).padStart(4, "0")} is not allowed in YAML 1.1`);
  return parse(text.replace(/[\u0085\u2028\u2029]/g, "\n"), { version: "1.1" });
}

/**
 * The most user data each cloud takes, in bytes, and where that is documented. A document over it
 * makes a launch template, instance template or scale set the cloud refuses.
 */
export const USER_DATA_LIMITS: Record<CloudId, { bytes: number; what: string }> = {
  // "User data is limited to 16 KB, in raw form, before it is base64-encoded."
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html
  aws: { bytes: 16_384, what: "EC2 takes 16384 bytes of user data (before base64)" },
  // "The maximum length of the binary array is 65535 bytes." (osProfile.customData, Compute REST API)
  azure: { bytes: 65_535, what: "Azure takes 65535 bytes of custom data (before base64)" },
  // "their size must be less than or equal to 262144 bytes (256 KiB)" (Compute Engine Metadata.items.value)
  gcp: { bytes: 262_144, what: "Compute Engine takes 262144 bytes in one metadata value" },
};

/**
 * The user data, when it fits the cloud's limit; a SpecError otherwise. Run on what is known before
 * anything registers, and again on the resolved values, with the same words.
 */
export function checkUserDataSize(service: { name: string; cloud: CloudId }, userData: string): string {
  const bytes = Buffer.byteLength(userData, "utf8");
  const limit = USER_DATA_LIMITS[service.cloud];
  if (bytes > limit.bytes) {
    throw new SpecError(TYPE, service.name, [
      {
        path: "env",
        message: `with command and args makes the instances' boot configuration at least ${bytes} bytes; ${limit.what}. Keep large values out of env (in the image, or in secretEnv)`,
      },
    ]);
  }
  return userData;
}
