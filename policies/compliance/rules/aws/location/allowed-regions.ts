import { ALLOWED_REGIONS_SCHEMA, normalizeRegion, placement, resourceRule } from "@mlops-kit/policy-common";

export default resourceRule({
  name: "mlops-aws-location-allowed-regions",
  description: "AWS resources are placed only in the allowed regions (config allowedRegions; empty allows all).",
  severity: "high",
  frameworks: { nist: ["SA-9(5)", "SC-7"] },
  remediation: [
    "Deploy the stack in an allowed region (the aws:region setting, or the resource's region), or add the region to allowedRegions once data residency is cleared.",
  ],
  configSchema: ALLOWED_REGIONS_SCHEMA,
  validateResource: (args, report) => {
    if (!args.type.startsWith("aws:")) args.notApplicable("Policy only applies to AWS resources");
    const allowed = args.getConfig<{ allowedRegions: string[] }>().allowedRegions.map(normalizeRegion);
    if (allowed.length === 0) args.notApplicable("allowedRegions is empty: every region is allowed");
    const where = placement(args.type, args.props, args.provider, "region", "region");
    if (where && !allowed.includes(normalizeRegion(where.region)))
      report(`region ${where.region} (from ${where.from}) is not one of ${allowed.join(", ")}.`);
  },
});
