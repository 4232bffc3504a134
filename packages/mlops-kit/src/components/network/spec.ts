import * as z from "zod/mini";
import type { PassThroughArgs } from "../../core/backend";
import type { Cloud, Profile } from "../../core/cloud";
import { overlaps, parseCidr } from "../../core/net/cidr";
import { commonFields, overridesField } from "../../core/spec";

/** How private subnets reach the internet. */
export const NatMode = {
  /** No NAT: private subnets reach only the private endpoints and the VPC. */
  none: "none",
  /** One NAT gateway for the whole network (cheaper; one zone's outage cuts egress). */
  single: "single",
  /** One NAT gateway per zone (highly available egress). */
  perZone: "perZone",
} as const;
export type NatMode = (typeof NatMode)[keyof typeof NatMode];

/** Network flow logs: every accepted and rejected flow, kept for audits and incident response. */
export interface FlowLogsArgs {
  /** Record flow logs. @default true */
  enabled?: boolean | undefined;
  /** Days to keep them. @default 30 in the dev profile, 365 in prod */
  retentionDays?: number | undefined;
}

/** AWS-only settings. */
export interface MlopsVpcAwsArgs {
  /**
   * Interface endpoints to create, as the service part of `com.amazonaws.<region>.<service>`.
   * @default ["ecr.api", "ecr.dkr", "sagemaker.api", "sagemaker.runtime", "sts", "logs", "kms"]
   */
  interfaceEndpoints?: string[] | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `vpc`, `subnet`,
   * `natGateway`, `endpointSecurityGroup`, `flowLogKey`, `flowLogGroup`, `flowLogRole`, `flowLog`.
   * Applied last and shallowly: a property here replaces ours.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** GCP-only settings. */
export interface MlopsVpcGcpArgs {
  /** Region of the subnetworks and Cloud NAT. @default the stack's `gcp:region` */
  region?: string | undefined;
  /** Secondary range for GKE pods, on the private subnetwork. @default "100.64.0.0/14" */
  podsCidr?: string | undefined;
  /** Secondary range for GKE services, on the private subnetwork. @default "100.68.0.0/20" */
  servicesCidr?: string | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `network`, `subnetwork`,
   * `router`, `nat`, `firewall`, `flowLogBucket`, `flowLogSink`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** Azure-only settings. */
export interface MlopsVpcAzureArgs {
  /** Location (region). @default the stack's `azure-native:location` */
  location?: string | undefined;
  /**
   * An existing resource group to put the network in. When unset, the network creates the
   * platform's resource group, which components on this network then use.
   * @default a new resource group
   */
  resourceGroupName?: string | undefined;
  /**
   * The region's Network Watcher, which owns flow logs. Azure creates one per region, named
   * `NetworkWatcher_<location>` in resource group `NetworkWatcherRG`.
   * @default { name: "NetworkWatcher_<location>", resourceGroupName: "NetworkWatcherRG" }
   */
  networkWatcher?: NetworkWatcherRef | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `resourceGroup`,
   * `virtualNetwork`, `subnet`, `networkSecurityGroup`, `natPublicIp`, `natGateway`,
   * `privateDnsZone`, `privateDnsZoneLink`, `flowLogStorage`, `flowLog`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

export interface NetworkWatcherRef {
  name: string;
  resourceGroupName: string;
}

/** The spec of an {@link MlopsVpc}: one network in three tiers, on any cloud. */
export interface MlopsVpcArgs {
  /** The cloud to build on. @default the stack's `mlops:cloud` */
  cloud?: Cloud;
  /** Defaults for availability, retention and safety. @default the stack's `mlops:profile`, else "dev" */
  profile?: Profile;
  /** The network's IPv4 range, /16 to /22; tiers and zones are carved from it. @default "10.0.0.0/16" */
  cidr?: string | undefined;
  /** How many availability zones to spread over, 1 to 6 (at most 3 on Azure). @default 2 in dev, 3 in prod */
  zones?: number | undefined;
  /**
   * How private subnets reach the internet. On GCP, Cloud NAT is one regional, highly available
   * service either way; on Azure a subnet takes one NAT gateway, so `perZone` is one gateway too.
   * @default "single" in dev, "perZone" in prod
   */
  nat?: NatMode;
  /** Network flow logs. @default on, kept 30 days in dev and 365 in prod */
  flowLogs?: FlowLogsArgs | undefined;
  /**
   * Private paths to the cloud's APIs that ML workloads use (registries, storage, ML, keys, logs),
   * so that traffic to them never leaves the network. @default true
   */
  privateEndpoints?: boolean | undefined;
  /** Tags (labels on GCP) for every resource, over the defaults (`managed-by`, component, stack). @default {} */
  tags?: Record<string, string> | undefined;
  aws?: MlopsVpcAwsArgs | undefined;
  gcp?: MlopsVpcGcpArgs | undefined;
  azure?: MlopsVpcAzureArgs | undefined;
}

/** Children whose arguments `overrides` can extend, per cloud. */
export const OVERRIDE_ROLES = {
  aws: ["vpc", "subnet", "natGateway", "endpointSecurityGroup", "flowLogKey", "flowLogGroup", "flowLogRole", "flowLog"],
  gcp: ["network", "subnetwork", "router", "nat", "firewall", "flowLogBucket", "flowLogSink"],
  azure: [
    "resourceGroup",
    "virtualNetwork",
    "subnet",
    "networkSecurityGroup",
    "natPublicIp",
    "natGateway",
    "privateDnsZone",
    "privateDnsZoneLink",
    "flowLogStorage",
    "flowLog",
  ],
} as const;

export const MAX_ZONES = 6;
export const MIN_PREFIX = 16;
export const MAX_PREFIX = 22;

export const DEFAULT_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "sagemaker.api", "sagemaker.runtime", "sts", "logs", "kms"];

const cidrField = (min: number, max: number) =>
  z.string().check(
    z.superRefine((text, ctx) => {
      const c = parseCidr(text);
      if (typeof c === "string") ctx.addIssue({ code: "custom", message: c });
      else if (c.prefix < min || c.prefix > max) ctx.addIssue({ code: "custom", message: `must be a /${min} to /${max} block` });
    }),
  );

export const mlopsVpcSchema = z
  .strictObject({
    ...commonFields,
    cidr: z._default(cidrField(MIN_PREFIX, MAX_PREFIX), "10.0.0.0/16"),
    zones: z.optional(z.int().check(z.gte(1), z.lte(MAX_ZONES))),
    nat: z.optional(z.enum(NatMode)),
    flowLogs: z._default(
      z.strictObject({
        enabled: z._default(z.boolean(), true),
        retentionDays: z.optional(z.int().check(z.gte(1), z.lte(3653))),
      }),
      { enabled: true },
    ),
    privateEndpoints: z._default(z.boolean(), true),
    aws: z.optional(
      z.strictObject({
        interfaceEndpoints: z.optional(
          z.array(z.string().check(z.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, "must be a service name such as ecr.api"))),
        ),
        overrides: overridesField(OVERRIDE_ROLES.aws),
      }),
    ),
    gcp: z.optional(
      z.strictObject({
        region: z.optional(z.string().check(z.minLength(1))),
        podsCidr: z._default(cidrField(8, 24), "100.64.0.0/14"),
        servicesCidr: z._default(cidrField(8, 27), "100.68.0.0/20"),
        overrides: overridesField(OVERRIDE_ROLES.gcp),
      }),
    ),
    azure: z.optional(
      z.strictObject({
        location: z.optional(z.string().check(z.minLength(1))),
        resourceGroupName: z.optional(z.string().check(z.minLength(1), z.maxLength(90))),
        networkWatcher: z.optional(
          z.strictObject({ name: z.string().check(z.minLength(1)), resourceGroupName: z.string().check(z.minLength(1)) }),
        ),
        overrides: overridesField(OVERRIDE_ROLES.azure),
      }),
    ),
  })
  .check(
    z.superRefine((spec, ctx) => {
      // Secondary ranges share the VPC's routing domain with the primary range: no overlaps.
      const vpc = parseCidr(spec.cidr);
      if (typeof vpc === "string" || !spec.gcp) return;
      const pods = parseCidr(spec.gcp.podsCidr);
      const services = parseCidr(spec.gcp.servicesCidr);
      if (typeof pods !== "string" && overlaps(vpc, pods)) {
        ctx.addIssue({ code: "custom", path: ["gcp", "podsCidr"], message: `overlaps cidr (${spec.cidr})` });
      }
      if (typeof services !== "string" && overlaps(vpc, services)) {
        ctx.addIssue({ code: "custom", path: ["gcp", "servicesCidr"], message: `overlaps cidr (${spec.cidr})` });
      }
      if (typeof pods !== "string" && typeof services !== "string" && overlaps(pods, services)) {
        ctx.addIssue({ code: "custom", path: ["gcp", "servicesCidr"], message: `overlaps gcp.podsCidr (${spec.gcp.podsCidr})` });
      }
    }),
  );

/** A validated spec: defaults that do not depend on the profile are filled in. */
export type MlopsVpcSpec = z.output<typeof mlopsVpcSchema>;

// Keeps the documented interface and the schema in step: every valid args object parses, and
// the schema accepts nothing the interface does not declare.
//
// Optional fields take `undefined` explicitly (`field?: T | undefined`), so that a value such as
// `config.get(...)` passes under exactOptionalPropertyTypes; except the named choice sets
// (`nat?: NatMode`): Pulumi's component schema inference reads an enum only from a type that is
// its name alone, and refuses `NatMode | undefined` as a union (@pulumi/pulumi
// provider/experimental/analyzer.js, analyzeType).
type Assert<T extends true> = T;
/** @internal */
export type _ArgsMatchSchema = Assert<MlopsVpcArgs extends z.input<typeof mlopsVpcSchema> ? true : false>;
/** @internal */
export type _SchemaMatchesArgs = Assert<z.input<typeof mlopsVpcSchema> extends MlopsVpcArgs ? true : false>;
