import type { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { IpSet } from "@pulumi/aws/wafv2/ipSet";
import { WebAcl, type WebAclArgs } from "@pulumi/aws/wafv2/webAcl";
import { WebAclAssociation } from "@pulumi/aws/wafv2/webAclAssociation";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { InferenceServicePlan } from "../plan";
import type { AwsInferenceService } from "./resources";

/**
 * AWS managed rule groups the web ACL applies, in order ("AWS Managed Rules rule groups list",
 * AWS WAF Developer Guide): the OWASP-style core set, known bad inputs (Log4j, ...) and Amazon's
 * IP reputation list.
 */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
  "AWSManagedRulesAmazonIpReputationList",
] as const;

/**
 * Rules of the core set that only count: `SizeRestrictions_BODY` blocks request bodies over 8 KB,
 * which model requests (prompts, images, feature vectors) often exceed.
 */
export const COUNTED_RULES: Partial<Record<(typeof MANAGED_RULE_GROUPS)[number], string[]>> = {
  AWSManagedRulesCommonRuleSet: ["SizeRestrictions_BODY"],
};

/** The web ACL's rules: the allow-list (when it holds it) first, then the managed groups. */
export function webAclRules(plan: InferenceServicePlan, ipSetArn: pulumi.Input<string> | undefined): NonNullable<WebAclArgs["rules"]> {
  const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
  // Detection counts matches instead of acting on them, for tuning the rules before they block.
  const overrideAction = plan.loadBalancer.waf.mode === "prevention" ? { none: {} } : { count: {} };
  const managed = MANAGED_RULE_GROUPS.map((group, i) => ({
    name: group,
    priority: 10 * (i + 1),
    overrideAction,
    statement: {
      managedRuleGroupStatement: {
        vendorName: "AWS",
        name: group,
        ruleActionOverrides: (COUNTED_RULES[group] ?? []).map((name) => ({ name, actionToUse: { count: {} } })),
      },
    },
    visibilityConfig: visibility(`${plan.name}-${group}`),
  }));
  if (ipSetArn === undefined) return managed;
  // Access control, not detection: outside the allowed ranges is refused in either mode. A
  // not-statement negates exactly one `statement` (wafv2 WebAclRuleStatementNotStatement).
  return [
    {
      name: "allowed-client-ranges",
      priority: 0,
      action: { block: {} },
      statement: { notStatement: { statement: { ipSetReferenceStatement: { arn: ipSetArn } } } },
      visibilityConfig: visibility(`${plan.name}-allowed-client-ranges`),
    },
    ...managed,
  ];
}

/** A regional web ACL with AWS managed rule groups, on the load balancer. */
export function createWebAcl(
  plan: InferenceServicePlan,
  ctx: ProvisionContext,
  loadBalancer: LoadBalancer,
  allowedCidrs: string[] | undefined,
): NonNullable<AwsInferenceService["waf"]> {
  const { name } = plan;
  const tags = (extra: Record<string, string>) => awsTags({ ...plan.tags, ...extra });
  const ipSet =
    plan.aws.allowListInWaf && allowedCidrs
      ? new IpSet(
          `${name}-allowed`,
          {
            scope: "REGIONAL",
            ipAddressVersion: "IPV4",
            addresses: allowedCidrs,
            description: `Client ranges allowed to call inference service ${name}`,
            tags: tags({ Name: `${name}-allowed` }),
          },
          ctx.opts,
        )
      : undefined;
  const webAcl = new WebAcl(
    `${name}-waf`,
    withOverrides(
      {
        description: `Inference service ${name}: AWS managed rules`,
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        rules: webAclRules(plan, ipSet?.arn),
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `${name}-waf`, sampledRequestsEnabled: true },
        tags: tags({ Name: `${name}-waf` }),
      },
      plan.aws.overrides,
      "webAcl",
    ),
    ctx.opts,
  );
  const association = new WebAclAssociation(`${name}-waf`, { resourceArn: loadBalancer.arn, webAclArn: webAcl.arn }, ctx.opts);
  return { webAcl, association, ...(ipSet ? { ipSet } : {}) };
}
