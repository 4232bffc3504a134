import type { Pricer } from "../../types";
import { priceCluster, priceInstanceGroup, priceNodePool } from "./compute";
import {
  priceBackendService,
  priceGlobalAddress,
  priceGlobalForwardingRule,
  priceManagedZone,
  priceRouterNat,
  priceSecurityPolicy,
} from "./network";
import {
  priceBucket,
  priceBuildTrigger,
  priceCryptoKey,
  priceDataset,
  priceFeatureView,
  priceLogBucket,
  priceMetadataStore,
  priceOnlineStore,
  priceRepository,
  priceSchedulerJob,
  priceTensorboard,
  priceUptimeCheck,
} from "./services";

/** How each billed GCP resource type of the components is priced. */
export const GCP_PRICERS: Readonly<Record<string, Pricer>> = {
  "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager": priceInstanceGroup,
  "gcp:container/nodePool:NodePool": priceNodePool,
  "gcp:container/cluster:Cluster": priceCluster,
  "gcp:compute/routerNat:RouterNat": priceRouterNat,
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": priceGlobalForwardingRule,
  "gcp:compute/backendService:BackendService": priceBackendService,
  "gcp:compute/globalAddress:GlobalAddress": priceGlobalAddress,
  "gcp:compute/securityPolicy:SecurityPolicy": priceSecurityPolicy,
  "gcp:dns/managedZone:ManagedZone": priceManagedZone,
  "gcp:kms/cryptoKey:CryptoKey": priceCryptoKey,
  "gcp:storage/bucket:Bucket": priceBucket,
  "gcp:artifactregistry/repository:Repository": priceRepository,
  "gcp:logging/projectBucketConfig:ProjectBucketConfig": priceLogBucket,
  "gcp:cloudscheduler/job:Job": priceSchedulerJob,
  "gcp:cloudbuild/trigger:Trigger": priceBuildTrigger,
  "gcp:bigquery/dataset:Dataset": priceDataset,
  "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore": priceOnlineStore,
  "gcp:vertex/aiFeatureOnlineStoreFeatureview:AiFeatureOnlineStoreFeatureview": priceFeatureView,
  "gcp:vertex/aiMetadataStore:AiMetadataStore": priceMetadataStore,
  "gcp:vertex/aiTensorboard:AiTensorboard": priceTensorboard,
  "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": priceUptimeCheck,
};
