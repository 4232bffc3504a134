// What an edge carries, told from the kind of component it leaves and the names of the inputs
// that take it. Plans record which inputs came from which resources, not why: these words are
// a reading aid, and an edge whose inputs match no rule is labelled with the source's kind alone.

/** What each component kind offers the components that take its info. */
const OFFERS: Record<string, string> = {
  MlopsVpc: "network",
  ModelRegistry: "registry",
  FeatureStore: "feature store",
  InferenceService: "service info",
  TrainingCluster: "cluster",
  MonitoringStack: "monitoring",
  CiCdPipeline: "delivery",
};

/**
 * Details read from `ResourceKind.property` of the dependent inputs, in the order they are shown.
 * The patterns are the input names the six reference stacks take from another component (AWS,
 * GCP and Azure backends), e.g. `Group.vpcZoneIdentifiers`, `RepositoryIamMember.repository`.
 */
const DETAILS: readonly { match: RegExp; detail: string }[] = [
  { match: /subnet|vpcZoneIdentifiers|vpcConfig/i, detail: "subnets" },
  { match: /\.(vpcId|network|networkInterfaces|masterAuthorizedNetworksConfig|privateClusterConfig)$/, detail: "VPC" },
  { match: /\.resourceGroupName$/, detail: "resource group" },
  { match: /IamMember\.repository$|\.image/i, detail: "image pull" },
  { match: /IAMMember\.bucket$/, detail: "artifacts" },
  { match: /DatasetIamMember\.datasetId$/, detail: "offline features" },
  { match: /\.(policyArn|policy|roleDefinitionId|scope|condition)$/, detail: "access" },
  { match: /\.kubeconfig$/, detail: "kubeconfig" },
  { match: /metric|dimensions|\.conditions$|dashboard|\.criteria$/i, detail: "metrics" },
  { match: /httpCheck|fqdn|resourcePath|WebTest\.request|uptime/i, detail: "health check" },
];

/** Details past this many are left to the JSON's `properties`: a label is read on a small arrow. */
export const MAX_DETAILS = 3;

/** The edge label: the source's offer, then the details its dependents' inputs show. */
export function flowLabel(sourceKind: string, properties: readonly string[]): string {
  const offer = OFFERS[sourceKind] ?? sourceKind;
  const details = DETAILS.filter((d) => properties.some((p) => d.match.test(p))).map((d) => d.detail);
  const shown = details.slice(0, MAX_DETAILS);
  return shown.length > 0 ? `${offer}: ${shown.join(", ")}` : offer;
}
