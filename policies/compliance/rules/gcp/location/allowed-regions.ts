import { ALLOWED_REGIONS_SCHEMA, normalizeRegion, placement, resourceRule } from "@mlops-kit/policy-common";

export default resourceRule({
  name: "mlops-gcp-location-allowed-regions",
  description: "GCP resources are placed only in the allowed regions (config allowedRegions; empty allows all).",
  severity: "high",
  frameworks: { nist: ["SA-9(5)", "SC-7"] },
  remediation: [
    "Deploy the stack in an allowed region (the gcp:region setting, or the resource's region, location or zone), or add the region to allowedRegions once data residency is cleared.",
  ],
  configSchema: ALLOWED_REGIONS_SCHEMA,
  validateResource: (args, report) => {
    if (!args.type.startsWith("gcp:")) args.notApplicable("Policy only applies to GCP resources");
    const allowed = args.getConfig<{ allowedRegions: string[] }>().allowedRegions.map(normalizeRegion);
    if (allowed.length === 0) args.notApplicable("allowedRegions is empty: every region is allowed");
    // Regional resources name a region; buckets and log buckets a location; zonal ones a zone.
    const zone = typeof args.props.zone === "string" ? { region: args.props.zone.replace(/-[a-z]$/, ""), from: "zone" } : undefined;
    const where =
      placement(args.type, args.props, args.provider, "region", "region") ??
      placement(args.type, args.props, undefined, "location", "location") ??
      zone;
    if (!where || normalizeRegion(where.region) === "global") return;
    if (!allowed.includes(normalizeRegion(where.region))) report(`${where.from} ${where.region} is not one of ${allowed.join(", ")}.`);
  },
});
