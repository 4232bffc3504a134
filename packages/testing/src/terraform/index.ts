import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Plan } from "../plan";
import { type Conversion, type ConvertedResource, convertPlan } from "./convert";
import type { TerraformDiagnostic } from "./diagnostic";
import {
  firstLine,
  providerBlock,
  TerraformUnavailableError,
  type TerraformWorkspace,
  terraformEnv,
  terraformWorkspace,
  type WorkspaceOptions,
} from "./schema";
import { type JsonPath, serializeWithLines } from "./serialize";

export { convertPlan } from "./convert";
export { formatDiagnostic, type TerraformDiagnostic } from "./diagnostic";
export { KNOWN_DIFFERENCES, type KnownDifference } from "./differences";
export { AWS_PROVIDER_VERSION, TerraformUnavailableError, terraformWorkspace, type WorkspaceOptions } from "./schema";

export interface ValidateAwsOptions extends WorkspaceOptions {
  /** The provider's region (the stack's `aws:region`). @default "us-east-1" */
  region?: string;
  /**
   * Run `terraform plan -refresh=false`, which validates first and then adds the provider's
   * plan-time checks; false runs `terraform validate` alone (schema validators only). @default true
   */
  plan?: boolean;
}

/**
 * Checks the `aws:` resources of a plan with terraform-provider-aws's own validators, offline: the
 * plan is converted to a terraform configuration, then `terraform plan -refresh=false` (which runs
 * `terraform validate`'s checks first) runs on it with fake credentials. Each diagnostic is told
 * against the Pulumi resource and property. Resolves to no diagnostics when the provider finds
 * nothing. Throws {@link TerraformUnavailableError} when terraform or the provider is not installed.
 */
export async function validateAwsPlan(plan: Plan, options: ValidateAwsOptions = {}): Promise<TerraformDiagnostic[]> {
  const [diagnostics = []] = await validateAwsPlans([plan], options);
  return diagnostics;
}

/**
 * {@link validateAwsPlan} for several plans in one terraform run (the provider starts once, which
 * is most of the time a run takes). The diagnostics of each plan come back in its place; one that
 * names no resource is given to every plan. Terraform stops before its plan-time checks when
 * validation fails anywhere, so a plan with errors can hide another's plan-time errors: check
 * plans expected to have findings on their own.
 */
export async function validateAwsPlans(plans: Plan[], options: ValidateAwsOptions = {}): Promise<TerraformDiagnostic[][]> {
  const workspace = terraformWorkspace(options);
  const conversions = plans.map((plan, i) => convertPlan(plan, workspace.resources, plans.length > 1 ? `p${i}_` : ""));
  const results = conversions.map((c) => [...c.problems]);
  if (conversions.every((c) => c.converted.size === 0)) return results;
  const resources: Record<string, Record<string, unknown>> = {};
  for (const c of conversions) {
    for (const [type, byName] of Object.entries(c.resources)) resources[type] = { ...resources[type], ...byName };
  }
  const { text, pathAt } = serializeWithLines({ ...providerBlock(options.region ?? "us-east-1"), resource: resources });
  const dir = runDirectory(workspace, text);
  try {
    // `terraform plan` validates the configuration first (the provider's schema validators), then
    // plans (its plan-time checks): one run, one provider start, instead of validate and plan.
    const raw =
      options.plan === false
        ? await terraform(workspace, dir, ["validate", "-json", "-no-color"]).then((r) => parseValidate(r.stdout, r.stderr))
        : await terraform(workspace, dir, ["plan", "-json", "-no-color", "-refresh=false", "-lock=false", "-input=false"]).then((r) =>
            parsePlan(r.stdout, r.stderr),
          );
    const locate = locator(conversions, pathAt);
    for (const d of raw) {
      const { plan, diagnostic } = locate(d);
      for (const [i, list] of results.entries()) if (plan === undefined || plan === i) list.push(diagnostic);
    }
    // Terraform checks resources in parallel: an order of our own keeps the output stable.
    return results.map((list) => list.sort(byResource));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function byResource(a: TerraformDiagnostic, b: TerraformDiagnostic): number {
  const key = (d: TerraformDiagnostic) => [d.stage, d.urn ?? "", d.property ?? "", d.summary, d.detail].join("\0");
  const [ka, kb] = [key(a), key(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A fresh directory for one run that shares the initialized workspace's providers and lock file. */
function runDirectory(workspace: TerraformWorkspace, text: string): string {
  const dir = fs.mkdtempSync(path.join(path.dirname(workspace.dir), "run-"));
  fs.symlinkSync(path.join(workspace.dir, ".terraform"), path.join(dir, ".terraform"), "dir");
  fs.copyFileSync(path.join(workspace.dir, ".terraform.lock.hcl"), path.join(dir, ".terraform.lock.hcl"));
  fs.writeFileSync(path.join(dir, "main.tf.json"), text);
  return dir;
}

function terraform(workspace: TerraformWorkspace, cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(workspace.terraform, args, { cwd, env: terraformEnv(workspace.cliConfig) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", (err) => reject(new TerraformUnavailableError(`terraform could not run: ${err.message}`)));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A diagnostic as terraform's JSON output gives it. */
interface RawDiagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename: string; start: { line: number } };
}

function parseValidate(stdout: string, stderr: string): RawDiagnostic[] {
  try {
    return (JSON.parse(stdout) as { diagnostics?: RawDiagnostic[] }).diagnostics ?? [];
  } catch {
    return [{ severity: "error", summary: "terraform validate failed", detail: firstLine(stderr || stdout) }];
  }
}

function parsePlan(stdout: string, stderr: string): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    let message: { type?: string; diagnostic?: RawDiagnostic };
    try {
      message = JSON.parse(line);
    } catch {
      continue; // not one of terraform's machine-readable messages
    }
    if (message.type === "diagnostic" && message.diagnostic) out.push(message.diagnostic);
  }
  if (out.length === 0 && stderr.trim()) out.push({ severity: "error", summary: "terraform plan failed", detail: firstLine(stderr) });
  return out;
}

/** Tells a terraform diagnostic against the plan, the Pulumi resource and the property it came from. */
function locator(conversions: Conversion[], pathAt: (line: number) => JsonPath) {
  const byAddress = new Map<string, { plan: number; c: ConvertedResource }>();
  conversions.forEach((conversion, plan) => {
    for (const c of conversion.converted.values()) byAddress.set(c.address, { plan, c });
  });
  return (d: RawDiagnostic): { plan?: number; diagnostic: TerraformDiagnostic } => {
    const base: TerraformDiagnostic = { severity: d.severity, stage: "terraform", summary: d.summary, detail: d.detail ?? "" };
    const at = d.range?.filename === "main.tf.json" ? pathAt(d.range.start.line) : [];
    const address = at[0] === "resource" && at.length >= 3 ? `${at[1]}.${at[2]}` : d.address?.replace(/\[.*$/, "");
    const found = address ? byAddress.get(address) : undefined;
    if (!found) return { diagnostic: address ? { ...base, terraformAddress: address } : base };
    const { plan, c } = found;
    const attribute = at.slice(3).join(".");
    const property = attribute ? nearestProperty(c.properties, attribute) : undefined;
    const diagnostic: TerraformDiagnostic = {
      ...base,
      urn: c.resource.urn,
      type: c.resource.type,
      ...(property ? { property } : {}),
      terraformAddress: c.address,
      ...(attribute ? { terraformAttribute: attribute } : {}),
    };
    return { plan, diagnostic };
  };
}

/** The Pulumi path of a terraform attribute path, or of its closest recorded ancestor. */
function nearestProperty(properties: Map<string, string>, attribute: string): string | undefined {
  for (let parts = attribute.split("."); parts.length > 0; parts = parts.slice(0, -1)) {
    const found = properties.get(parts.join("."));
    if (found) return found;
  }
  return undefined;
}
