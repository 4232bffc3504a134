/**
 * The replay baseline: registers the custom resources of a plan again, with the same types, names
 * and inputs (as the plan shows them), and nothing else: no components, no outputs flowing
 * between resources, no invokes, no validation.
 *
 * MLOPS_BENCH_REPLAY=bare registers `pulumi.CustomResource`s; `sdk` goes through the provider
 * SDK's own classes, each loaded from its own module (what a program written directly on the
 * provider packages pays at the least).
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { sdkClassOf } from "../lib/replay";

interface PlanLike {
  resources: { type: string; name: string; custom: boolean; inputs: Record<string, unknown> }[];
}

const planFile = process.env.MLOPS_BENCH_PLAN;
if (!planFile) throw new Error("MLOPS_BENCH_PLAN is not set");
const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as PlanLike;
const viaSdk = process.env.MLOPS_BENCH_REPLAY === "sdk";

/** `pulumi.CustomResource` itself, which its typings mark abstract. */
class Bare extends pulumi.CustomResource {}

let fallbacks = 0;
for (const r of plan.resources) {
  if (!r.custom) continue;
  if (!viaSdk) {
    new Bare(r.type, r.name, r.inputs);
    continue;
  }
  try {
    const Class = sdkClassOf(r.type);
    new Class(r.name, r.inputs);
  } catch {
    // An input the mocks cannot show (a computed output another resource passed on) is missing,
    // and the class refuses it: that one resource is replayed bare.
    fallbacks++;
    new Bare(r.type, r.name, r.inputs);
  }
}
(globalThis as { __mlopsBenchFallbacks?: number }).__mlopsBenchFallbacks = viaSdk ? fallbacks : undefined;
