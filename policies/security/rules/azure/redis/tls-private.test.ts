import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./tls-private";

const redis = (changes: Record<string, unknown> = {}) =>
  planResource("azure-native:redis:Redis", "online", {
    resourceGroupName: "rg",
    sku: { name: "Standard", family: "C", capacity: 1 },
    enableNonSslPort: false,
    minimumTlsVersion: "1.2",
    publicNetworkAccess: "Disabled",
    ...changes,
  });

describe(rule.name, () => {
  it("GIVEN TLS 1.2, the plain port off and no public access THEN it passes", async () => {
    expect(await findings(rule, [redis()])).toEqual([]);
  });

  it("GIVEN the non-TLS port on THEN it fails", async () => {
    expect(await findings(rule, [redis({ enableNonSslPort: true })])).toEqual(["enableNonSslPort is true: port 6379 serves plain text."]);
  });

  it("GIVEN TLS 1.0 THEN it fails", async () => {
    expect(await findings(rule, [redis({ minimumTlsVersion: "1.0" })])).toEqual(['minimumTlsVersion is 1.0; set "1.2".']);
  });

  it("GIVEN public access unset THEN it fails", async () => {
    expect(await findings(rule, [redis({ publicNetworkAccess: undefined })])).toEqual([
      'publicNetworkAccess is not set (Enabled); set "Disabled".',
    ]);
  });
});
