/**
 * The hand-written minimal GCP equivalent of a dev platform's always-on part, for the idle-cost
 * row: a VPC with one Cloud NAT, one external Application Load Balancer (HTTP) and one e2-standard-2 (the catalog's smallest)
 * instance behind it, in a managed instance group of exactly one. Nothing else: no cluster,
 * registry, keys, Cloud Armor, logging buckets or monitoring.
 */
import { BackendService } from "@pulumi/gcp/compute/backendService";
import { Firewall } from "@pulumi/gcp/compute/firewall";
import { GlobalForwardingRule } from "@pulumi/gcp/compute/globalForwardingRule";
import { HealthCheck } from "@pulumi/gcp/compute/healthCheck";
import { Network } from "@pulumi/gcp/compute/network";
import { RegionInstanceGroupManager } from "@pulumi/gcp/compute/regionInstanceGroupManager";
import { RegionInstanceTemplate } from "@pulumi/gcp/compute/regionInstanceTemplate";
import { Router } from "@pulumi/gcp/compute/router";
import { RouterNat } from "@pulumi/gcp/compute/routerNat";
import { Subnetwork } from "@pulumi/gcp/compute/subnetwork";
import { TargetHttpProxy } from "@pulumi/gcp/compute/targetHttpProxy";
import { URLMap } from "@pulumi/gcp/compute/urlmap";
import * as pulumi from "@pulumi/pulumi";

export const MACHINE_TYPE = "e2-standard-2";

/** Where Google's load balancers and health checks come from (cloud.google.com/load-balancing/docs/health-checks#firewall_rules). */
const GOOGLE_FRONT_ENDS = ["35.191.0.0/16", "130.211.0.0/22"];

export function program(): Record<string, pulumi.Output<string>> {
  const region = new pulumi.Config("gcp").require("region");
  const network = new Network("min", { autoCreateSubnetworks: false });
  const subnet = new Subnetwork("min", { network: network.id, region, ipCidrRange: "10.0.0.0/20", privateIpGoogleAccess: true });
  const router = new Router("min", { network: network.id, region });
  new RouterNat("min", {
    router: router.name,
    region,
    natIpAllocateOption: "AUTO_ONLY",
    sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
  });
  new Firewall("min-health", {
    network: network.id,
    direction: "INGRESS",
    sourceRanges: GOOGLE_FRONT_ENDS,
    allows: [{ protocol: "tcp", ports: ["8080"] }],
    targetTags: ["app"],
  });

  const template = new RegionInstanceTemplate("min", {
    region,
    machineType: MACHINE_TYPE,
    tags: ["app"],
    disks: [
      {
        sourceImage: "projects/debian-cloud/global/images/family/debian-12",
        boot: true,
        autoDelete: true,
        diskSizeGb: 10,
        diskType: "pd-balanced",
      },
    ],
    // No access config: no public address; egress goes through Cloud NAT.
    networkInterfaces: [{ subnetwork: subnet.id }],
  });
  const group = new RegionInstanceGroupManager("min", {
    region,
    baseInstanceName: "app",
    targetSize: 1,
    versions: [{ instanceTemplate: template.selfLink }],
    namedPorts: [{ name: "http", port: 8080 }],
  });
  const health = new HealthCheck("min", { httpHealthCheck: { port: 8080, requestPath: "/health" } });
  const backend = new BackendService("min", {
    loadBalancingScheme: "EXTERNAL_MANAGED",
    protocol: "HTTP",
    portName: "http",
    healthChecks: health.id,
    backends: [{ group: group.instanceGroup }],
  });
  const urlMap = new URLMap("min", { defaultService: backend.id });
  const proxy = new TargetHttpProxy("min", { urlMap: urlMap.id });
  const rule = new GlobalForwardingRule("min", { target: proxy.id, portRange: "80", loadBalancingScheme: "EXTERNAL_MANAGED" });
  return { address: rule.ipAddress };
}
