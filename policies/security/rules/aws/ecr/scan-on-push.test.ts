import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./scan-on-push";

const repo = (inputs: Record<string, unknown>) => planResource("aws:ecr/repository:Repository", "images", inputs);

describe(rule.name, () => {
  it("GIVEN scan on push THEN it passes", async () => {
    expect(await findings(rule, [repo({ imageScanningConfiguration: { scanOnPush: true } })])).toEqual([]);
  });

  it("GIVEN no scanning configuration THEN it fails", async () => {
    expect(await findings(rule, [repo({})])).toEqual([expect.stringContaining("are not scanned")]);
  });
});
