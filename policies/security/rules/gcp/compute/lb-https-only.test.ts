import { findings, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./lb-https-only";

const urlMap = (name: string, inputs: Record<string, unknown>) => planResource("gcp:compute/uRLMap:URLMap", name, inputs);
const proxy = (name: string, map: ReturnType<typeof urlMap>) =>
  planResource("gcp:compute/targetHttpProxy:TargetHttpProxy", name, { urlMap: ref(map) });

describe(rule.name, () => {
  it("GIVEN an HTTP proxy whose URL map redirects to HTTPS THEN it passes", async () => {
    const redirect = urlMap("redirect", { defaultUrlRedirect: { httpsRedirect: true, stripQuery: false } });
    expect(await findings(rule, [redirect, proxy("http", redirect)])).toEqual([]);
  });

  it("GIVEN an HTTP proxy whose URL map serves a backend THEN it fails", async () => {
    const serving = urlMap("serving", { defaultService: "backend-id" });
    expect(await findings(rule, [serving, proxy("http", serving)])).toEqual([
      expect.stringContaining('serves plain HTTP: its URL map gcp:compute/uRLMap:URLMap "serving" does not redirect to HTTPS'),
    ]);
  });

  it("GIVEN a redirect that does not switch to HTTPS THEN it fails", async () => {
    const elsewhere = urlMap("elsewhere", { defaultUrlRedirect: { hostRedirect: "example.com", httpsRedirect: false } });
    expect(await findings(rule, [elsewhere, proxy("http", elsewhere)])).toHaveLength(1);
  });

  it("GIVEN an HTTP proxy on a URL map from outside the stack THEN it fails, since nothing shows a redirect", async () => {
    expect(
      await findings(rule, [
        planResource("gcp:compute/targetHttpProxy:TargetHttpProxy", "http", { urlMap: "projects/p/global/urlMaps/x" }),
      ]),
    ).toEqual([expect.stringContaining("through a URL map this stack does not define")]);
  });
});
