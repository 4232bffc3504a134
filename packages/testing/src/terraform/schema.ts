import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * The terraform-provider-aws release the plans are checked against. The table of known
 * differences (differences.ts) is written for this release; another one needs a new table.
 */
export const AWS_PROVIDER_VERSION = "5.100.0";

/** Where a provider mirror is looked for when `MLOPS_TF_PLUGIN_MIRROR` is not set. */
export const DEFAULT_PLUGIN_MIRROR = "/opt/tf-plugins";

const PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/aws";

// `terraform providers schema -json`, reduced to what the conversion reads.
export type AttributeType = string | [string, unknown];
export interface SchemaAttribute {
  type?: AttributeType;
  nested_type?: { attributes: Record<string, SchemaAttribute>; nesting_mode: string };
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  deprecated?: boolean;
}
export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaBlockType>;
}
export interface SchemaBlockType {
  nesting_mode: "single" | "list" | "set" | "map" | "group";
  block: SchemaBlock;
  min_items?: number;
  max_items?: number;
}
export type ResourceSchemas = Record<string, { block: SchemaBlock }>;

/** Why the check cannot run here, in one line: terraform or the provider is missing. */
export class TerraformUnavailableError extends Error {
  override name = "TerraformUnavailableError";
}

/** A directory where `terraform init` has run against the AWS provider, and its schema. */
export interface TerraformWorkspace {
  /** The initialized directory: its `.terraform` and lock file are shared by every run. */
  dir: string;
  /** The CLI configuration that points terraform at the provider mirror. */
  cliConfig: string;
  terraform: string;
  resources: ResourceSchemas;
}

export interface WorkspaceOptions {
  /** The terraform binary. @default `terraform` on the PATH */
  terraform?: string;
  /** A filesystem mirror holding registry.terraform.io/hashicorp/aws/<version>. @default $MLOPS_TF_PLUGIN_MIRROR or /opt/tf-plugins */
  pluginMirror?: string;
}

const cache = new Map<string, TerraformWorkspace>();

/**
 * Initializes (once per machine and provider version, kept in the temp directory) a terraform
 * directory with the AWS provider from the mirror, and reads the provider's schema. Nothing is
 * downloaded: the provider comes from the mirror only.
 */
export function terraformWorkspace(options: WorkspaceOptions = {}): TerraformWorkspace {
  const terraform = options.terraform ?? "terraform";
  const mirror = path.resolve(options.pluginMirror ?? process.env.MLOPS_TF_PLUGIN_MIRROR ?? DEFAULT_PLUGIN_MIRROR);
  const key = `${terraform}\0${mirror}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const version = spawnSync(terraform, ["version", "-json"], { encoding: "utf8" });
  if (version.error || version.status !== 0) {
    throw new TerraformUnavailableError(
      `terraform is not installed (no "${terraform}" on the PATH): the check against terraform-provider-aws needs it`,
    );
  }
  const providerDir = path.join(mirror, PROVIDER_ADDRESS, AWS_PROVIDER_VERSION);
  if (!fs.existsSync(providerDir)) {
    throw new TerraformUnavailableError(
      `terraform-provider-aws ${AWS_PROVIDER_VERSION} is not in the provider mirror ${mirror} (make one with "terraform providers mirror <dir>" and set MLOPS_TF_PLUGIN_MIRROR=<dir>)`,
    );
  }
  const tfVersion = (JSON.parse(version.stdout) as { terraform_version?: string }).terraform_version ?? "unknown";
  const id = crypto.createHash("sha256").update(`${tfVersion}\0${mirror}\0${AWS_PROVIDER_VERSION}`).digest("hex").slice(0, 12);
  const dir = path.join(os.tmpdir(), `mlops-kit-terraform-${process.getuid?.() ?? "user"}`, `aws-${AWS_PROVIDER_VERSION}-${id}`);
  if (!fs.existsSync(path.join(dir, "schema.json"))) initialize(dir, terraform, mirror);
  const workspace: TerraformWorkspace = {
    dir,
    cliConfig: path.join(dir, "cli.tfrc"),
    terraform,
    resources: readSchema(path.join(dir, "schema.json")),
  };
  cache.set(key, workspace);
  return workspace;
}

/** The terraform root module header: the provider pinned, fake credentials, no AWS call to check them. */
export function providerBlock(region: string): Record<string, unknown> {
  return {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_VERSION } } },
    provider: {
      aws: {
        region,
        access_key: "offline",
        secret_key: "offline",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      },
    },
  };
}

/** Environment for terraform: the mirror's CLI config, no prompts, no telemetry, no colours. */
export function terraformEnv(cliConfig: string): NodeJS.ProcessEnv {
  return { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
}

/**
 * Builds the directory in a private staging place and renames it into position, so that test files
 * running at the same time never see a half-initialized directory (the loser of the race drops its copy).
 */
function initialize(dir: string, terraform: string, mirror: string): void {
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  const staging = fs.mkdtempSync(`${dir}.staging-`);
  try {
    const cliConfig = path.join(staging, "cli.tfrc");
    fs.writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${PROVIDER_ADDRESS}"]\n  }\n}\n`,
    );
    fs.writeFileSync(path.join(staging, "main.tf.json"), JSON.stringify(providerBlock("us-east-1"), null, 2));
    const env = terraformEnv(cliConfig);
    const init = spawnSync(terraform, ["init", "-input=false", "-no-color", "-backend=false"], { cwd: staging, env, encoding: "utf8" });
    if (init.status !== 0) {
      throw new TerraformUnavailableError(
        `terraform init could not install terraform-provider-aws ${AWS_PROVIDER_VERSION} from ${mirror}: ${firstLine(init.stderr || init.stdout)}`,
      );
    }
    const schema = spawnSync(terraform, ["providers", "schema", "-json"], {
      cwd: staging,
      env,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    if (schema.status !== 0) throw new TerraformUnavailableError(`terraform providers schema failed: ${firstLine(schema.stderr)}`);
    fs.writeFileSync(path.join(staging, "schema.json"), schema.stdout);
    // The CLI config names the mirror by absolute path, so it stays valid after the move.
    try {
      fs.renameSync(staging, dir);
    } catch (err) {
      if (!fs.existsSync(path.join(dir, "schema.json"))) throw err;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function readSchema(file: string): ResourceSchemas {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as {
    provider_schemas: Record<string, { resource_schemas: ResourceSchemas }>;
  };
  const provider = json.provider_schemas[PROVIDER_ADDRESS];
  if (!provider) throw new TerraformUnavailableError(`the schema in ${file} has no ${PROVIDER_ADDRESS}`);
  return provider.resource_schemas;
}

export function firstLine(text: string): string {
  const line = text
    .split("\n")
    .map((l) => l.replace(/^[│╷╵\s]+/, "").trim())
    .find((l) => l.length > 0 && !/^Error:?$/.test(l));
  return line ?? "(no output)";
}
