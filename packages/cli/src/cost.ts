import * as path from "node:path";
import {
  AssumptionError,
  type CloudPricing,
  costDelta,
  estimateCost,
  isPricedCloud,
  loadStackConfig,
  matchAliases,
  type Plan,
  type PlanDiff,
  PRICING,
  type PricedCloud,
  parseAssumptions,
  REGION_KEYS,
  regionOf,
  renderCostJson,
  renderCostMarkdown,
  renderCostText,
  synthProject,
  USAGE_KEYS,
  type UsageAssumptions,
} from "@mlops-kit/testing";
import { parseStackCommand } from "./args";
import { readPlanFile } from "./diff-base";
import { UsageError, UserError } from "./errors";
import { staleBuildWarning } from "./stale";

const HELP = `Usage: mlops cost --stack <name> [--cwd <dir>] [--json | --markdown] [--assume key=value]... [--plan <file>]

The monthly estimate of a stack's plan in US dollars, per component and per resource: fixed (billed
whether or not anyone uses the platform) and usage (traffic and data, priced at the assumptions
listed), each from the lower to the upper scaling bound. Resources the price tables do not cover are
listed, never counted as zero. List prices shipped with mlops-kit, read on the dates shown: an
estimate, not a bill. Offline: nothing is deployed or read from a cloud.

Options:
  --stack <name>       the stack to price (required); its region comes from its configuration
  --cwd <dir>          the directory holding Pulumi.yaml (default: the current directory)
  --json               print the estimate as JSON (version 1)
  --markdown           print markdown (for a pull request or a wiki page)
  --assume <k=v>       change a usage assumption, e.g. natGb=250; repeat for more. Keys:
                       ${USAGE_KEYS.join(", ")}
  --plan <file>        price this plan ("mlops plan --out <file>") instead of planning the stack
  --timeout <s>        seconds the program gets to finish (default: 120)
  -h, --help           show this help`;

type PricingTable = Partial<Record<PricedCloud, CloudPricing>>;

/** `mlops cost`; `pricing` is the shipped tables unless a test gives its own. */
export async function cost(argv: string[], pricing: PricingTable = PRICING): Promise<number> {
  const args = parseStackCommand(
    argv,
    { markdown: { type: "boolean" }, assume: { type: "string", multiple: true }, plan: { type: "string" } },
    HELP,
  );
  if (!args) return 0;
  if (args.markdown && args.json) throw new UsageError(`give --markdown or --json, not both\n\n${HELP}`);
  const usage = assumptions(args.assume ?? []);
  const cwd = path.resolve(args.cwd ?? ".");
  const { config } = loadStackConfig(cwd, args.stack);
  const { cloud, region, table } = pricingFor(config["mlops:cloud"], config, args.stack, pricing);
  const plan = args.plan ? readPlanFile(path.resolve(args.plan)) : await planStack(cwd, args.stack, args.timeoutSeconds);
  const report = estimateCost(plan, { cloud, region, usage, pricing: table });
  process.stdout.write(args.json ? renderCostJson(report) : args.markdown ? renderCostMarkdown(report) : renderCostText(report));
  return 0;
}

/** The `--assume` overrides on the defaults; a wrong one is a usage error naming it. */
export function assumptions(values: readonly string[]): UsageAssumptions {
  try {
    return parseAssumptions(values);
  } catch (err) {
    if (err instanceof AssumptionError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * The cloud, its region and its price table for a stack, or a user error saying which is missing.
 * The region is checked before the table: a stack that cannot be priced anywhere says so first.
 */
function pricingFor(cloudSetting: string | undefined, config: Record<string, string>, stack: string, pricing: PricingTable) {
  if (cloudSetting === undefined) throw new UserError(`stack ${stack} sets no mlops:cloud: the cloud decides which prices apply`);
  if (!isPricedCloud(cloudSetting))
    throw new UserError(`mlops:cloud ${cloudSetting}: not a cloud mlops-kit prices (${Object.keys(REGION_KEYS).join(", ")})`);
  const cloud = cloudSetting;
  const region = regionOf(cloud, config);
  if (region === undefined) throw new UserError(`stack ${stack} sets no ${REGION_KEYS[cloud]}: prices differ by region`);
  const table = pricing[cloud];
  if (!table) throw new UserError(`no price table for ${cloud} yet (priced: ${pricedClouds(pricing)}); nothing was estimated`);
  return { cloud, region, table };
}

function pricedClouds(pricing: PricingTable): string {
  const clouds = Object.keys(pricing);
  return clouds.length > 0 ? clouds.join(", ") : "none";
}

async function planStack(cwd: string, stack: string, timeoutSeconds: number): Promise<Plan> {
  const stale = staleBuildWarning(cwd);
  if (stale) process.stderr.write(`warning: ${stale}\n`);
  return (await synthProject(cwd, stack, { timeoutSeconds })).plan;
}

/**
 * `mlops diff`'s cost delta: both plans priced with the same table, region and assumptions. Without
 * a cloud, a region or a table, a one-line note says why there is none; the diff goes on.
 */
export function diffCost(
  base: Plan,
  head: Plan,
  config: Record<string, string> | undefined,
  usage: UsageAssumptions,
  pricing: PricingTable = PRICING,
): Pick<PlanDiff, "cost" | "costNote"> {
  const cloud = head.cloud ?? config?.["mlops:cloud"];
  if (!isPricedCloud(cloud))
    return { costNote: cloud ? `not estimated, ${cloud} is not a priced cloud` : "not estimated, the stack sets no mlops:cloud" };
  const region = config ? regionOf(cloud, config) : undefined;
  if (region === undefined) return { costNote: `not estimated, no ${REGION_KEYS[cloud]} in the stack's configuration` };
  const table = pricing[cloud];
  if (!table) return { costNote: `not estimated, no price table for ${cloud} yet` };
  const options = { cloud, region, usage, pricing: table };
  const movedFrom = matchAliases(base.resources, head.resources);
  return { cost: costDelta(estimateCost(base, options), estimateCost(head, options), movedFrom) };
}
