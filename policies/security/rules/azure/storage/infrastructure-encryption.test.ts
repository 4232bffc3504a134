import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./infrastructure-encryption";
import { account, secureAccount } from "./storage-account.fixture";

describe(rule.name, () => {
  it("GIVEN a locked-down account THEN it passes", async () => {
    expect(await findings(rule, [account()])).toEqual([]);
  });

  it("GIVEN no infrastructure encryption THEN it fails", async () => {
    const encryption = { ...secureAccount.encryption, requireInfrastructureEncryption: false };
    expect(await findings(rule, [account({ encryption })])).toEqual(["encryption.requireInfrastructureEncryption is not true."]);
  });
});
