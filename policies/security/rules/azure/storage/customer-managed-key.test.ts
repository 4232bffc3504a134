import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./customer-managed-key";
import { account, secureAccount } from "./storage-account.fixture";

describe(rule.name, () => {
  it("GIVEN a locked-down account THEN it passes", async () => {
    expect(await findings(rule, [account()])).toEqual([]);
  });

  it("GIVEN Microsoft-managed keys THEN it fails", async () => {
    const encryption = { ...secureAccount.encryption, keySource: "Microsoft.Storage", keyVaultProperties: undefined };
    expect(await findings(rule, [account({ encryption })])).toEqual([expect.stringContaining("encryption.keySource is Microsoft.Storage")]);
  });
});
