import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-public-ingress";

const https = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] };
const sg = (ingress: unknown[]) => planResource("aws:ec2/securityGroup:SecurityGroup", "lb", { vpcId: "v", ingress });
const sgRule = (inputs: Record<string, unknown>) =>
  planResource("aws:ec2/securityGroupRule:SecurityGroupRule", "r", { securityGroupId: "sg", type: "ingress", ...inputs });
const ingressRule = (inputs: Record<string, unknown>) =>
  planResource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r2", { securityGroupId: "sg", ...inputs });

describe(rule.name, () => {
  it("GIVEN 80/443 open to the world and anything open to the VPC THEN it passes", async () => {
    const resources = [
      sg([https, { ...https, fromPort: 80, toPort: 80 }, { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }]),
      sgRule({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] }),
      sgRule({ type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
      ingressRule({ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN SSH open to 0.0.0.0/0 inline THEN it fails naming the port", async () => {
    expect(await findings(rule, [sg([https, { ...https, fromPort: 22, toPort: 22 }])])).toEqual([
      expect.stringMatching(/^ingress\[1\] admits 0.0.0.0\/0 to 22;/),
    ]);
  });

  it("GIVEN all traffic open to ::/0 THEN it fails", async () => {
    expect(await findings(rule, [sg([{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }])])).toEqual([
      expect.stringContaining("admits ::/0 to every port"),
    ]);
  });

  it("GIVEN a port range 80-443 open to the world THEN it fails", async () => {
    expect(await findings(rule, [sg([{ ...https, fromPort: 80 }])])).toEqual([expect.stringContaining("to 80-443")]);
  });

  it("GIVEN ICMP open to the world THEN it fails", async () => {
    expect(await findings(rule, [sg([{ ...https, protocol: "icmp", fromPort: -1, toPort: -1 }])])).toEqual([
      expect.stringContaining("protocol icmp"),
    ]);
  });

  it("GIVEN a SecurityGroupRule opening 3389 to the world THEN it fails", async () => {
    expect(await findings(rule, [sgRule({ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] })])).toEqual([
      expect.stringContaining("to 3389"),
    ]);
  });

  it("GIVEN a SecurityGroupIngressRule opening 5432 to the world THEN it fails", async () => {
    expect(await findings(rule, [ingressRule({ ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" })])).toEqual([
      expect.stringContaining("to 5432"),
    ]);
  });

  it("GIVEN allowedPorts [443] in config THEN port 80 open to the world fails", async () => {
    const config = { [rule.name]: { allowedPorts: [443] } };
    expect(await findings(rule, [sg([{ ...https, fromPort: 80, toPort: 80 }])], { config })).toEqual([
      expect.stringContaining("only TCP 443"),
    ]);
  });
});
