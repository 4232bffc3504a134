import type * as pulumi from "@pulumi/pulumi";
import type { PassThroughArgs } from "../../core/backend";
import type { Cloud, Profile } from "../../core/cloud";
import type { NetworkInfo } from "../network/info";

/** The value types a feature holds, on every cloud (each plan maps them to the cloud's own). */
export const FeatureType = {
  string: "string",
  int64: "int64",
  float64: "float64",
  bool: "bool",
  /** A point in time (UTC). */
  timestamp: "timestamp",
  /** A fixed-length vector of float64, with `dimension` elements. */
  embedding: "embedding",
} as const;
export type FeatureType = (typeof FeatureType)[keyof typeof FeatureType];

/** The value types an entity's join key holds. */
export const KeyType = {
  string: "string",
  int64: "int64",
} as const;
export type KeyType = (typeof KeyType)[keyof typeof KeyType];

/** One join key of an entity. */
export interface JoinKeyArgs {
  /** Column name: lowercase letters, digits and `_`, starting with a letter, at most 60. */
  name: string;
  /** @default "string" */
  type?: KeyType;
}

/** What features describe (a customer, a card): the keys features are looked up by. */
export interface EntityArgs {
  /** Lowercase letters, digits and `_`, starting with a letter, at most 40. */
  name: string;
  /** The join keys, in order (one on AWS, whose records have one identifier). */
  joinKeys: JoinKeyArgs[];
  /** @default none */
  description?: string | undefined;
}

/** One feature of a group. */
export interface FeatureArgs {
  /** Column name: lowercase letters, digits and `_`, starting with a letter, at most 60. */
  name: string;
  type: FeatureType;
  /** Elements of an `embedding`, 1 to 8192 (SageMaker's vector limit); only for embeddings. @default none */
  dimension?: number | undefined;
  /** @default none */
  description?: string | undefined;
}

/** A feature group (feature view): features of one entity, written and read together. */
export interface FeatureGroupArgs {
  /** Lowercase letters, digits and `_`, starting with a letter, at most 40. */
  name: string;
  /** The entity's name (an entry of `entities`). */
  entity: string;
  /** 1 to 2500 features (SageMaker's limit per group); at most one embedding. */
  features: FeatureArgs[];
  /** The event-time column: when each row's values were true. @default "event_time" */
  eventTimeColumn?: string | undefined;
  /**
   * How long an online value stays valid after its event time. AWS deletes the record then (TTL);
   * Azure takes it as the point-in-time join's lookback; GCP has no per-record expiry (the plan
   * says so, `gcp.ttlUnenforced`). @default none: values stay until overwritten
   */
  ttlSeconds?: number | undefined;
  /** Serve this group from the online store. @default true */
  online?: boolean | undefined;
  /** At most 128 characters (SageMaker's limit). @default none */
  description?: string | undefined;
  /** Tags (labels on GCP) for this group's resources, over the component's. @default {} */
  tags?: Record<string, string> | undefined;
}

/** The online store's capacity. */
export interface OnlineStoreArgs {
  /** Create an online store (for the groups with `online`). @default true */
  enabled?: boolean | undefined;
  /** GCP: the Bigtable online store's node autoscaling minimum. @default 1 in dev, 2 in prod */
  minNodes?: number | undefined;
  /** GCP: the autoscaling maximum. @default 3 in dev, 10 in prod */
  maxNodes?: number | undefined;
  /** GCP: the CPU target Bigtable scales to, 10 to 80 percent. @default 50 */
  cpuTargetPercent?: number | undefined;
}

/** The offline store: history for training and point-in-time joins. */
export interface OfflineStoreArgs {
  /** Days rows are kept (S3 lifecycle, BigQuery table expiry, ADLS lifecycle). @default 90 in dev, 730 in prod */
  retentionDays?: number | undefined;
}

/** Loading the online store from the offline store, where the cloud needs it (GCP, Azure). */
export interface SyncArgs {
  /** Hours between loads, 1 to 24. @default 6 in dev, 1 in prod */
  intervalHours?: number | undefined;
}

/** Encryption at rest. */
export interface FeatureStoreEncryptionArgs {
  /**
   * Encrypt the stores with a key of this component's (KMS, Cloud KMS, Key Vault) that rotates,
   * instead of the cloud's platform keys. @default true
   */
  customerManagedKey?: boolean | undefined;
}

/**
 * Identities granted access to the store: AWS IAM role ARNs; GCP IAM members
 * (`serviceAccount:x@p.iam.gserviceaccount.com`); Azure principal (object) ids of service principals and
 * managed identities, `user:<id>` / `group:<id>` for users and groups.
 */
export interface FeatureStoreAccessArgs {
  /** Read online and offline features. @default none */
  readers?: pulumi.Input<string>[] | undefined;
  /** Write features (offline data, and on AWS online records) besides reading them. @default none */
  writers?: pulumi.Input<string>[] | undefined;
}

/** AWS-only settings. */
export interface FeatureStoreAwsArgs {
  /** Provisioned online throughput (read units). Unset with `writeUnits`: on-demand. @default on-demand */
  readUnits?: number | undefined;
  /** Provisioned online throughput (write units). @default on-demand */
  writeUnits?: number | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `key`, `bucket`,
   * `database`, `role`, `featureGroup`. Applied last and shallowly.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** GCP-only settings. */
export interface FeatureStoreGcpArgs {
  /** Region of the dataset, key and Vertex AI resources. @default the stack's `gcp:region` */
  region?: string | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `keyRing`, `key`,
   * `dataset`, `table`, `onlineStore`, `featureGroup`, `feature`, `featureView`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** Azure-only settings. */
export interface FeatureStoreAzureArgs {
  /** Redis capacity (Premium P1–P5 sizes as 1–5). @default 1 */
  redisCapacity?: number | undefined;
  /** The Spark runtime materialization jobs run on. @default "3.4" */
  sparkRuntimeVersion?: string | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `keyVault`, `key`,
   * `offlineStorage`, `workspaceStorage`, `redis`, `workspace`, `identity`, `featureSetVersion`,
   * `entityVersion`, `privateEndpoint`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** The spec of a {@link FeatureStore}: one feature schema on SageMaker, Vertex AI + BigQuery, or Azure ML. */
export interface FeatureStoreArgs {
  /** The cloud to build on. @default the stack's `mlops:cloud` */
  cloud?: Cloud;
  /** Defaults for retention and safety. @default the stack's `mlops:profile`, else "dev" */
  profile?: Profile;
  /** The network whose private tier reaches the stores (required on Azure: private endpoints). @default none */
  network?: pulumi.Input<NetworkInfo> | undefined;
  /** What features describe. */
  entities: EntityArgs[];
  /** The feature groups. */
  featureGroups: FeatureGroupArgs[];
  /** @default enabled, sized by the profile */
  online?: OnlineStoreArgs | undefined;
  /** @default 90 days in dev, 730 in prod */
  offline?: OfflineStoreArgs | undefined;
  /** @default every 6 hours in dev, every hour in prod */
  sync?: SyncArgs | undefined;
  /** @default customer-managed keys */
  encryption?: FeatureStoreEncryptionArgs | undefined;
  /** @default no grants */
  access?: FeatureStoreAccessArgs | undefined;
  /** Tags (labels on GCP) for every resource, over the defaults. @default {} */
  tags?: Record<string, string> | undefined;
  aws?: FeatureStoreAwsArgs | undefined;
  gcp?: FeatureStoreGcpArgs | undefined;
  azure?: FeatureStoreAzureArgs | undefined;
}

/** Children whose arguments `overrides` can extend, per cloud. */
export const OVERRIDE_ROLES = {
  aws: ["key", "bucket", "database", "role", "featureGroup"],
  gcp: ["keyRing", "key", "dataset", "table", "onlineStore", "featureGroup", "feature", "featureView"],
  azure: [
    "keyVault",
    "key",
    "offlineStorage",
    "workspaceStorage",
    "redis",
    "workspace",
    "identity",
    "featureSetVersion",
    "entityVersion",
    "privateEndpoint",
  ],
} as const;
