import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../core/spec";
import { mlopsVpcSchema } from "./spec";

const parse = (args: unknown) => parseSpec(mlopsVpcSchema, "MlopsVpc", "core", args);

describe("MlopsVpc spec", () => {
  it("GIVEN nothing THEN the profile-independent defaults are filled in", () => {
    expect(parse({})).toEqual({ cidr: "10.0.0.0/16", flowLogs: { enabled: true }, privateEndpoints: true });
  });

  it.each([
    [{ cidr: "10.0.0.0/33" }, 'MlopsVpc "core": cidr ("10.0.0.0/33") has a prefix length above 32'],
    [{ cidr: "10.0.0.0/8" }, 'MlopsVpc "core": cidr ("10.0.0.0/8") must be a /16 to /22 block'],
    [{ cidr: "10.0.0.0/23" }, 'MlopsVpc "core": cidr ("10.0.0.0/23") must be a /16 to /22 block'],
    [{ cidr: "10.0.1.0/16" }, 'MlopsVpc "core": cidr ("10.0.1.0/16") has host bits set (the network address for /16 is 10.0.0.0/16)'],
    [{ cidr: 10 }, 'MlopsVpc "core": cidr (10) must be a string'],
    [{ zones: 0 }, 'MlopsVpc "core": zones (0) must be >= 1'],
    [{ zones: 7 }, 'MlopsVpc "core": zones (7) must be <= 6'],
    [{ zones: 2.5 }, 'MlopsVpc "core": zones (2.5) must be an integer'],
    [{ nat: "always" }, 'MlopsVpc "core": nat ("always") must be one of "none", "single", "perZone"'],
    [{ cloud: "oracle" }, 'MlopsVpc "core": cloud ("oracle") must be one of "aws", "gcp", "azure"'],
    [{ flowLogs: { retentionDays: 0 } }, 'MlopsVpc "core": flowLogs.retentionDays (0) must be >= 1'],
    [{ flowLogs: { retentionDays: 3654 } }, 'MlopsVpc "core": flowLogs.retentionDays (3654) must be <= 3653'],
    [{ zone: 2 }, 'MlopsVpc "core": zone is not a known field (check its spelling)'],
    [{ tags: { "aws:owner": "x" } }, 'MlopsVpc "core": tags key "aws:owner" uses the prefix "aws:", which AWS reserves'],
    [
      { aws: { overrides: { vcp: {} } } },
      'MlopsVpc "core": aws.overrides.vcp is not a child role; roles: vpc, subnet, natGateway, endpointSecurityGroup, flowLogKey, flowLogGroup, flowLogRole, flowLog',
    ],
    [
      { azure: { privateDnsZoneIds: { blob: "privatelink.blob.core.windows.net" } } },
      'MlopsVpc "core": azure.privateDnsZoneIds.blob ("privatelink.blob.core.windows.net") must be a private DNS zone id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<zone>)',
    ],
    [
      { azure: { networkWatcher: { name: "w".repeat(81) } } },
      // long values are shown cut, so a message stays one readable line
      `MlopsVpc "core": azure.networkWatcher.name ("${"w".repeat(76)}...) must be at most 80 characters`,
    ],
    [{ gcp: { podsCidr: "10.0.0.0/14" } }, 'MlopsVpc "core": gcp.podsCidr ("10.0.0.0/14") overlaps cidr (10.0.0.0/16)'],
    [
      { gcp: { servicesCidr: "100.64.0.0/20" } },
      'MlopsVpc "core": gcp.servicesCidr ("100.64.0.0/20") overlaps gcp.podsCidr (100.64.0.0/14)',
    ],
  ])("GIVEN %j THEN it fails with: %s", (args, message) => {
    expect(() => parse(args)).toThrow(message);
    try {
      parse(args);
    } catch (err) {
      expect((err as Error).message).toBe(message);
      expect((err as Error).name).toBe("SpecError");
    }
  });

  it("GIVEN several problems THEN one error lists them all", () => {
    expect(() => parse({ zones: 9, nat: "x" })).toThrow(
      'MlopsVpc "core" has 2 problems:\n  - zones (9) must be <= 6\n  - nat ("x") must be one of "none", "single", "perZone"',
    );
  });

  it("property: any spec with an out-of-range zone count is rejected, naming zones", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 7 }), fc.double({ noInteger: true })), (zones) => {
        expect(() => parse({ zones })).toThrow(/MlopsVpc "core": zones/);
      }),
    );
  });
});

describe("component names", () => {
  it("GIVEN a name no cloud can derive resource names from THEN the spec fails on `name` before anything registers", () => {
    expect(() => parseSpec(mlopsVpcSchema, "MlopsVpc", "Fraud_Detection_Platform_Network_EU", {})).toThrow(
      'MlopsVpc "Fraud_Detection_Platform_Network_EU": name must be a lowercase DNS label',
    );
  });
});

describe("MlopsVpc spec: lists without repeats", () => {
  it("GIVEN an interface endpoint listed twice THEN the repeat is refused by index", () => {
    expect(() => parse({ aws: { interfaceEndpoints: ["ecr.api", "sts", "ecr.api"] } })).toThrow(
      'MlopsVpc "core": aws.interfaceEndpoints.2 ("ecr.api") repeats entry 0',
    );
  });
});

describe("MlopsVpc spec: Azure names", () => {
  it.each([["rg."], ["rg/x"], ["rg name"]])("GIVEN resourceGroupName %j THEN refused", (rg) => {
    expect(() => parse({ azure: { resourceGroupName: rg } })).toThrow(
      `MlopsVpc "core": azure.resourceGroupName (${JSON.stringify(rg)}) must be a resource group name`,
    );
  });

  it.each([["rg-ml_platform(1).x"], ["ресурсы"]])("GIVEN resourceGroupName %j THEN accepted", (rg) => {
    expect(parse({ azure: { resourceGroupName: rg } }).azure?.resourceGroupName).toBe(rg);
  });
});
