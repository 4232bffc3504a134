import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./min-tls-1-2";
import { account } from "./storage-account.fixture";

describe(rule.name, () => {
  it("GIVEN a locked-down account THEN it passes", async () => {
    expect(await findings(rule, [account()])).toEqual([]);
  });

  it("GIVEN TLS1_0 THEN it fails", async () => {
    expect(await findings(rule, [account({ minimumTlsVersion: "TLS1_0" })])).toEqual(["minimumTlsVersion is TLS1_0; set TLS1_2."]);
  });

  it("GIVEN no minimumTlsVersion THEN it fails", async () => {
    expect(await findings(rule, [account({ minimumTlsVersion: undefined })])).toEqual(["minimumTlsVersion is not set; set TLS1_2."]);
  });
});
