/**
 * The idle-cost row of one cloud, in a fresh process: plans `<cloud>-dev` and the minimal program
 * (bench/programs/minimal/<cloud>.ts) offline with the same stack configuration, prices both with
 * the estimator, and prints the comparison as one JSON line. A cloud without a price table is
 * reported as not priced, without planning anything.
 */
import * as path from "node:path";
import { loadStackConfig } from "../../packages/testing/src/config";
import { DEFAULT_USAGE } from "../../packages/testing/src/cost/assumptions";
import { estimateCost } from "../../packages/testing/src/cost/estimate";
import { PRICING } from "../../packages/testing/src/cost/pricing";
import { regionOf } from "../../packages/testing/src/cost/region";
import type { PricedCloud } from "../../packages/testing/src/cost/types";
import { synthProject } from "../../packages/testing/src/project";
import { synth } from "../../packages/testing/src/synth";
import { reportFromChild } from "../lib/child-report";
import { compareIdle, type IdleComparison } from "../lib/idle-cost";

export interface IdleCostReport extends Partial<IdleComparison> {
  cloud: PricedCloud;
  stack: string;
  region?: string;
  priced: boolean;
  note?: string;
}

const ROOT = path.resolve(__dirname, "..", "..");

async function main(cloud: PricedCloud): Promise<IdleCostReport> {
  const stack = `${cloud}-dev`;
  const source = loadStackConfig(ROOT, stack);
  const region = regionOf(cloud, source.config);
  const pricing = PRICING[cloud];
  if (!pricing || !region)
    return { cloud, stack, priced: false, note: pricing ? "the stack sets no region" : `no price table for ${cloud} yet` };
  const ours = (await synthProject(ROOT, stack)).plan;
  const { program } = require(`../programs/minimal/${cloud}`) as { program: () => unknown };
  const minimal = await synth(program, { project: "minimal", stack, config: source.config });
  const options = { cloud, region, usage: DEFAULT_USAGE, pricing };
  return { cloud, stack, region, priced: true, ...compareIdle(estimateCost(ours, options), estimateCost(minimal, options)) };
}

reportFromChild(() => main((JSON.parse(process.argv[2] ?? "{}") as { cloud: PricedCloud }).cloud));
