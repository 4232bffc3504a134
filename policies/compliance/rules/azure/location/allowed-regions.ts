import { ALLOWED_REGIONS_SCHEMA, normalizeRegion, placement, resourceRule } from "@mlops-kit/policy-common";

export default resourceRule({
  name: "mlops-azure-location-allowed-regions",
  description: "Azure resources are placed only in the allowed regions (config allowedRegions; empty allows all).",
  severity: "high",
  frameworks: { nist: ["SA-9(5)", "SC-7"] },
  remediation: [
    "Deploy the stack in an allowed region (the azure-native:location setting, or the resource's location), or add the region to allowedRegions once data residency is cleared.",
  ],
  configSchema: ALLOWED_REGIONS_SCHEMA,
  validateResource: (args, report) => {
    if (!args.type.startsWith("azure-native:")) args.notApplicable("Policy only applies to Azure resources");
    const allowed = args.getConfig<{ allowedRegions: string[] }>().allowedRegions.map(normalizeRegion);
    if (allowed.length === 0) args.notApplicable("allowedRegions is empty: every region is allowed");
    const where = placement(args.type, args.props, args.provider, "location", "location");
    if (!where || normalizeRegion(where.region) === "global") return;
    if (!allowed.includes(normalizeRegion(where.region)))
      report(`location ${where.region} (from ${where.from}) is not one of ${allowed.join(", ")}.`);
  },
});
