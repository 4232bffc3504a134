import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-shared-key-access";
import { account } from "./storage-account.fixture";

describe(rule.name, () => {
  it("GIVEN a locked-down account THEN it passes", async () => {
    expect(await findings(rule, [account()])).toEqual([]);
  });

  it("GIVEN allowSharedKeyAccess unset (allowed) THEN it fails", async () => {
    expect(await findings(rule, [account({ allowSharedKeyAccess: undefined })])).toEqual([expect.stringContaining("not set (allowed)")]);
  });

  it("GIVEN allowSharedKeyAccess true THEN it fails", async () => {
    expect(await findings(rule, [account({ allowSharedKeyAccess: true })])).toEqual([
      expect.stringContaining("allowSharedKeyAccess is true"),
    ]);
  });
});
