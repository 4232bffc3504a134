/**
 * One startup sample, in a fresh process: the time to load what a program on one cloud loads
 * before it registers anything. @pulumi/pulumi is loaded first, outside the clock (both variants
 * need it alike).
 *
 *   library  mlops-kit (its bundle) and the provider submodules that cloud's backends import (what
 *            `new MlopsVpc` / `new InferenceService` load)
 *   sdk      only the provider submodules the cloud's resources come from
 */
import { backendSdkModules } from "../lib/backends";

export interface ImportArgs {
  variant: "library" | "sdk";
  cloud: string;
  /** sdk: the submodules to load (`@pulumi/aws/ec2`, ...). */
  modules?: string[];
}

export interface ImportReport {
  variant: ImportArgs["variant"];
  cloud: string;
  /** Process start to @pulumi/pulumi loaded. */
  pulumiMs: number;
  /** Loading the variant's modules. */
  loadMs: number;
  /** Modules loaded by the variant. */
  modules: number;
  maxRssKiB: number;
}

const args = JSON.parse(process.argv[2] ?? "{}") as ImportArgs;
require("@pulumi/pulumi");
const pulumiMs = performance.now();
const before = Object.keys(require.cache).length;
const t0 = performance.now();
if (args.variant === "library") {
  // mlops-kit's bundle carries every backend's code; a cloud's backends add its SDK submodules
  require("mlops-kit");
  for (const m of backendSdkModules(args.cloud)) require(m);
} else {
  for (const m of args.modules ?? []) require(m);
}
const loadMs = performance.now() - t0;
const report: ImportReport = {
  variant: args.variant,
  cloud: args.cloud,
  pulumiMs,
  loadMs,
  modules: Object.keys(require.cache).length - before,
  maxRssKiB: process.resourceUsage().maxRSS,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
