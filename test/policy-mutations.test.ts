import * as path from "node:path";
import { evaluatePolicies, loadPolicyPack, type PolicyPackInfo, synth } from "@mlops-kit/testing";
import { InferenceService, type InferenceServiceArgs, MlopsVpc, type MlopsVpcArgs } from "mlops-kit";
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
      // The GCP proxy-only subnetwork has an override role of its own, so the subnetwork override misses it.
      plan.resources
        .filter((r) => r.type === type && r.inputs.direction !== "EGRESS" && r.inputs.purpose !== "REGIONAL_MANAGED_PROXY")
        .map(() => [type, level]),
    );
    expect(
      await evaluatePolicies(await synth(() => new MlopsVpc("x", {}), { stack: "dev", config }), packs, { stackConfig: config }),
    ).toMatchObject({ mandatory: 0 });
  });
});

// The same for InferenceService: plain HTTP in dev, a public IP or IMDSv1 through an override.
const SERVICE_CONFIG = { "aws:region": "us-east-1", "gcp:project": "p", "gcp:region": "us-central1", "azure-native:location": "eastus2" };
const TLS = {
  aws: { domain: "api.example.com" },
  gcp: { domain: "api.example.com" },
  azure: { certificateId: "https://kv.vault.azure.net/secrets/api" },
} as const;

describe.each([
  ["aws", { loadBalancer: { tls: { enabled: false } } }, "mlops-aws-elb-listener-tls", "aws:lb/listener:Listener"],
  [
    "aws",
    { aws: { overrides: { launchTemplate: { metadataOptions: { httpTokens: "optional" } } } } },
    "mlops-aws-ec2-imdsv2-required",
    "aws:ec2/launchTemplate:LaunchTemplate",
  ],
  [
    "aws",
    { aws: { overrides: { launchTemplate: { networkInterfaces: [{ associatePublicIpAddress: "true" }] } } } },
    "mlops-aws-ec2-no-public-ip-on-instances",
    "aws:ec2/launchTemplate:LaunchTemplate",
  ],
  ["gcp", { loadBalancer: { tls: { enabled: false } } }, "mlops-gcp-compute-lb-https-only", "gcp:compute/targetHttpProxy:TargetHttpProxy"],
  [
    "gcp",
    { gcp: { overrides: { instanceTemplate: { networkInterfaces: [{ subnetwork: "s", accessConfigs: [{}] }] } } } },
    "mlops-gcp-compute-no-public-ip-on-instances",
    "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
  ],
  [
    "azure",
    { loadBalancer: { tls: { enabled: false } } },
    "mlops-azure-network-appgw-https-only",
    "azure-native:network:ApplicationGateway",
  ],
] as const)("GIVEN InferenceService on %s with %j", (cloud, change, rule, type) => {
  it(`THEN ${rule} fires, mandatory, on the ${type}; without the change nothing mandatory fires`, async () => {
    const config = { ...SERVICE_CONFIG, "mlops:cloud": cloud };
    const program = (extra: Partial<InferenceServiceArgs>) => () => {
      const vpc = new MlopsVpc("net", {});
      new InferenceService("api", {
        network: vpc.network,
        // AWS instances pull from ECR only (other registries are refused in the plan).
        image: cloud === "aws" ? "123456789012.dkr.ecr.us-east-1.amazonaws.com/models/api:1" : "registry.example.com/models/api:1",
        compute: { cpu: 2, memoryGiB: 4 },
        loadBalancer: { tls: TLS[cloud] },
        ...extra,
      });
    };
    const broken = await evaluatePolicies(await synth(program(change as Partial<InferenceServiceArgs>), { stack: "dev", config }), packs, {
      stackConfig: config,
    });
    expect(broken.violations.filter((v) => v.policyName === rule).map((v) => [v.type, v.enforcementLevel])).toEqual([[type, "mandatory"]]);
    const secure = await evaluatePolicies(await synth(program({}), { stack: "dev", config }), packs, { stackConfig: config });
    expect(secure.mandatory).toBe(0);
  });
});
