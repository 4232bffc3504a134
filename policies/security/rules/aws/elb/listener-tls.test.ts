import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./listener-tls";

const listener = (inputs: Record<string, unknown>, type = "aws:lb/listener:Listener") =>
  planResource(type, "l", { loadBalancerArn: "lb", ...inputs });
const forward = [{ type: "forward", targetGroupArn: "tg" }];
const redirect = [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }];

describe(rule.name, () => {
  it("GIVEN HTTPS with a TLS 1.2+ policy and HTTP redirecting, on lb and alb listeners THEN it passes", async () => {
    const resources = [
      listener({ protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: forward }),
      listener({ protocol: "HTTP", port: 80, defaultActions: redirect }, "aws:alb/listener:Listener"),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN HTTPS without sslPolicy THEN it fails", async () => {
    expect(await findings(rule, [listener({ protocol: "HTTPS", defaultActions: forward })])).toEqual([
      expect.stringContaining("ELBSecurityPolicy-2016-08"),
    ]);
  });

  it("GIVEN HTTPS with an old policy on an alb listener THEN it fails", async () => {
    const l = listener({ protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08", defaultActions: forward }, "aws:alb/listener:Listener");
    expect(await findings(rule, [l])).toEqual([expect.stringContaining("ELBSecurityPolicy-2016-08 is not one of")]);
  });

  it("GIVEN plain HTTP forwarding to targets THEN it fails", async () => {
    expect(await findings(rule, [listener({ protocol: "HTTP", defaultActions: forward })])).toEqual([
      "an HTTP listener must only redirect to HTTPS.",
    ]);
  });
});
