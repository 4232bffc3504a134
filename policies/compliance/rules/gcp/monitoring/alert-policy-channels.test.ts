import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./alert-policy-channels";

const policy = (inputs: Record<string, unknown>) =>
  planResource("gcp:monitoring/alertPolicy:AlertPolicy", "api-latency", {
    displayName: "api latency",
    combiner: "OR",
    conditions: [],
    ...inputs,
  });

describe(rule.name, () => {
  it("GIVEN a policy with a channel THEN it passes", async () => {
    expect(await findings(rule, [policy({ notificationChannels: ["projects/p/notificationChannels/1"] })])).toEqual([]);
  });

  it("GIVEN a policy without channels THEN it fails", async () => {
    expect(await findings(rule, [policy({})])).toEqual([expect.stringContaining("has no notificationChannels")]);
  });
});
