export { prodClusterRule } from "./clusters";
export { checkDeletionSafety, deletionSafetySchema } from "./deletion";
export { type IamStatement, isAccountRootStatement, policyStatements, wildcardActions } from "./iam";
export { checkTeamNamespaces, TEAM_NAMESPACES_DEFINITION } from "./kubernetes";
export { ALLOWED_REGIONS_SCHEMA, normalizeRegion, placement } from "./location";
export { checkServiceSloAlerts, dependsOn, REQUIRED_SLO_ALERTS, type RequiredSloAlert, type SloAlertFinder } from "./monitoring";
export {
  disallowedPorts,
  isAzureWorldPrefix,
  isWorldCidr,
  PUBLIC_INGRESS_SCHEMA,
  type PublicIngressConfig,
  parsePortRange,
} from "./network";
export { type MinimumConfig, minimumFor, minimumSchema } from "./retention";
export {
  type Cloud,
  enforcementFor,
  type Frameworks,
  type MlopsPolicy,
  type MlopsResourcePolicy,
  type MlopsStackPolicy,
  type RuleMetadata,
  reportAdvisory,
  resourceRule,
  stackRule,
} from "./rule";
export { configuring, describe, isProdStack, referencing, stackConfig, stackName } from "./stack";
export {
  argsHaveProperty,
  providerDefaults,
  REQUIRED_TAGS_SCHEMA,
  type RequiredTagsConfig,
  requiredTagsValidation,
  type TaggingDialect,
  tagKeys,
} from "./tags";
export { asArray, asNumber, asRecord, ifKnown, isFalse, isTrue, parseJson } from "./values";
