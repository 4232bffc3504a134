import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-public-blob-access";
import { account } from "./storage-account.fixture";

describe(rule.name, () => {
  it("GIVEN a locked-down account THEN it passes", async () => {
    expect(await findings(rule, [account()])).toEqual([]);
  });

  it("GIVEN allowBlobPublicAccess true THEN it fails", async () => {
    expect(await findings(rule, [account({ allowBlobPublicAccess: true })])).toEqual([
      expect.stringContaining("allowBlobPublicAccess is true"),
    ]);
  });

  it("GIVEN allowBlobPublicAccess unset THEN it fails", async () => {
    expect(await findings(rule, [account({ allowBlobPublicAccess: undefined })])).toEqual([
      expect.stringContaining("allowBlobPublicAccess is not set"),
    ]);
  });
});
