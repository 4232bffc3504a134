import * as path from "node:path";
import { ChangeKind, diffPlans, loadStackConfig, type Plan, runMain, synth, synthProject } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, STACKS } from "./helpers";
import { judge, parseSnapshot, snapshotLines } from "./urns/snapshot";

// Moving the reference stack's seven components under one MlopsPlatform changes every URN. The
// parts' aliases (to their unparented URNs, inherited by their children) must keep every resource:
// the engine's diff of the hand-wired program and stacks/platform.ts creates the platform alone.

const HAND_WIRED = path.join(ROOT, "test/fixtures/hand-wired-platform/index.ts");

async function handWired(stack: string): Promise<Plan> {
  const source = loadStackConfig(ROOT, stack);
  return synth(runMain(HAND_WIRED, path.dirname(HAND_WIRED)), {
    project: source.project,
    stack,
    config: source.config,
    secretKeys: source.secretKeys,
  });
}

const withoutAliases = (plan: Plan): Plan => ({ ...plan, resources: plan.resources.map(({ aliases: _a, ...r }) => r) });

describe.each(STACKS)("GIVEN stack %s planned hand-wired and on MlopsPlatform", (stack) => {
  let before: Plan;
  let after: Plan;
  beforeAll(async () => {
    before = await handWired(stack);
    after = (await synthProject(ROOT, stack)).plan;
  }, 240_000);

  it("WHEN diffed THEN the platform is the only change: nothing replaced, deleted or updated, every resource kept by an alias", () => {
    const d = diffPlans(before, after);
    const moved = before.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
    expect(moved.length).toBeGreaterThan(100);
    expect(after.resources.filter((r) => !r.urn.includes("mlops:index:MlopsPlatform")).map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
    expect(d.dataLoss).toEqual([]);
    expect(d.changes.map((c) => `${c.kind} ${c.type}`)).toEqual([`${ChangeKind.Create} mlops:index:MlopsPlatform`]);
    expect(d.counts.aliased).toBe(moved.length);
    expect(d.counts.same).toBe(moved.length);
  });

  it("WHEN the stack outputs are compared THEN they are the same", () => {
    expect(Object.keys(after.outputs).length).toBeGreaterThan(15);
    expect(after.outputs).toEqual(before.outputs);
  });

  it("WHEN the URN snapshot of the hand-wired stack is judged against the platform's THEN no loss is left to accept", () => {
    const verdict = judge(stack, parseSnapshot(snapshotLines(before).join("\n")), snapshotLines(after));
    expect(verdict.unaccepted).toEqual([]);
    expect(verdict.diff.counts.aliased).toBeGreaterThan(100);
    expect([verdict.diff.counts.replace, verdict.diff.counts.delete]).toEqual([0, 0]);
  });

  it("WHEN the aliases are left out THEN the same move replaces every stateful resource (the aliases are what keeps them)", () => {
    const d = diffPlans(before, withoutAliases(after));
    expect(d.counts.aliased).toBe(0);
    expect(d.dataLoss.length).toBeGreaterThan(5);
    expect(d.changes.filter((c) => c.kind === ChangeKind.Replace).length).toBeGreaterThan(100);
  });
});
