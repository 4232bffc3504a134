import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./backend-logging";

const backend = (inputs: Record<string, unknown>, type = "gcp:compute/backendService:BackendService") => planResource(type, "b", inputs);

describe(rule.name, () => {
  it("GIVEN request logging on, and an internal passthrough backend THEN it passes", async () => {
    const resources = [
      backend({ loadBalancingScheme: "EXTERNAL_MANAGED", logConfig: { enable: true, sampleRate: 1 } }),
      backend({ loadBalancingScheme: "INTERNAL" }, "gcp:compute/regionBackendService:RegionBackendService"),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN an external backend without logConfig THEN it fails", async () => {
    expect(await findings(rule, [backend({ loadBalancingScheme: "EXTERNAL_MANAGED" })])).toEqual([
      expect.stringContaining("logConfig.enable is not true"),
    ]);
  });

  it("GIVEN a regional internal managed backend with logging off THEN it fails", async () => {
    const b = backend(
      { loadBalancingScheme: "INTERNAL_MANAGED", logConfig: { enable: false } },
      "gcp:compute/regionBackendService:RegionBackendService",
    );
    expect(await findings(rule, [b])).toHaveLength(1);
  });
});
