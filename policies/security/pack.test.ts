import * as fs from "node:fs";
import * as path from "node:path";
import type { MlopsPolicy } from "@mlops-kit/policy-common";
import { loadPolicyPack, type PolicyPackInfo } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";

// The pack's rules, pinned: adding, renaming or removing a rule changes this list on purpose.
const RULES = [
  "mlops-aws-cloudwatch-log-group-encrypted",
  "mlops-aws-ec2-default-security-group-closed",
  "mlops-aws-ec2-imdsv2-required",
  "mlops-aws-ec2-no-public-ingress",
  "mlops-aws-ec2-no-public-ip-on-instances",
  "mlops-aws-ec2-no-public-ip-on-launch",
  "mlops-aws-ec2-vpc-flow-logs",
  "mlops-aws-elb-access-logs",
  "mlops-aws-elb-drop-invalid-headers",
  "mlops-aws-elb-listener-tls",
  "mlops-aws-iam-no-wildcard-actions",
  "mlops-aws-kms-key-rotation",
  "mlops-aws-s3-encryption-kms",
  "mlops-aws-s3-public-access-block",
  "mlops-aws-s3-tls-only",
  "mlops-azure-authorization-no-owner-role",
  "mlops-azure-compute-vmss-no-public-ip",
  "mlops-azure-compute-vmss-password-auth-disabled",
  "mlops-azure-network-appgw-https-only",
  "mlops-azure-network-appgw-tls-policy",
  "mlops-azure-network-appgw-waf",
  "mlops-azure-network-nsg-no-public-ingress",
  "mlops-azure-network-subnet-no-default-outbound-access",
  "mlops-azure-network-vnet-flow-logs",
  "mlops-azure-storage-customer-managed-key",
  "mlops-azure-storage-https-only",
  "mlops-azure-storage-infrastructure-encryption",
  "mlops-azure-storage-min-tls-1-2",
  "mlops-azure-storage-network-default-deny",
  "mlops-azure-storage-no-public-blob-access",
  "mlops-azure-storage-no-shared-key-access",
  "mlops-gcp-compute-backend-logging",
  "mlops-gcp-compute-firewall-no-public-ingress",
  "mlops-gcp-compute-lb-https-only",
  "mlops-gcp-compute-lb-tls-policy",
  "mlops-gcp-compute-no-public-ip-on-instances",
  "mlops-gcp-compute-shielded-vm",
  "mlops-gcp-compute-subnetwork-flow-logs",
  "mlops-gcp-iam-no-primitive-roles",
  "mlops-gcp-kms-key-rotation",
  "mlops-gcp-logging-bucket-cmek",
  "mlops-gcp-storage-bucket-cmek",
  "mlops-gcp-storage-bucket-public-access-prevention",
  "mlops-gcp-storage-bucket-uniform-access",
];

let pack: PolicyPackInfo;
beforeAll(() => {
  pack = loadPolicyPack(__dirname);
});

describe("policy pack mlops-security", () => {
  it("THEN it loads without serving, with its name, version and exactly the pinned rules", () => {
    expect([pack.name, pack.version]).toEqual([
      "mlops-security",
      JSON.parse(fs.readFileSync(path.join(__dirname, "package.json"), "utf8")).version,
    ]);
    expect(pack.policies.map((p) => p.name).sort()).toEqual(RULES);
  });

  it("THEN each rule lives in rules/<cloud>/<service>/<check>.ts, named mlops-<cloud>-<service>-<check>", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (/^[a-z0-9-]+\.ts$/.test(e.name) && !/\.(test|fixture)\.ts$/.test(e.name) && e.name !== "index.ts")
          files.push(path.join(dir, e.name));
      }
    };
    walk(path.join(__dirname, "rules"));
    const fromFiles = files.map(
      (f) => `mlops-${path.relative(path.join(__dirname, "rules"), f).replace(/\.ts$/, "").split(path.sep).join("-")}`,
    );
    expect(fromFiles.sort()).toEqual(RULES);
    for (const f of files) expect(fs.existsSync(f.replace(/\.ts$/, ".test.ts")), `${f} has a test`).toBe(true);
  });

  it("THEN policies/README.md documents every rule", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    for (const name of RULES) expect(readme, name).toMatch(new RegExp(`^\\| \`${name}\` +\\| security +\\|`, "m"));
  });

  it("THEN every rule has a description, severity, remediation, and the level its severity gives", () => {
    for (const p of pack.policies as MlopsPolicy[]) {
      const { severity, remediation, cloud } = p.metadata;
      expect(p.description.length, p.name).toBeGreaterThan(20);
      expect(remediation.length, p.name).toBeGreaterThan(0);
      expect(p.name.startsWith(`mlops-${cloud}-`), p.name).toBe(true);
      expect(p.enforcementLevel, p.name).toBe(severity === "critical" || severity === "high" ? "mandatory" : "advisory");
    }
  });
});
