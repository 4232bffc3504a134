import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  formatDiagnostic,
  listStacks,
  type Plan,
  synth,
  synthProject,
  type TerraformDiagnostic,
  TerraformUnavailableError,
  terraformWorkspace,
  validateAwsPlans,
} from "@mlops-kit/testing";
import { Certificate } from "@pulumi/aws/acm/certificate";
import { CertificateValidation } from "@pulumi/aws/acm/certificateValidation";
import { Group } from "@pulumi/aws/autoscaling/group";
import { Policy } from "@pulumi/aws/autoscaling/policy";
import { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { Record as DnsRecord } from "@pulumi/aws/route53/record";
import { IpSet } from "@pulumi/aws/wafv2/ipSet";
import { WebAcl } from "@pulumi/aws/wafv2/webAcl";
import { WebAclAssociation } from "@pulumi/aws/wafv2/webAclAssociation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MLOPS_BIN, ROOT, tempProject } from "./helpers";

// Every AWS plan we ship (stacks, examples, components with long and unusual names) is checked with
// terraform-provider-aws's own validators. Needs terraform and the provider in a local mirror.
const unavailable = (() => {
  try {
    terraformWorkspace();
    return undefined;
  } catch (err) {
    if (err instanceof TerraformUnavailableError) return err.message;
    throw err;
  }
})();
if (unavailable) console.warn(`terraform-aws.test.ts skipped: ${unavailable}`);

const AWS_CONFIG = { "mlops:cloud": "aws", "aws:region": "eu-central-1" };
const ECR_IMAGE = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/models/sentiment:1.0.0";

/** A program with a network and a model API, both named as given, on AWS. */
function serviceProgram(network: string, service: string, profile: "dev" | "prod", extra = ""): string {
  return `import { InferenceService, MlopsVpc, MonitoringStack } from "mlops-kit";
const vpc = new MlopsVpc(${JSON.stringify(network)}, { zones: 2 });
const api = new InferenceService(${JSON.stringify(service)}, {
  network: vpc.network,
  image: ${JSON.stringify(ECR_IMAGE)},
  port: 8080,
  compute: { cpu: 2, memoryGiB: 8 },
  loadBalancer: { tls: { domain: "api.example.com" } },
  profile: ${JSON.stringify(profile)},${extra}
});
// Monitoring named like the service: alarm, dashboard and budget names at the same edges.
new MonitoringStack(${JSON.stringify(service)}, {
  services: [api.info],
  models: [{ name: "m" }],
  notifications: { emails: ["oncall@example.com"], webhooks: ["https://hooks.example.com/services/T0/B0/x"] },
  budget: { monthlyAmount: 100 },
  profile: ${JSON.stringify(profile)},
});
`;
}

/** Programs whose child names sit at the edges of what a component name may be (a DNS label of at most 40). */
const NAMED: Record<string, string> = {
  // 40 characters each: the longest names accepted.
  "40-character names": serviceProgram("network-for-the-fraud-detection-platform", "fraud-detection-model-api-with-long-name", "dev"),
  // One letter, and names with digits.
  "one-letter and digit names": serviceProgram(
    "n",
    "m2-7b-v3",
    "prod",
    '\n  compute: { cpu: 4, memoryGiB: 16, gpu: { type: "a10g" } },\n  spot: { enabled: true },',
  ),
  // A registry and its models at the longest names accepted, shared with another account, its
  // bucket held to a VPC endpoint, with writers, approvers and readers.
  "model registry with 40-character names": `import { MlopsVpc, ModelRegistry } from "mlops-kit";
const vpc = new MlopsVpc("net", { zones: 2 });
new ModelRegistry("model-registry-of-the-fraud-platform-abc", {
  network: vpc.network,
  models: [{ name: "card-fraud-scores-for-payments-x" }, { name: "a" }],
  tracking: { size: "large" },
  access: {
    writers: ["arn:aws:iam::123456789012:role/ci/publisher"],
    approvers: ["arn:aws:iam::123456789012:role/approver"],
    readers: ["arn:aws:iam::123456789012:role/reader"],
    shareWith: ["210987654321"],
  },
  aws: { vpcEndpointIds: ["vpce-0123456789abcdef0"], maintenanceWindowStart: "Tue:03:30", mlflowVersion: "2.16" },
  profile: "prod",
});
`,
  // More client ranges than a security group holds: the web ACL's IP set holds them, behind a
  // not-statement. Internal, so the scheme's names are checked too.
  "allow-list in the web ACL": `import { InferenceService, MlopsVpc } from "mlops-kit";
const vpc = new MlopsVpc("net", { zones: 2 });
new InferenceService("api", {
  network: vpc.network,
  image: ${JSON.stringify(ECR_IMAGE)},
  compute: { cpu: 2, memoryGiB: 8 },
  loadBalancer: {
    scheme: "internal",
    tls: { domain: "api.example.com" },
    allowedCidrs: Array.from({ length: 61 }, (_, i) => \`10.\${i}.0.0/16\`),
  },
});
`, // A pipeline with the longest name and stage name accepted: roles, projects, pipeline, connection and
  // schedule names within their limits, and the CodePipeline and OIDC provider as the provider reads them.
  "40-character pipeline names": `import { CiCdPipeline } from "mlops-kit";
new CiCdPipeline("delivery-pipeline-for-the-fraud-platform", {
  repository: "acme/fraud-model",
  registry: ${JSON.stringify({
    cloud: "aws",
    name: "models",
    region: "eu-central-1",
    trackingUri: "",
    imageRepositoryUrl: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/models",
    imageRepositoryId: "arn:aws:ecr:eu-central-1:123456789012:repository/models",
    artifactUri: "s3://models-artifacts",
    artifactStoreId: "arn:aws:s3:::models-artifacts",
    models: { fraud: "arn:aws:sagemaker:eu-central-1:123456789012:model-package-group/fraud" },
    aws: {
      readerPolicyArn: "arn:aws:iam::123456789012:policy/r",
      publisherPolicyArn: "arn:aws:iam::123456789012:policy/p",
      approverPolicyArn: "arn:aws:iam::123456789012:policy/a",
    },
  })},
  stages: [{ name: "a-very-long-stage-nm" }, { name: "production" }],
  build: { model: "fraud" },
  retrain: { schedule: "0 3 * * MON", command: "python -m train" },
  profile: "prod",
});
`,
};

/**
 * Resource types and shapes beyond what the backends create today (a WAF web ACL with managed
 * rules, DNS validation of a certificate, spot over several instance types, scaling on requests):
 * the conversion must map them without a finding, so that a diagnostic always means the provider's.
 */
function moreAwsResources(): void {
  const lb = new LoadBalancer("api", { subnets: ["subnet-0a", "subnet-0b"], securityGroups: ["sg-0a"] });
  const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
  const allowed = new IpSet("allowed", { scope: "REGIONAL", ipAddressVersion: "IPV4", addresses: ["203.0.113.0/24"] });
  const acl = new WebAcl("api", {
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: visibility("api"),
    rules: [
      {
        name: "common",
        priority: 1,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS" } },
        visibilityConfig: visibility("common"),
      },
      {
        name: "allowed-cidrs",
        priority: 2,
        action: { block: {} },
        statement: { notStatement: { statement: { ipSetReferenceStatement: { arn: allowed.arn } } } },
        visibilityConfig: visibility("allowed-cidrs"),
      },
    ],
  });
  new WebAclAssociation("api", { resourceArn: lb.arn, webAclArn: acl.arn });
  const cert = new Certificate("api", { domainName: "api.example.com", validationMethod: "DNS" });
  const record = new DnsRecord("api-validation", {
    zoneId: "Z0123456789ABCDEFGHIJ",
    name: "_x.api.example.com",
    type: "CNAME",
    records: ["_y.acm-validations.aws."],
    ttl: 60,
  });
  new CertificateValidation("api", { certificateArn: cert.arn, validationRecordFqdns: [record.fqdn] });
  new DnsRecord("api", {
    zoneId: "Z0123456789ABCDEFGHIJ",
    name: "api.example.com",
    type: "A",
    aliases: [{ name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: true }],
  });
  const group = new Group("api", {
    minSize: 1,
    maxSize: 4,
    vpcZoneIdentifiers: ["subnet-0c", "subnet-0d"],
    mixedInstancesPolicy: {
      instancesDistribution: {
        onDemandBaseCapacity: 1,
        onDemandPercentageAboveBaseCapacity: 0,
        spotAllocationStrategy: "price-capacity-optimized",
      },
      launchTemplate: {
        launchTemplateSpecification: { launchTemplateId: "lt-0123456789abcdef0", version: "1" },
        overrides: [{ instanceType: "g5.xlarge" }, { instanceType: "g6.xlarge" }],
      },
    },
  });
  new Policy("api-requests", {
    autoscalingGroupName: group.name,
    policyType: "TargetTrackingScaling",
    targetTrackingConfiguration: {
      targetValue: 100,
      predefinedMetricSpecification: {
        predefinedMetricType: "ALBRequestCountPerTarget",
        resourceLabel: "app/api/0123456789abcdef/targetgroup/api/0123456789abcdef",
      },
    },
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Every plan to check, by label: the stacks, each example's stacks on AWS, the named programs. */
async function planAll(): Promise<Map<string, Plan>> {
  const plans = new Map<string, Plan>();
  for (const stack of listStacks(path.join(ROOT, "stacks")).filter((s) => s.startsWith("aws-"))) {
    plans.set(`stack ${stack}`, (await synthProject(ROOT, stack)).plan);
  }
  const examples = fs.readdirSync(path.join(ROOT, "examples")).filter((d) => fs.existsSync(path.join(ROOT, "examples", d, "Pulumi.yaml")));
  for (const example of examples.sort()) {
    const dir = path.join(ROOT, "examples", example);
    for (const stack of listStacks(dir)) {
      // Examples default to another cloud in places: on AWS the image must be one an instance can pull.
      const config = { ...AWS_CONFIG, "example:image": ECR_IMAGE };
      plans.set(`example ${example} (${stack})`, (await synthProject(dir, stack, { config })).plan);
    }
  }
  plans.set("more AWS resources", await synth(moreAwsResources, { config: AWS_CONFIG }));
  for (const [label, program] of Object.entries(NAMED)) {
    const dir = tempProject(program, `config:\n  mlops:cloud: aws\n  aws:region: eu-central-1\n`);
    dirs.push(dir);
    plans.set(label, (await synthProject(dir, "dev")).plan);
  }
  return plans;
}

describe.skipIf(unavailable !== undefined)("AWS plans against terraform-provider-aws", () => {
  const found = new Map<string, TerraformDiagnostic[]>();
  let plans: Map<string, Plan>;
  beforeAll(async () => {
    plans = await planAll();
    // One terraform run for all of them: the provider starts once.
    const results = await validateAwsPlans([...plans.values()], { region: "eu-central-1" });
    [...plans.keys()].forEach((label, i) => {
      found.set(label, results[i] ?? []);
    });
  }, 300_000);

  it("GIVEN the repository THEN there are AWS stacks, AWS examples and named programs to check", () => {
    const labels = [...plans.keys()];
    expect(labels.filter((l) => l.startsWith("stack aws-"))).toEqual(["stack aws-dev", "stack aws-prod"]);
    expect(labels.filter((l) => l.startsWith("example ")).length).toBeGreaterThanOrEqual(2);
    expect(labels).toContain("more AWS resources");
    for (const plan of plans.values()) expect(plan.resources.filter((r) => r.type.startsWith("aws:")).length).toBeGreaterThanOrEqual(10);
  });

  // A case with `defect` is a real defect of a backend, being fixed apart from this check: the test
  // is expected to fail until the fix lands, and then tells us to drop the mark.
  const CASES: { label: string; defect?: string }[] = [
    { label: "stack aws-dev" },
    { label: "stack aws-prod" },
    { label: "example cicd-pipeline (dev)" },
    { label: "example feature-store (dev)" },
    { label: "example inference-service (dev)" },
    { label: "example model-registry (dev)" },
    { label: "example monitoring (dev)" },
    { label: "example network (dev)" },
    { label: "example platform (dev)" },
    { label: "model registry with 40-character names" },
    { label: "example training-cluster (dev)" },
    // Load balancer and target group names hashed within 32 characters (they were auto-named
    // `<name>-lb-<7 hex>`, over the limit for any component name over 21 characters).
    { label: "40-character names" },
    { label: "one-letter and digit names" },
    { label: "more AWS resources" },
    // The allow-list's rule negated a list (`statements`) where a not-statement takes one `statement`.
    { label: "allow-list in the web ACL" },
    { label: "40-character pipeline names" },
  ];
  for (const { label, defect } of CASES) {
    (defect ? it.fails : it)(`GIVEN ${label} THEN terraform-provider-aws reports nothing${defect ? " (known defect)" : ""}`, () => {
      expect(plans.has(label)).toBe(true);
      expect((found.get(label) ?? []).map(formatDiagnostic)).toEqual([]);
    });
  }

  it("GIVEN every plan checked THEN each has a case above", () => {
    expect([...plans.keys()].sort()).toEqual(CASES.map((c) => c.label).sort());
  });
});

/** `mlops plan --validate` as a user runs it. */
function planValidate(stack: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [MLOPS_BIN, "plan", "--stack", stack, "--validate"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("mlops plan --validate", () => {
  it.skipIf(unavailable !== undefined)(
    "GIVEN aws-dev THEN it prints the tree, then the provider's verdict, and exits 0",
    () => {
      const r = planValidate("aws-dev");
      expect(r.stderr).toBe("");
      expect(r.stdout).toContain("offline plan, nothing deployed");
      expect(r.stdout).toMatch(/\nterraform-provider-aws 5\.100\.0 \(offline\): 0 errors, 0 warnings\n$/);
      expect(r.code).toBe(0);
    },
    240_000,
  );

  it("GIVEN no provider where the mirror should be THEN one line says so, and it exits 1", () => {
    const r = planValidate("aws-dev", { MLOPS_TF_PLUGIN_MIRROR: path.join(ROOT, "no-such-mirror") });
    expect(r.stderr).toMatch(
      /^error: --validate: (terraform is not installed|terraform-provider-aws 5\.100\.0 is not in the provider mirror) [^\n]+\n$/,
    );
    expect(r.code).toBe(1);
  }, 120_000);
});
