import type { Firewall } from "@pulumi/gcp/compute/firewall";
import type { Network } from "@pulumi/gcp/compute/network";
import type { Router } from "@pulumi/gcp/compute/router";
import type { RouterNat } from "@pulumi/gcp/compute/routerNat";
import type { Subnetwork } from "@pulumi/gcp/compute/subnetwork";
import type { ManagedZone } from "@pulumi/gcp/dns/managedZone";
import type { RecordSet } from "@pulumi/gcp/dns/recordSet";
import type { ProjectBucketConfig } from "@pulumi/gcp/logging/projectBucketConfig";
import type { ProjectExclusion } from "@pulumi/gcp/logging/projectExclusion";
import type { ProjectSink } from "@pulumi/gcp/logging/projectSink";
import type { Service } from "@pulumi/gcp/projects/service";
import type { Tier } from "../plan";

/**
 * The GCP resources of an {@link MlopsVpc} (the escape hatch).
 *
 * Only the DNS zones take labels: the Compute API has none on networks, subnetworks, routers, NAT or
 * firewall rules, and Logging has none on buckets, sinks or exclusions, so the spec's tags reach
 * the resources of the components that do.
 */
export interface GcpNetwork {
  network: Network;
  /** One regional subnetwork per tier. */
  subnetworks: Record<Tier, Subnetwork>;
  /** Where regional internal Application Load Balancers run their proxies (purpose REGIONAL_MANAGED_PROXY). */
  proxyOnlySubnetwork: Subnetwork;
  /** Present unless `nat` is `"none"`. */
  router?: Router;
  /** Present unless `nat` is `"none"`: one regional Cloud NAT, whatever `nat` asked for. */
  nat?: RouterNat;
  firewalls: {
    /** Logs and denies all ingress that no higher-priority rule allows. */
    denyIngress: Firewall;
    /** Lets the isolated tier reach the network's own ranges and Google APIs' private VIPs. */
    isolatedEgressAllow: Firewall;
    /** Denies every other egress from the isolated tier. */
    isolatedEgressDeny: Firewall;
  };
  /** Present when flow logs are on: keeps them for `flowLogs.retentionDays`. */
  flowLogBucket?: ProjectBucketConfig;
  /** Present when flow logs are on: routes this network's flow logs into the bucket. */
  flowLogSink?: ProjectSink;
  /** Present when flow logs are on: keeps them out of the `_Default` bucket. */
  flowLogExclusion?: ProjectExclusion;
  /** With `privateEndpoints` (and `gcp.privateDnsZones` not false): googleapis.com, pkg.dev, gcr.io. */
  privateDnsZones: ManagedZone[];
  /** The zones' wildcard CNAMEs and the VIP's A records. */
  privateDnsRecords: RecordSet[];
  /** With `gcp.enableApis`: the project's services the platform needs. */
  services: Service[];
}

declare module "../contract" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface MlopsVpcCloudResources {
    gcp: GcpNetwork;
  }
}
