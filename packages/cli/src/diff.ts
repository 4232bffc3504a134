import * as fs from "node:fs";
import * as path from "node:path";
import {
  diffPlans,
  evaluatePolicies,
  loadPolicyPack,
  loadStackConfig,
  type Plan,
  type PlanDiff,
  type PolicyDelta,
  policyDelta,
  renderDiffMarkdown,
  renderDiffText,
  synthProject,
} from "@mlops-kit/testing";
import { parseStackCommand } from "./args";
import { assumptions, diffCost } from "./cost";
import { planAtRef, readPlanFile } from "./diff-base";
import { UsageError } from "./errors";
import { defaultPackDirs } from "./packs";
import { staleBuildWarning } from "./stale";

const HELP = `Usage: mlops diff --stack <name> [--base <git ref> | --base-plan <file>] [--head-plan <file>]
                  [--markdown | --json] [--fail-on data-loss|replace|violation]... [--pack <dir>]...
                  [--assume key=value]...

Compares two plans of a stack by URN and says what the change does: each resource created, updated
(which inputs), replaced (and why: a URN change, or an input the provider cannot update in place)
or deleted; stateful resources deleted or replaced first, with whether protect or retainOnDelete
would stop it; a summary per component; the policy violations the change adds or removes; the
change in the monthly estimate ("mlops cost"), when the stack's cloud is priced.
Offline: nothing is deployed or read from a cloud.

Options:
  --stack <name>       the stack to compare (required)
  --cwd <dir>          the directory holding Pulumi.yaml (default: the current directory)
  --base <ref>         plan the stack at this git ref (its files and its mlops-kit sources) as the base
  --base-plan <file>   read the base plan from a file ("mlops plan --out <file>")
  --head-plan <file>   read the head plan from a file (default: plan the working tree)
  --markdown           print markdown for a pull request comment (at most 60,000 characters)
  --json               print the diff as JSON (version 1)
  --fail-on <what>     exit 1 when the change has: data-loss (a stateful resource deleted or replaced),
                       replace (any replacement or delete), violation (a new mandatory violation);
                       repeat or separate with commas
  --pack <dir>         policy packs for the delta (default: the project's policies/security and
                       policies/compliance, when present); the same packs judge both plans
  --assume <k=v>       a usage assumption for the cost delta, as "mlops cost" takes it; repeat for more
  --timeout <s>        seconds each program gets to finish (default: 120)
  -h, --help           show this help`;

const FAIL_ON = ["data-loss", "replace", "violation"] as const;
type FailOn = (typeof FAIL_ON)[number];

export async function diff(argv: string[]): Promise<number> {
  const args = parseStackCommand(
    argv,
    {
      base: { type: "string", short: "b" },
      "base-plan": { type: "string" },
      "head-plan": { type: "string" },
      markdown: { type: "boolean" },
      "fail-on": { type: "string", multiple: true },
      pack: { type: "string", short: "p", multiple: true },
      assume: { type: "string", multiple: true },
    },
    HELP,
  );
  if (!args) return 0;
  const cwd = path.resolve(args.cwd ?? ".");
  const failOn = parseFailOn(args["fail-on"] ?? []);
  if (args.base !== undefined && args["base-plan"] !== undefined) throw new UsageError(`give --base or --base-plan, not both\n\n${HELP}`);
  if (args.base === undefined && args["base-plan"] === undefined)
    throw new UsageError(`--base <ref> or --base-plan <file> is required\n\n${HELP}`);
  if (args.markdown && args.json) throw new UsageError(`give --markdown or --json, not both\n\n${HELP}`);
  const usage = assumptions(args.assume ?? []);

  const headPlanFile = args["head-plan"];
  const baseFile = args["base-plan"];
  // The base first: a wrong ref fails before the head's plan is paid for.
  const base = baseFile ? readPlanFile(path.resolve(baseFile)) : planAtRef(cwd, args.base ?? "", args.stack, args.timeoutSeconds);
  const head = headPlanFile ? readPlanFile(path.resolve(headPlanFile)) : await planHead(cwd, args.stack, args.timeoutSeconds);
  const result = diffPlans(base, head);
  const packs = packDirs(cwd, args.pack);
  if (packs.length > 0) result.policy = await delta(base, head, packs, cwd);
  Object.assign(result, diffCost(base, head, configOf(cwd, head.stack), usage));

  process.stdout.write(
    args.json ? `${JSON.stringify(result, null, 2)}\n` : args.markdown ? renderDiffMarkdown(result) : renderDiffText(result),
  );
  const failures = failOn.flatMap((f) => failure(f, result) ?? []);
  for (const f of failures) process.stderr.write(`mlops diff: --fail-on ${f}\n`);
  return failures.length > 0 ? 1 : 0;
}

function parseFailOn(values: string[]): FailOn[] {
  const all = values.flatMap((v) => v.split(",")).map((v) => v.trim());
  for (const v of all) {
    if (!(FAIL_ON as readonly string[]).includes(v))
      throw new UsageError(`--fail-on ${JSON.stringify(v)}: expected one of ${FAIL_ON.join(", ")}\n\n${HELP}`);
  }
  return all as FailOn[];
}

async function planHead(cwd: string, stack: string, timeoutSeconds: number): Promise<Plan> {
  const stale = staleBuildWarning(cwd);
  if (stale) process.stderr.write(`warning: ${stale}\n`);
  return (await synthProject(cwd, stack, { timeoutSeconds })).plan;
}

function packDirs(cwd: string, given: string[] | undefined): string[] {
  if (given && given.length > 0) {
    const dirs = given.map((p) => path.resolve(p));
    for (const d of dirs)
      if (!fs.existsSync(path.join(d, "PulumiPolicy.yaml"))) throw new UsageError(`${d} is not a policy pack (no PulumiPolicy.yaml)`);
    return dirs;
  }
  return defaultPackDirs(cwd).filter((d) => fs.existsSync(path.join(d, "PulumiPolicy.yaml")));
}

/** The packs on both plans, as `mlops check` runs them; the stack config is the plan's own. */
async function delta(base: Plan, head: Plan, dirs: string[], cwd: string): Promise<PolicyDelta> {
  const packs = dirs.map((d) => loadPolicyPack(d));
  const stackConfig = configOf(cwd, head.stack) ?? (head.cloud ? { "mlops:cloud": head.cloud } : {});
  const run = (plan: Plan) => evaluatePolicies(plan, packs, { projectDir: cwd, stackConfig });
  return policyDelta(await run(base), await run(head));
}

/** The stack's configuration, as \`mlops check\` gives it to the packs; undefined outside a project. */
function configOf(cwd: string, stack: string): Record<string, string> | undefined {
  try {
    return loadStackConfig(cwd, stack).config;
  } catch {
    return undefined;
  }
}

/** Why the change fails `--fail-on <what>`, or undefined. */
export function failure(what: FailOn, d: PlanDiff): string | undefined {
  switch (what) {
    case "data-loss":
      return d.dataLoss.length > 0 ? `data-loss: ${d.dataLoss.map((l) => `${l.name} (${l.kind})`).join(", ")}` : undefined;
    case "replace":
      return d.counts.replace + d.counts.delete > 0 ? `replace: ${d.counts.replace} replaced, ${d.counts.delete} deleted` : undefined;
    case "violation": {
      const added = (d.policy?.added ?? []).filter((v) => v.enforcementLevel === "mandatory");
      return added.length > 0 ? `violation: ${added.map((v) => `${v.policyName} on ${v.name ?? "the stack"}`).join(", ")}` : undefined;
    }
  }
}
