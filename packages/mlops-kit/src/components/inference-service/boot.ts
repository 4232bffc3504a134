// What an instance runs at boot, shared by the clouds whose images take cloud-init user-data (GCP's
// Container-Optimized OS, Azure's Ubuntu): the model's container as a systemd unit, restarted
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
  content: string;
  /** Written from base64 (`content` is then the encoded form), so any character survives. */
  base64?: boolean;
}

/** A unit file for systemd's own directory. */
export function unitFile(unit: string, content: string): BootFile {
  return { path: `/etc/systemd/system/${unit}`, permissions: "0644", content };
}

/** {@link ENV_FILE}, root-only; base64 keeps values exactly as given, whatever characters they hold. */
export function envBootFile(env: Record<string, string>): BootFile {
  return {
    path: ENV_FILE,
    permissions: "0600",
    content: Buffer.from(envFile(Object.entries(env)), "utf8").toString("base64"),
    base64: true,
  };
}

/**
 * How one image's user-data spells what means the same to cloud-init. Each cloud keeps its own
 * spelling: a different user-data is a new instance template or scale set model, which replaces
 * every running instance.
 */
export interface CloudConfigStyle {
  /** `owner` of written files. */
  owner: string;
  /** Whether base64 contents are written as quoted YAML strings. */
  quoteBase64: boolean;
}

/**
 * A `#cloud-config` document: the image's own top-level settings (`head`, YAML lines), then the
 * files to write, then the commands to run once they are written.
 */
export function cloudConfig(c: {
  head: readonly string[];
  files: readonly BootFile[];
  runcmd: readonly string[];
  style: CloudConfigStyle;
}): string {
  const lines = ["#cloud-config", "", ...c.head, "", "write_files:"];
  for (const f of c.files) {
    lines.push(`  - path: ${f.path}`, `    permissions: "${f.permissions}"`, `    owner: ${c.style.owner}`);
    if (f.base64) {
      lines.push("    encoding: b64", `    content: ${c.style.quoteBase64 ? `"${f.content}"` : f.content}`);
    } else {
      lines.push("    content: |", ...f.content.split("\n").map((l) => (l === "" ? "" : `      ${l}`)));
    }
  }
  lines.push("", "runcmd:", ...c.runcmd.map((cmd) => `  - ${cmd}`), "");
  return lines.join("\n");
}
