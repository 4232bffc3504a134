import { checkPolicies, findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./required-labels";

const bucket = (inputs: Record<string, unknown>) => planResource("gcp:storage/bucket:Bucket", "data", { location: "US", ...inputs });

describe(rule.name, () => {
  it("GIVEN a labelled bucket, and types that take no labels (network, subnetwork, firewall, router) THEN it passes", async () => {
    const unlabelled = [
      "gcp:compute/network:Network",
      "gcp:compute/subnetwork:Subnetwork",
      "gcp:compute/firewall:Firewall",
      "gcp:compute/router:Router",
    ].map((t) => planResource(t, "x", {}));
    expect(await findings(rule, [bucket({ labels: { "managed-by": "mlops-kit" } }), ...unlabelled])).toEqual([]);
  });

  it("GIVEN the label from the provider's defaultLabels THEN it passes", async () => {
    const report = await checkPolicies(rule, [bucket({})], {
      stackConfig: { "gcp:defaultLabels": JSON.stringify({ "managed-by": "platform" }) },
    });
    expect(report.violations).toEqual([]);
  });

  it("GIVEN a bucket without labels THEN it fails", async () => {
    expect(await findings(rule, [bucket({})])).toEqual(["missing labels: managed-by."]);
  });
});
