import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseImage, quote } from "./boot";

describe("image references", () => {
  it.each([
    ["123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1", { account: "123456789012", region: "us-east-1", repository: "model" }],
    [
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/model@sha256:abc",
      { account: "123456789012", region: "eu-west-1", repository: "team/model" },
    ],
    ["123456789012.dkr-ecr.us-west-2.on.aws/a/b:2", { account: "123456789012", region: "us-west-2", repository: "a/b" }],
    ["123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/m", { account: "123456789012", region: "us-gov-west-1", repository: "m" }],
    ["123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/m:latest", { account: "123456789012", region: "cn-north-1", repository: "m" }],
    ["public.ecr.aws/acme/model:1", undefined],
    ["ghcr.io/acme/model:1", undefined],
    ["acme/model:1", undefined],
  ])("GIVEN %s THEN its ECR repository is %j", (image, ecr) => {
    expect(parseImage(image).ecr).toEqual(ecr);
  });

  it("GIVEN a registry host THEN it is kept, ECR or not; Docker Hub images have none", () => {
    expect(parseImage("ghcr.io/acme/model:1").registry).toBe("ghcr.io");
    expect(parseImage("123456789012.dkr.ecr.us-east-1.amazonaws.com/m").registry).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com");
    expect(parseImage("acme/model:1").registry).toBeUndefined();
  });
});

describe("bash quoting", () => {
  it.each([
    ["plain", "'plain'"],
    ["it's", `'it'"'"'s'`],
    ["$HOME `id`", "'$HOME `id`'"],
  ])("GIVEN %j THEN it is quoted as %s", (word, quoted) => {
    expect(quote(word)).toBe(quoted);
  });

  it("GIVEN any word WHEN quoted THEN bash reads it back unchanged", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme-ascii" }).filter((s) => !s.includes("\0")),
        (word) => {
          const echoed = spawnSync("bash", ["-c", `printf %s ${quote(word)}`], { encoding: "utf8" });
          expect(echoed.stdout).toBe(word);
        },
      ),
      { numRuns: 40 },
    );
  });
});
