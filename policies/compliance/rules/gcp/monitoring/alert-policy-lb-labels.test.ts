import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./alert-policy-lb-labels";

const policy = (filter: string, denominatorFilter?: string) =>
  planResource("gcp:monitoring/alertPolicy:AlertPolicy", "api-availability", {
    displayName: "api availability",
    combiner: "OR",
    notificationChannels: ["projects/p/notificationChannels/1"],
    conditions: [{ displayName: "5xx", conditionThreshold: { filter, ...(denominatorFilter ? { denominatorFilter } : {}) } }],
  });
const requests = 'metric.type="loadbalancing.googleapis.com/https/request_count" AND resource.type="https_lb_rule"';

describe(rule.name, () => {
  it("GIVEN a load balancer condition on backend_target_name THEN it passes", async () => {
    expect(await findings(rule, [policy(`${requests} AND resource.label.backend_target_name="api-backend"`)])).toEqual([]);
  });

  it("GIVEN a condition on backend_service_name of https_lb_rule THEN it fails, naming the type", async () => {
    expect(await findings(rule, [policy(`${requests} AND resource.label.backend_service_name="api-backend"`)])).toEqual([
      expect.stringContaining("filters https_lb_rule by backend_service_name"),
    ]);
  });

  it("GIVEN an internal_http_lb_rule denominator on backend_service_name THEN it fails", async () => {
    const internal = 'resource.type="internal_http_lb_rule" AND resource.labels.backend_service_name="b"';
    expect(await findings(rule, [policy(`${requests} AND resource.label.backend_target_name="b"`, internal)])).toEqual([
      expect.stringContaining("filters internal_http_lb_rule by backend_service_name"),
    ]);
  });
});
