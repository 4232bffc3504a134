import type { ResourceSchemas, SchemaAttribute, SchemaBlock, SchemaBlockType } from "./schema";

/**
 * pulumi-aws type tokens whose terraform resource type the rules below do not produce: the bridge
 * gives them a token of their own in `provider/resources.go` (pulumi/pulumi-aws), e.g.
 * `"aws_lb": {Tok: awsResource(lbMod, "LoadBalancer")}`.
 */
const IRREGULAR_TYPES: Record<string, string> = {
  "aws:lb/loadBalancer:LoadBalancer": "aws_lb",
  "aws:alb/loadBalancer:LoadBalancer": "aws_alb",
  "aws:elb/loadBalancer:LoadBalancer": "aws_elb",
  "aws:codepipeline/pipeline:Pipeline": "aws_codepipeline",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": "aws_iam_openid_connect_provider",
  "aws:autoscaling/tag:Tag": "aws_autoscaling_group_tag",
};

/** `securityGroupIngressRule` -> `security_group_ingress_rule`; `ipv6CidrBlock` -> `ipv6_cidr_block`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/**
 * The terraform resource type of a pulumi-aws type token. pulumi-aws names a resource
 * `aws:<module>/<camelName>:<Name>` after the terraform type with or without its module prefix
 * (`aws_vpc` -> `aws:ec2/vpc:Vpc`, `aws_cloudwatch_log_group` -> `aws:cloudwatch/logGroup:LogGroup`);
 * the candidate the provider's schema knows is the one. Two known candidates are ambiguous and
 * need an entry in IRREGULAR_TYPES. Undefined when no candidate exists.
 */
export function terraformType(token: string, resources: ResourceSchemas): string | undefined {
  const irregular = IRREGULAR_TYPES[token];
  if (irregular) return irregular in resources ? irregular : undefined;
  const m = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):[A-Za-z0-9]+$/.exec(token);
  if (!m) return undefined;
  const [, module = "", member = ""] = m;
  const bare = `aws_${snakeCase(member)}`;
  const prefixed = `aws_${module.toLowerCase()}_${snakeCase(member)}`;
  const known = [prefixed, bare].filter((t) => t in resources);
  return known.length === 1 ? known[0] : undefined;
}

/** What a Pulumi property name stands for in a terraform block. */
export type SchemaField =
  | { kind: "attribute"; name: string; attribute: SchemaAttribute }
  | { kind: "block"; name: string; blockType: SchemaBlockType };

/**
 * Pulumi property names that are not the camelCase of the terraform name, nor its plural, per
 * terraform resource type: `Fields: {"<tf>": {Name: "<pulumi>"}}` and `AutoName("<pulumi>", ...)`
 * in pulumi/pulumi-aws `provider/resource_overrides.go`. The conversion reports any other
 * property it cannot map, so a missing entry shows as a finding, never as a silent drop.
 */
const RENAMED_FIELDS: Record<string, Record<string, string>> = {
  aws_lambda_function: { name: "function_name" },
  aws_cloudwatch_metric_alarm: { name: "alarm_name" },
  aws_cloudwatch_log_subscription_filter: { logGroup: "log_group_name" },
  // pulumi-aws names topic_arn `topic` (provider/resources.go, aws_sns_topic_subscription).
  aws_sns_topic_subscription: { topic: "topic_arn" },
};

/** How pulumi-aws auto-names a resource the program leaves unnamed. */
export interface AutoNameRule {
  /** The terraform argument that gets the name. */
  field: string;
  /** The bridge refuses a logical name longer than this, less the 7 random characters. */
  maxLength: number;
  lowercase?: boolean;
}

/**
 * pulumi-aws auto-names the `name` argument of every resource that has one (up to 255 characters:
 * provider/autonaming.go), except where an override says otherwise (provider/resource_overrides.go,
 * provider/aliases.go in pulumi/pulumi-aws).
 */
const AUTO_NAMES: Record<string, AutoNameRule> = {
  aws_s3_bucket: { field: "bucket", maxLength: 63, lowercase: true },
  aws_lb_target_group: { field: "name", maxLength: 32 },
  aws_lambda_function: { field: "function_name", maxLength: 64 },
  aws_cloudwatch_metric_alarm: { field: "alarm_name", maxLength: 255 },
  aws_cloudwatch_event_rule: { field: "name", maxLength: 64 },
};

export function autoNameRule(tfType: string): AutoNameRule {
  return AUTO_NAMES[tfType] ?? { field: "name", maxLength: 255 };
}

/**
 * The terraform field a Pulumi property name stands for in `block`. The bridge names a field the
 * camelCase of its terraform name, pluralised when it is a list or set that is not flattened
 * (`default_action` -> `defaultActions`, `tag` -> `tags`, `vpc_zone_identifier` ->
 * `vpcZoneIdentifiers`), so the singular forms are tried when the plural is not in the schema.
 */
export function schemaField(block: SchemaBlock, property: string, tfType?: string): SchemaField | undefined {
  const renamed = tfType ? RENAMED_FIELDS[tfType]?.[property] : undefined;
  const snake = renamed ?? snakeCase(property);
  const candidates = [snake];
  if (snake.endsWith("ies")) candidates.push(`${snake.slice(0, -3)}y`);
  if (snake.endsWith("es")) candidates.push(snake.slice(0, -2));
  if (snake.endsWith("s")) candidates.push(snake.slice(0, -1));
  for (const name of candidates) {
    const attribute = block.attributes?.[name];
    if (attribute) return { kind: "attribute", name, attribute };
    const blockType = block.block_types?.[name];
    if (blockType) return { kind: "block", name, blockType };
  }
  return undefined;
}

/** A terraform identifier for a resource's logical name (letters, digits, `_` and `-`; not starting with a digit). */
export function terraformName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(safe) ? safe : `r_${safe}`;
}
