import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./artifacts-encrypted";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1";
const project = (extra: Record<string, unknown>) =>
  planResource("aws:codebuild/project:Project", "p", { artifacts: { type: "CODEPIPELINE" }, ...extra });
const pipeline = (store: Record<string, unknown>) =>
  planResource("aws:codepipeline/pipeline:Pipeline", "pl", { artifactStores: [{ type: "S3", location: "b", ...store }] });

describe(rule.name, () => {
  it("GIVEN a project and a pipeline with a KMS key THEN it passes", async () => {
    expect(await findings(rule, [project({ encryptionKey: KEY }), pipeline({ encryptionKey: { type: "KMS", id: KEY } })])).toEqual([]);
  });

  it("GIVEN a project without a key THEN it fails", async () => {
    expect(await findings(rule, [project({})])).toEqual(["has no encryptionKey (artifacts use the AWS-managed key)."]);
  });

  it("GIVEN a project with artifact encryption off THEN it fails", async () => {
    expect(await findings(rule, [project({ encryptionKey: KEY, artifacts: { type: "S3", encryptionDisabled: true } })])).toEqual([
      "turns artifact encryption off.",
    ]);
  });

  it("GIVEN a pipeline artifact store without a key THEN it fails", async () => {
    expect(await findings(rule, [pipeline({})])).toEqual(["artifact store 0 has no KMS encryptionKey."]);
  });
});
