import type { Network } from "@pulumi/gcp/compute/network";
import { ManagedZone, type ManagedZoneArgs } from "@pulumi/gcp/dns/managedZone";
import { RecordSet } from "@pulumi/gcp/dns/recordSet";
import type * as pulumi from "@pulumi/pulumi";
import { gcpLabels } from "../../../core/tags";
import { GCP_PRIVATE_VIP_ADDRESSES, type MlopsVpcPlan } from "../plan";

/**
 * Cloud DNS private zones that make Google APIs, Artifact Registry (`*.pkg.dev`) and Container
 * Registry (`*.gcr.io`) resolve to private.googleapis.com's addresses on this network, so that
 * instances with no internet egress (the isolated tier, a private tier without NAT) reach them
 * through Private Google Access. Cloud Foundation Fabric's pattern (modules/dns, blueprints'
 * "googleapis" zones): a wildcard CNAME to the VIP's name and A records for 199.36.153.8/30.
 */
export function createPrivateDns(
  plan: MlopsVpcPlan,
  network: Network,
  role: (a: ManagedZoneArgs) => ManagedZoneArgs,
  opts: pulumi.CustomResourceOptions,
): { zones: ManagedZone[]; records: RecordSet[] } {
  const labels = gcpLabels(plan.tags);
  const zones: ManagedZone[] = [];
  const records: RecordSet[] = [];
  for (const z of plan.gcp.privateDnsZones) {
    const key = z.dnsName.replace(/\.$/, "").replace(/\./g, "-");
    const zone = new ManagedZone(
      `${plan.name}-dns-${key}`,
      role({
        name: z.name,
        dnsName: z.dnsName,
        description: `Resolves ${z.dnsName} to Google's private VIP on ${plan.name}`,
        visibility: "private",
        privateVisibilityConfig: { networks: [{ networkUrl: network.id }] },
        labels,
      }),
      opts,
    );
    const record = (suffix: string, name: string, type: "A" | "CNAME", rrdatas: string[]) =>
      new RecordSet(`${plan.name}-dns-${key}-${suffix}`, { managedZone: zone.name, name, type, ttl: 300, rrdatas }, opts);
    // The VIP's name is inside googleapis.com's zone; pkg.dev and gcr.io point at their own apex.
    records.push(record("a", z.target, "A", [...GCP_PRIVATE_VIP_ADDRESSES]));
    records.push(record("cname", `*.${z.dnsName}`, "CNAME", [z.target]));
    zones.push(zone);
  }
  return { zones, records };
}
