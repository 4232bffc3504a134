import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./lb-tls-policy";

const proxy = (inputs: Record<string, unknown>, type = "gcp:compute/targetHttpsProxy:TargetHttpsProxy") =>
  planResource(type, "p", { urlMap: "m", ...inputs });
const policy = (inputs: Record<string, unknown>) => planResource("gcp:compute/sSLPolicy:SSLPolicy", "tls", inputs);

describe(rule.name, () => {
  it("GIVEN proxies with an SSL policy of TLS 1.2 and MODERN THEN it passes", async () => {
    const resources = [
      policy({ minTlsVersion: "TLS_1_2", profile: "MODERN" }),
      proxy({ sslPolicy: "tls" }),
      proxy({ sslPolicy: "tls" }, "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy"),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN a proxy without sslPolicy THEN it fails", async () => {
    expect(await findings(rule, [proxy({})])).toEqual([expect.stringContaining("sslPolicy is not set")]);
  });

  it("GIVEN a policy with minTlsVersion TLS_1_0 THEN it fails", async () => {
    expect(await findings(rule, [policy({ minTlsVersion: "TLS_1_0", profile: "MODERN" })])).toEqual([
      "minTlsVersion is TLS_1_0; set TLS_1_2.",
    ]);
  });

  it("GIVEN a policy with the COMPATIBLE profile THEN it fails", async () => {
    expect(await findings(rule, [policy({ minTlsVersion: "TLS_1_2", profile: "COMPATIBLE" })])).toEqual([
      expect.stringContaining("COMPATIBLE"),
    ]);
  });
});
