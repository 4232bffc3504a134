/**
 * Differences between the provider pulumi-aws 7 bridges (terraform-provider-aws v6) and the one
 * the check runs here (v5.100) that plans of mlops-kit meet: properties pulumi-aws 7 accepts and
 * the v5.100 schema has no argument for. The conversion leaves out exactly these (unchecked) and
 * reports every other property it cannot map. Add a row only with the release that introduced the
 * argument; rows are matched by terraform type and top-level Pulumi property.
 */
export interface KnownDifference {
  /** The terraform resource type, or `*` for every type. */
  tfType: string;
  /** The top-level Pulumi property. */
  property: string;
  /** Why v5.100 cannot check it, with the source. */
  reason: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    tfType: "*",
    property: "region",
    reason:
      "v6.0.0 added a `region` argument to most resources (a resource in another region than the provider's); v5 has one region per provider. " +
      "The check runs every resource in the provider's region. Source: terraform-provider-aws CHANGELOG 6.0.0, guide `enhanced-region-support`.",
  },
  {
    tfType: "aws_cloudwatch_log_group",
    property: "deletionProtectionEnabled",
    reason:
      "v6.25.0 added `deletion_protection_enabled` (CloudWatch Logs deletion protection, announced 2025-11). " +
      "Source: hashicorp/terraform-provider-aws#45298 (CHANGELOG 6.25.0).",
  },
];

/** The row that allows leaving `property` of a `tfType` resource out, if there is one. */
export function knownDifference(tfType: string, property: string): KnownDifference | undefined {
  return KNOWN_DIFFERENCES.find((d) => (d.tfType === "*" || d.tfType === tfType) && d.property === property);
}
