import { describe, expect, it } from "vitest";
import { disallowedPorts, isAzureWorldPrefix, isWorldCidr, parsePortRange } from "./network";

describe("network rules' shared logic", () => {
  it.each([
    ["80", [80, 80]],
    ["8000-8080", [8000, 8080]],
    ["*", [0, 65535]],
    ["", [0, 65535]],
    [443, [443, 443]],
    ["http", undefined],
    [undefined, undefined],
  ] as const)("GIVEN the port range %j THEN it reads %j", (range, expected) => {
    expect(parsePortRange(range)).toEqual(expected);
  });

  it.each([
    [22, 22, [80, 443], ["22"]],
    [80, 80, [80, 443], []],
    [79, 81, [80, 443], ["79-81"]],
    [0, 65535, [80, 443], ["0-65535"]],
  ] as const)("GIVEN ports %i-%i and %j allowed THEN %j are not", (from, to, allowed, expected) => {
    expect(disallowedPorts(from, to, [...allowed])).toEqual(expected);
  });

  it.each([
    ["0.0.0.0/0", true],
    ["::/0", true],
    [" 0.0.0.0/0 ", true],
    ["10.0.0.0/8", false],
    [undefined, false],
  ] as const)("GIVEN the range %j THEN world-open is %s", (cidr, world) => {
    expect(isWorldCidr(cidr)).toBe(world);
  });

  it.each([
    ["Internet", true],
    ["*", true],
    ["Any", true],
    ["VirtualNetwork", false],
  ] as const)("GIVEN the Azure prefix %s THEN world-open is %s", (prefix, world) => {
    expect(isAzureWorldPrefix(prefix)).toBe(world);
  });
});
