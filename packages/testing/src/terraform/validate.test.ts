import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { LoadBalancer, type LoadBalancerArgs } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import { beforeAll, describe, expect, it } from "vitest";
import { synth } from "../synth";
import { type TerraformDiagnostic, TerraformUnavailableError, terraformWorkspace, validateAwsPlan } from ".";

// Seeded mistakes must come back from terraform-provider-aws, told against the Pulumi resource and
// property. Needs terraform and the provider in a local mirror; says so in one line and skips otherwise.
const unavailable = (() => {
  try {
    terraformWorkspace();
    return undefined;
  } catch (err) {
    if (err instanceof TerraformUnavailableError) return err.message;
    throw err;
  }
})();
if (unavailable) console.warn(`validate.test.ts skipped: ${unavailable}`);

/** A VPC with two subnets in two zones: what a load balancer needs. */
function network() {
  const vpc = new Vpc("net", { cidrBlock: "10.0.0.0/16" });
  return ["a", "b"].map(
    (zone, i) => new Subnet(`public-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: `eu-central-1${zone}` }),
  );
}

/** Invalid values the provider's schema validators catch (terraform validate). */
function schemaMistakes() {
  const subnets = network();
  new TargetGroup("api", { port: 8080, protocol: "HTTPX", vpcId: subnets[0]?.vpcId });
  // The SDK checks required top-level arguments itself, not those inside a block; the cast stands
  // for a program in JavaScript.
  new LoadBalancer("logs", { subnets: subnets.map((s) => s.id), accessLogs: { enabled: true } as LoadBalancerArgs["accessLogs"] });
}

/** A name the provider refuses at plan time; terraform plans only once validation passes, so apart. */
function longName() {
  const subnets = network();
  new LoadBalancer("api", { name: "a-load-balancer-name-of-40-characters-xy", subnets: subnets.map((s) => s.id) });
}

describe.skipIf(unavailable !== undefined)("validateAwsPlan", () => {
  let found: TerraformDiagnostic[][] = [];
  beforeAll(async () => {
    // The two runs side by side: most of a run is the provider starting.
    const plans = [await synth(schemaMistakes), await synth(longName)];
    found = await Promise.all(plans.map((plan) => validateAwsPlan(plan, { region: "eu-central-1" })));
  }, 120_000);

  it("GIVEN an invalid enum value and a missing required argument THEN both are reported against the resource and property", () => {
    const diagnostics = found[0] ?? [];
    expect(diagnostics.map((d) => [d.severity, d.type, d.urn?.split("::").pop(), d.property ?? "", d.summary])).toEqual([
      ["error", "aws:lb/loadBalancer:LoadBalancer", "logs", "accessLogs", "Missing required argument"],
      [
        "error",
        "aws:lb/targetGroup:TargetGroup",
        "api",
        "protocol",
        'expected protocol to be one of ["HTTP" "HTTPS" "TCP" "TLS" "UDP" "TCP_UDP" "GENEVE"], got HTTPX',
      ],
    ]);
    expect(diagnostics[0]?.detail).toBe('The argument "bucket" is required, but no definition was found.');
  });

  it("GIVEN a load balancer named with 40 characters THEN the 32-character limit is reported on name", () => {
    expect((found[1] ?? []).map((d) => [d.type, d.property, d.terraformAttribute, d.summary])).toEqual([
      [
        "aws:lb/loadBalancer:LoadBalancer",
        "name",
        "name",
        '"name" cannot be longer than 32 characters: "a-load-balancer-name-of-40-characters-xy"',
      ],
    ]);
  });
});
