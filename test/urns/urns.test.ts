import * as fs from "node:fs";
import * as path from "node:path";
import { type Plan, synthProject } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, STACKS } from "../helpers";
import { explain, judge, parseSnapshot, renderSnapshot, snapshotLines } from "./snapshot";

// The committed URNs of each reference stack. A change that renames, deletes or replaces a resource
// shows here; one that loses a stateful resource fails unless the snapshot records why.

const file = (stack: string) => path.join(__dirname, `${stack}.txt`);

describe.each(STACKS)("GIVEN stack %s", (stack) => {
  let plan: Plan;
  beforeAll(async () => {
    plan = (await synthProject(ROOT, stack)).plan;
  });

  it("WHEN its URNs are compared with test/urns/<stack>.txt THEN they match", () => {
    const current = snapshotLines(plan);
    expect(current.length).toBeGreaterThan(20);
    const snapshot = parseSnapshot(fs.existsSync(file(stack)) ? fs.readFileSync(file(stack), "utf8") : "");
    const verdict = judge(stack, snapshot, current);
    if (process.env.UPDATE_URNS === "1") {
      const reason = process.env.URNS_REASON;
      if (verdict.unaccepted.length > 0 && !reason) throw new Error(explain(stack, verdict));
      fs.writeFileSync(file(stack), renderSnapshot(stack, current, snapshot, verdict.unaccepted, reason));
      return;
    }
    expect(verdict.unaccepted, explain(stack, verdict)).toEqual([]);
    expect(current, explain(stack, verdict)).toEqual(snapshot.lines);
  });
});

describe("GIVEN the aws-dev snapshot and a change that renames its load balancer's log bucket", () => {
  let lines: string[];
  beforeAll(async () => {
    lines = snapshotLines((await synthProject(ROOT, "aws-dev")).plan);
  });
  const renamed = () => lines.map((l) => l.replace("::model-api-lb-logs", "::model-api-access-logs"));

  it("WHEN judged THEN the bucket's replacement is an unaccepted loss, and the message says how to accept it", () => {
    expect(lines.some((l) => /::model-api-lb-logs( |$)/.test(l))).toBe(true);
    const verdict = judge("aws-dev", parseSnapshot(lines.join("\n")), renamed());
    expect(verdict.unaccepted).toEqual([expect.stringMatching(/::model-api-lb-logs replace$/)]);
    expect(explain("aws-dev", verdict)).toContain('URNS_REASON="why" UPDATE_URNS=1 npx vitest run test/urns');
  });

  it("WHEN the snapshot is regenerated with a reason THEN the accepted line is kept and the same change passes", () => {
    const before = parseSnapshot(lines.join("\n"));
    const first = judge("aws-dev", before, renamed());
    const text = renderSnapshot("aws-dev", renamed(), before, first.unaccepted, "logs moved to the access-logs bucket");
    expect(text).toMatch(/^# accepted: .*::model-api-lb-logs replace — logs moved to the access-logs bucket$/m);
    const after = parseSnapshot(text);
    expect(after.lines).toEqual(renamed());
    // The accepted line stays in the file: judged against the old snapshot plus it, the loss is accepted.
    expect(judge("aws-dev", { lines: before.lines, accepted: after.accepted }, renamed()).unaccepted).toEqual([]);
  });

  it("WHEN a stateful input that forces replacement changes in place THEN it is an unaccepted loss too", () => {
    const group = lines.find((l) => l.includes("aws:cloudwatch/logGroup:LogGroup::model-api-logs  "));
    expect(group).toBeDefined();
    const changed = lines.map((l) => (l === group ? l.replace(/ {2}.*$/, '  {"name":"model-api-logs-renamed"}') : l));
    expect(judge("aws-dev", parseSnapshot(lines.join("\n")), changed).unaccepted).toEqual([
      expect.stringMatching(/::model-api-logs replace$/),
    ]);
  });
});
