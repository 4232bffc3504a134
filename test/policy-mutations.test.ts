import * as path from "node:path";
import { evaluatePolicies, loadPolicyPack, type PolicyPackInfo, synth } from "@mlops-kit/testing";
import { MlopsVpc, type MlopsVpcArgs } from "mlops-kit";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers";

// A rule that finds nothing on MlopsVpc proves nothing by itself: here one override through the
// public API breaks one setting, and the matching rule must fire on exactly the resources it reaches.
let packs: PolicyPackInfo[];
beforeAll(() => {
  packs = [loadPolicyPack(path.join(ROOT, "policies/security")), loadPolicyPack(path.join(ROOT, "policies/compliance"))];
});

// Each cloud: one override through MlopsVpc's public API makes the matching rule fire.
describe.each([
  [
    "aws",
    { aws: { overrides: { subnet: { mapPublicIpOnLaunch: true } } } },
    "mlops-aws-ec2-no-public-ip-on-launch",
    "aws:ec2/subnet:Subnet",
    "mandatory",
  ],
  [
    "aws",
    { aws: { overrides: { flowLogKey: { enableKeyRotation: false } } } },
    "mlops-aws-kms-key-rotation",
    "aws:kms/key:Key",
    "advisory",
  ],
  [
    "gcp",
    { gcp: { overrides: { subnetwork: { logConfig: undefined } } } },
    "mlops-gcp-compute-subnetwork-flow-logs",
    "gcp:compute/subnetwork:Subnetwork",
    "advisory",
  ],
  [
    "gcp",
    { gcp: { overrides: { firewall: { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["22"] }], denies: undefined } } } },
    "mlops-gcp-compute-firewall-no-public-ingress",
    "gcp:compute/firewall:Firewall",
    "mandatory",
  ],
  [
    "azure",
    { azure: { overrides: { flowLogStorage: { allowBlobPublicAccess: true } } } },
    "mlops-azure-storage-no-public-blob-access",
    "azure-native:storage:StorageAccount",
    "mandatory",
  ],
  [
    "azure",
    { azure: { overrides: { subnet: { defaultOutboundAccess: true } } } },
    "mlops-azure-network-subnet-no-default-outbound-access",
    "azure-native:network:Subnet",
    "mandatory",
  ],
] as const)("GIVEN MlopsVpc on %s with %j", (cloud, overrides, rule, type, level) => {
  it(`THEN ${rule} fires (${level}) on each ${type} the override reaches`, async () => {
    const config = {
      "mlops:cloud": cloud,
      "aws:region": "us-east-1",
      "gcp:project": "p",
      "gcp:region": "us-central1",
      "azure-native:location": "eastus2",
    };
    const plan = await synth(() => new MlopsVpc("x", overrides as MlopsVpcArgs), { stack: "dev", config });
    const report = await evaluatePolicies(plan, packs, { stackConfig: config });
    expect(report.violations.filter((v) => v.policyName === rule).map((v) => [v.type, v.enforcementLevel])).toEqual(
      // The firewall override reaches the egress rules too; only the ingress rule admits the internet.
      plan.resources.filter((r) => r.type === type && r.inputs.direction !== "EGRESS").map(() => [type, level]),
    );
    expect(
      await evaluatePolicies(await synth(() => new MlopsVpc("x", {}), { stack: "dev", config }), packs, { stackConfig: config }),
    ).toMatchObject({ mandatory: 0 });
  });
});
