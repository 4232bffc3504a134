import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./privileged-image-builds-only";

const T = "aws:codebuild/project:Project";
const project = (privilegedMode: boolean, tags: Record<string, string> = {}) =>
  planResource(T, "p", {
    environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER", privilegedMode },
    tags,
  });

describe(rule.name, () => {
  it("GIVEN a privileged image build and an unprivileged deploy project THEN it passes", async () => {
    expect(await findings(rule, [project(true, { "mlops:build": "image" }), project(false)])).toEqual([]);
  });

  it("GIVEN a privileged project not tagged as an image build THEN it fails", async () => {
    expect(await findings(rule, [project(true, { "mlops:build": "deploy" })])).toEqual([
      "runs privileged but is not tagged mlops:build=image (a project that builds images).",
    ]);
  });
});
