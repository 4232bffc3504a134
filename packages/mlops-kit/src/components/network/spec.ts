import * as z from "zod/mini";
import type { PassThroughArgs } from "../../core/backend";
import type { Cloud, Profile } from "../../core/cloud";
import type { SpecIssue } from "../../core/errors";
import { overlaps, parseCidr } from "../../core/net/cidr";
import { commonFields, distinctEntries, overridesField } from "../../core/spec";

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
   * Interface endpoints to create, by service (`ecr.api`). Each service is looked up in the region
   * (its name differs in the China partition) and its endpoint placed in the zones that offer it.
   * With `nat: "none"`, `ssm`, `ssmmessages` and `ec2messages` are added, so instances stay
   * reachable by Session Manager. Each one is billed per hour in every zone: the dev profile with
   * NAT makes none and reaches the APIs through NAT (traffic to them is then NAT-processed and
   * leaves the VPC); list them here, e.g. the prod set, to keep that traffic private in dev.
   * @default [] in dev with NAT; ["ecr.api", "ecr.dkr", "sagemaker.api", "sagemaker.runtime", "sts", "logs", "kms"] in prod or without NAT
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
   * With `privateEndpoints`, create Cloud DNS private zones for googleapis.com, pkg.dev and gcr.io
   * on this network, resolving to private.googleapis.com (199.36.153.8/30). Set false when the
   * project (or a shared VPC host) already has such zones bound to the network.
   * @default true
   */
  privateDnsZones?: boolean | undefined;
  /**
   * Enable the APIs the platform calls (compute, dns, logging, monitoring, iam, artifactregistry,
   * certificatemanager, cloudresourcemanager) as `projects.Service` resources, never disabled on
   * destroy. Needs `roles/serviceusage.serviceUsageAdmin`. Off: the project's owner enables them
   * (the README lists them).
   * @default false
   */
  enableApis?: boolean | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `network`, `subnetwork`,
   * `router`, `nat`, `firewall`, `flowLogBucket`, `flowLogSink`, `flowLogExclusion`, `dnsZone`,
   * `proxyOnlySubnetwork` (apart from `subnetwork`: flow logs and Private Google Access are refused there).
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/**
 * Private DNS zones for the services ML workloads reach through private endpoints, by service. A
 * private endpoint only takes over a service's public name when the matching `privatelink.*`
 * zone is linked to the network, so these names are fixed by Azure
 * (learn.microsoft.com/azure/private-link/private-endpoint-dns).
 */
export const AZURE_PRIVATE_DNS_ZONES = {
  /** Storage blobs (datasets, model artifacts, the ML workspace's storage). */
  blob: "privatelink.blob.core.windows.net",
  /**
   * Storage file shares: an Azure ML workspace's default storage account needs private endpoints
   * for both blob and file ("Configure a private endpoint for an Azure Machine Learning workspace").
   */
  file: "privatelink.file.core.windows.net",
  /** ADLS Gen2 (the `dfs` endpoint of a storage account with a hierarchical namespace: feature stores' offline data). */
  dfs: "privatelink.dfs.core.windows.net",
  /** Container Registry (training and inference images). */
  registry: "privatelink.azurecr.io",
  /** Key Vault (secrets and customer-managed keys). */
  keyVault: "privatelink.vaultcore.azure.net",
  /** Azure Machine Learning workspace API. */
  mlApi: "privatelink.api.azureml.ms",
  /** Azure Machine Learning notebooks. */
  mlNotebooks: "privatelink.notebooks.azure.net",
  /** Azure Cache for Redis (feature stores' online store). */
  redis: "privatelink.redis.cache.windows.net",
} as const;
export type AzurePrivateDnsZone = keyof typeof AZURE_PRIVATE_DNS_ZONES;

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
   * Whether the location has availability zones. Set it to false in a region without them: the
   * NAT gateway, its IP, and the components on this network are then regional (no `zones`).
   * @default true
   */
  availabilityZones?: boolean | undefined;
  /**
   * The region's Network Watcher, which owns flow logs (one per region and subscription). Azure
   * creates it when the first virtual network of a region is created, unless the subscription
   * opted out, as `NetworkWatcher_<location>` (location in lowercase without spaces) in resource
   * group `NetworkWatcherRG`; writing a flow log needs rights on that group.
   * @default the existing { name: "NetworkWatcher_<location>", resourceGroupName: "NetworkWatcherRG" }
   */
  networkWatcher?: NetworkWatcherRef | undefined;
  /**
   * Existing private DNS zones to link the network to instead of creating them, by service
   * (`blob`, `file`, `dfs`, `registry`, `keyVault`, `mlApi`, `mlNotebooks`, `redis`): a hub's zones, which hold
   * the records of private endpoints made elsewhere. The link is created in the zone's resource
   * group (same subscription).
   * @default none: the network creates each zone
   */
  privateDnsZoneIds?: Record<string, string> | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `resourceGroup`,
   * `virtualNetwork`, `subnet`, `networkSecurityGroup`, `natPublicIp`, `natGateway`,
   * `privateDnsZone`, `privateDnsZoneLink`, `flowLogStorage`, `flowLogIdentity`, `flowLog`,
   * `networkWatcher`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** Which Network Watcher owns the network's flow logs. */
export interface NetworkWatcherRef {
  /** @default "NetworkWatcher_<location>" */
  name?: string | undefined;
  /** @default "NetworkWatcherRG"; the network's resource group when `create` is true */
  resourceGroupName?: string | undefined;
  /**
   * Create the watcher (for subscriptions that opted out of its automatic creation). A region
   * takes one watcher per subscription: creating a second one fails.
   * @default false: the watcher exists
   */
  create?: boolean | undefined;
}

/** The spec of an {@link MlopsVpc}: one network in three tiers, on any cloud. */
export interface MlopsVpcArgs {
  /** The cloud to build on. @default the stack's `mlops:cloud` */
  cloud?: Cloud;
  /** Defaults for availability, retention and safety. @default the stack's `mlops:profile`, else "dev" */
  profile?: Profile;
  /**
   * The network's IPv4 range, /16 to /22 (/21 at most on AWS, whose load balancers need /27 public
   * subnets); tiers and zones are carved from it. On GCP it must not overlap the GKE secondary
   * ranges (`gcp.podsCidr`, `gcp.servicesCidr`).
   * @default "10.0.0.0/16"
   */
  cidr?: string | undefined;
  /** How many availability zones to spread over, 1 to 6 (at most 3 on Azure). @default 2 in dev, 3 in prod */
  zones?: number | undefined;
  /**
   * How private subnets reach the internet. On GCP, Cloud NAT is one regional, highly available
   * service either way; on Azure a subnet takes one NAT gateway, so `perZone` is one gateway too
   * (the plan flags it, `azure.nat.perZoneUnmet`, and a warning says so). An InferenceService on
   * Azure refuses a network without NAT: its instances would have no way out.
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
  gcp: [
    "network",
    "subnetwork",
    "router",
    "nat",
    "firewall",
    "flowLogBucket",
    "flowLogSink",
    "flowLogExclusion",
    "dnsZone",
    "proxyOnlySubnetwork",
  ],
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
    "flowLogIdentity",
    "flowLog",
    "networkWatcher",
  ],
} as const;

export const MAX_ZONES = 6;
export const DEFAULT_PODS_CIDR = "100.64.0.0/14";
export const DEFAULT_SERVICES_CIDR = "100.68.0.0/20";
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
          z
            .array(z.string().check(z.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, "must be a service name such as ecr.api")))
            .check(distinctEntries()),
        ),
        overrides: overridesField(OVERRIDE_ROLES.aws),
      }),
    ),
    gcp: z.optional(
      z.strictObject({
        region: z.optional(z.string().check(z.minLength(1))),
        podsCidr: z._default(cidrField(8, 24), DEFAULT_PODS_CIDR),
        servicesCidr: z._default(cidrField(8, 27), DEFAULT_SERVICES_CIDR),
        privateDnsZones: z.optional(z.boolean()),
        enableApis: z.optional(z.boolean()),
        overrides: overridesField(OVERRIDE_ROLES.gcp),
      }),
    ),
    azure: z.optional(
      z.strictObject({
        location: z.optional(z.string().check(z.minLength(1))),
        // Azure naming rules for resource groups: 1-90 letters, digits, `_`, `-`, `.`, `(`, `)`; not ending in `.`
        resourceGroupName: z.optional(
          z
            .string()
            .check(
              z.minLength(1),
              z.maxLength(90),
              z.regex(
                /^[-\w.()\p{L}\p{N}]*[-\w()\p{L}\p{N}]$/u,
                "must be a resource group name (letters, digits, _ - . ( ), not ending in .)",
              ),
            ),
        ),
        availabilityZones: z._default(z.boolean(), true),
        networkWatcher: z.optional(
          z.strictObject({
            // Network Watcher names: 1-80 characters (Microsoft.Network naming rules).
            name: z.optional(z.string().check(z.minLength(1), z.maxLength(80))),
            resourceGroupName: z.optional(z.string().check(z.minLength(1), z.maxLength(90))),
            create: z._default(z.boolean(), false),
          }),
        ),
        privateDnsZoneIds: z.optional(
          z.partialRecord(
            z.enum(Object.keys(AZURE_PRIVATE_DNS_ZONES) as [AzurePrivateDnsZone, ...AzurePrivateDnsZone[]]),
            z
              .string()
              .check(
                z.regex(
                  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+$/i,
                  "must be a private DNS zone id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<zone>)",
                ),
              ),
          ),
        ),
        overrides: overridesField(OVERRIDE_ROLES.azure),
      }),
    ),
  })
  .check(
    z.superRefine((spec, ctx) => {
      if (!spec.gcp) return; // without a gcp block, the component checks the default ranges once it knows the cloud
      for (const issue of gcpRangeIssues(spec.cidr, spec.gcp.podsCidr, spec.gcp.servicesCidr, true)) {
        ctx.addIssue({ code: "custom", path: issue.path.split("."), message: issue.message });
      }
    }),
  );

/**
 * Secondary ranges share the VPC's routing domain with the primary range: no overlaps (GKE
 * "VPC-native clusters": the primary and secondary ranges of a subnet must not overlap). `explicit`
 * says whether the spec set the ranges; when it did not, the message says how to move them.
 */
export function gcpRangeIssues(cidr: string, podsCidr: string, servicesCidr: string, explicit: boolean): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const vpc = parseCidr(cidr);
  const pods = parseCidr(podsCidr);
  const services = parseCidr(servicesCidr);
  if (typeof vpc === "string") return issues;
  for (const [field, range, parsed] of [
    ["podsCidr", podsCidr, pods],
    ["servicesCidr", servicesCidr, services],
  ] as const) {
    if (typeof parsed === "string" || !overlaps(vpc, parsed)) continue;
    issues.push(
      explicit
        ? { path: `gcp.${field}`, message: `overlaps cidr (${cidr})` }
        : {
            path: "cidr",
            message: `(${cidr}) overlaps the default GKE ${field === "podsCidr" ? "pods" : "services"} range (${range}); choose another cidr, or set gcp.podsCidr and gcp.servicesCidr outside it`,
          },
    );
  }
  if (explicit && typeof pods !== "string" && typeof services !== "string" && overlaps(pods, services)) {
    issues.push({ path: "gcp.servicesCidr", message: `overlaps gcp.podsCidr (${podsCidr})` });
  }
  return issues;
}

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
