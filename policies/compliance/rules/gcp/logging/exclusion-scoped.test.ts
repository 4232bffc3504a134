import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./exclusion-scoped";

const exclusion = (filter: string) =>
  planResource("gcp:logging/projectExclusion:ProjectExclusion", "x", { project: "p", name: "x", filter });

describe(rule.name, () => {
  it("GIVEN an exclusion of one load balancer's request logs THEN it passes", async () => {
    expect(await findings(rule, [exclusion('resource.type="http_load_balancer" AND resource.labels.backend_service_name="api"')])).toEqual(
      [],
    );
  });

  it("GIVEN an empty filter THEN it fails", async () => {
    expect(await findings(rule, [exclusion(" ")])).toEqual([expect.stringContaining("filter is empty")]);
  });

  it("GIVEN a filter on audit logs THEN it fails", async () => {
    expect(await findings(rule, [exclusion('logName:"cloudaudit.googleapis.com"')])).toEqual([expect.stringContaining("audit logs")]);
  });
});
