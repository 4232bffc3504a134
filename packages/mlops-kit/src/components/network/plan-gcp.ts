import type { Overrides } from "../../core/backend";
import type { DeployContext } from "../../core/context";
import { physicalName } from "../../core/naming";
import { type Cidr, cidr, formatCidr, subnet } from "../../core/net/cidr";
import { type Tier, tierBlock } from "./layout";
import type { MlopsVpcSpec, NatMode, OVERRIDE_ROLES } from "./spec";

// The decisions MlopsVpc makes for GCP alone: names, the proxy-only range, Cloud NAT, private DNS
// for Google APIs. Pure; planMlopsVpc calls it.

export interface GcpNetworkPlan {
  region: string | undefined;
  podsCidr: string;
  servicesCidr: string;
  /**
   * The proxy-only subnetwork (purpose REGIONAL_MANAGED_PROXY) where regional internal
   * Application Load Balancers run their proxies: the second half of the reserved block (the
   * first half is Azure's gateway subnet), so the other tiers never move.
   */
  proxyOnlyCidr: string;
  /** The log bucket that keeps flow logs for `retentionDays` (an id, unique per project). */
  flowLogBucketId: string;
  /** Explicit RFC 1035 names of every child (pulumi-gcp does not cap or lower-case every auto-name). */
  names: GcpNetworkNames;
  /**
   * Cloud NAT is regional: one NAT serves every zone, so `perZone` cannot be placed per zone on
   * GCP. `perZoneUnmet` says the spec asked for it (the NAT is still highly available).
   */
  nat: { gateways: 0 | 1; perZoneUnmet: boolean };
  /** Private DNS zones that send Google APIs, Artifact Registry and Container Registry to the private VIP. */
  privateDnsZones: GcpPrivateDnsZone[];
  /** APIs to enable in the project (`gcp.enableApis`); empty when the project's owner enables them. */
  enableApis: string[];
  overrides: Overrides<(typeof OVERRIDE_ROLES)["gcp"][number]>;
}

export interface GcpNetworkNames {
  network: string;
  subnetworks: Record<Tier, string>;
  proxyOnlySubnetwork: string;
  router: string;
  nat: string;
  denyIngress: string;
  isolatedEgressAllow: string;
  isolatedEgressDeny: string;
  flowLogSink: string;
  flowLogExclusion: string;
}

export interface GcpPrivateDnsZone {
  /** The zone's resource name (RFC 1035). */
  name: string;
  /** The domain, with its final dot. */
  dnsName: string;
  /** The name the wildcard CNAME points to (with its final dot); its A records are the VIP's addresses. */
  target: string;
}

/**
 * private.googleapis.com's four addresses (199.36.153.8/30): reachable without internet egress,
 * for every Google API ("Configure Private Google Access", DNS configuration).
 */
export const GCP_PRIVATE_VIP_ADDRESSES = ["199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"] as const;

/**
 * The domains whose names must resolve to the private VIP for the isolated tier (and private
 * instances without NAT) to reach Google APIs, Artifact Registry and Container Registry. Cloud
 * Foundation Fabric's pattern: a private zone per domain, a wildcard CNAME to the apex (or to
 * private.googleapis.com) and A records for the VIP.
 */
export const GCP_PRIVATE_DNS_DOMAINS = [
  { key: "googleapis", dnsName: "googleapis.com.", target: "private.googleapis.com." },
  { key: "pkg-dev", dnsName: "pkg.dev.", target: "pkg.dev." },
  { key: "gcr-io", dnsName: "gcr.io.", target: "gcr.io." },
] as const;

/**
 * The APIs a platform on GCP calls: this network and the components built on it (compute for
 * networks, instances and load balancers; DNS for the private zones; logging, monitoring and IAM
 * for every component; Artifact Registry for images; Certificate Manager for regional
 * certificates; Cloud Resource Manager for project IAM). `gcp.enableApis` enables them; the
 * README lists them for projects whose owners enable APIs themselves.
 */
export const GCP_REQUIRED_APIS = [
  "compute.googleapis.com",
  "dns.googleapis.com",
  "logging.googleapis.com",
  "monitoring.googleapis.com",
  "iam.googleapis.com",
  "artifactregistry.googleapis.com",
  "certificatemanager.googleapis.com",
  "cloudresourcemanager.googleapis.com",
] as const;

/** The GCP decisions: region, secondary and proxy-only ranges, names, NAT, private DNS, APIs. */
export function planGcp(
  name: string,
  spec: MlopsVpcSpec,
  ctx: DeployContext,
  decided: { region: string | undefined; natMode: NatMode; network: Cidr },
): GcpNetworkPlan {
  const { region, natMode, network } = decided;
  return {
    region,
    podsCidr: spec.gcp?.podsCidr ?? "100.64.0.0/14",
    servicesCidr: spec.gcp?.servicesCidr ?? "100.68.0.0/20",
    proxyOnlyCidr: gcpProxyOnlyCidr(formatCidr(tierBlock(network, "reserved"))),
    flowLogBucketId: physicalName("gcpLogBucketPrefix", [name, "flow-logs"], ctx.scope),
    names: gcpNetworkNames(name, ctx),
    nat: { gateways: natMode === "none" ? 0 : 1, perZoneUnmet: natMode === "perZone" },
    privateDnsZones:
      spec.privateEndpoints && (spec.gcp?.privateDnsZones ?? true)
        ? GCP_PRIVATE_DNS_DOMAINS.map((d) => ({
            name: physicalName("gcpProjectResource", [name, d.key], ctx.scope),
            dnsName: d.dnsName,
            target: d.target,
          }))
        : [],
    enableApis: spec.gcp?.enableApis ? [...GCP_REQUIRED_APIS] : [],
    overrides: spec.gcp?.overrides ?? {},
  };
}

/**
 * GCP's proxy-only subnetwork: the second half of the reserved block (the first half is Azure's
 * gateway subnet). A /20 in a /16 network; Google asks for at least a /26 ("Proxy-only subnets for
 * Envoy-based load balancers"), which the smallest network (/22, reserved /25) still gives.
 */
export function gcpProxyOnlyCidr(reservedCidr: string): string {
  const reserved = cidr(reservedCidr);
  return formatCidr(subnet(reserved, reserved.prefix + 1, 1));
}

/** Every GCP child's name: RFC 1035, at most 63 characters, unique to this project and stack. */
function gcpNetworkNames(name: string, ctx: DeployContext): GcpNetworkNames {
  const n = (...words: string[]) => physicalName("gcpProjectResource", [name, ...words], ctx.scope);
  return {
    network: n(),
    subnetworks: { public: n("public"), private: n("private"), isolated: n("isolated") },
    proxyOnlySubnetwork: n("proxy-only"),
    router: n("router"),
    nat: n("nat"),
    denyIngress: n("deny-ingress"),
    isolatedEgressAllow: n("isolated-allow-egress"),
    isolatedEgressDeny: n("isolated-deny-egress"),
    flowLogSink: n("flow-logs"),
    flowLogExclusion: n("flow-logs-default"),
  };
}
