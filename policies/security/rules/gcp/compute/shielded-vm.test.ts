import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./shielded-vm";

const template = (shieldedInstanceConfig?: Record<string, unknown>, type = "gcp:compute/instanceTemplate:InstanceTemplate") =>
  planResource(type, "t", { machineType: "e2-small", disks: [], ...(shieldedInstanceConfig ? { shieldedInstanceConfig } : {}) });

describe(rule.name, () => {
  it("GIVEN secure boot on (vTPM and integrity monitoring default on) THEN it passes", async () => {
    expect(
      await findings(rule, [
        template({ enableSecureBoot: true }),
        template({ enableSecureBoot: true, enableVtpm: true }, "gcp:compute/instance:Instance"),
      ]),
    ).toEqual([]);
  });

  it("GIVEN no shieldedInstanceConfig (secure boot off) THEN it fails", async () => {
    expect(await findings(rule, [template()])).toEqual(["shieldedInstanceConfig leaves enableSecureBoot off."]);
  });

  it("GIVEN integrity monitoring turned off on a regional template THEN it fails", async () => {
    const t = template(
      { enableSecureBoot: true, enableIntegrityMonitoring: false },
      "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
    );
    expect(await findings(rule, [t])).toEqual(["shieldedInstanceConfig leaves enableIntegrityMonitoring off."]);
  });
});
