import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { gateway } from "./appgw.fixture";
import rule from "./appgw-tls-policy";

describe(rule.name, () => {
  it("GIVEN a TLS 1.2 predefined policy, a custom TLS 1.2 policy, or none (the API default is TLS 1.2) THEN it passes", async () => {
    const custom = gateway({ sslPolicy: { policyType: "CustomV2", minProtocolVersion: "TLSv1_2" } });
    expect(await findings(rule, [gateway(), custom, gateway({ sslPolicy: undefined })])).toEqual([]);
  });

  it("GIVEN the 2015 predefined policy THEN it fails", async () => {
    expect(await findings(rule, [gateway({ sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20150501" } })])).toEqual([
      expect.stringContaining("AppGwSslPolicy20150501 allows TLS older than 1.2"),
    ]);
  });

  it("GIVEN a custom policy with TLS 1.0 THEN it fails", async () => {
    expect(await findings(rule, [gateway({ sslPolicy: { policyType: "Custom", minProtocolVersion: "TLSv1_0" } })])).toEqual([
      "sslPolicy.minProtocolVersion is TLSv1_0; set TLSv1_2.",
    ]);
  });
});
