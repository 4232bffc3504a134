export { allAliases, matchAliases } from "./aliases";
export { component, descendantsOf, resource, resourcesOfType } from "./assert";
export { ConfigError, listStacks, loadStackConfig, type StackConfig } from "./config";
export * from "./cost";
export {
  ChangeKind,
  type ComponentChanges,
  type ComponentSummary,
  type DataLoss,
  DIFF_MARKDOWN_LIMIT,
  type DiffOptions,
  diffPlans,
  type InputChange,
  isStateful,
  PLAN_DIFF_VERSION,
  type PlanDiff,
  type PolicyChange,
  type PolicyDelta,
  policyDelta,
  REPLACE_INPUTS,
  type ReplaceRule,
  type ResourceChange,
  registerSummariser,
  renderDiffMarkdown,
  renderDiffText,
  STATEFUL_TYPES,
  SUMMARISERS,
  type Summariser,
} from "./diff";
export {
  escapeMermaid,
  GRAPH_VERSION,
  type GraphEdge,
  type GraphNode,
  type PlatformGraph,
  platformGraph,
  renderMermaid,
} from "./graph";
export { defaultCall, defaultNewResource } from "./mocks";
export { PLAN_VERSION, type Plan, type PlanResource, SECRET_PLACEHOLDER, UNKNOWN } from "./plan";
export { type EvaluateOptions, evaluatePolicies, type PolicyReport, type PolicyViolation } from "./policy";
export { checkPolicies, findings, planOf, planResource, ref } from "./policy-fixtures";
export {
  type EnforcementLevel,
  loadPolicyPack,
  type PolicyConfig,
  PolicyConfigError,
  type PolicyLike,
  type PolicyPackInfo,
  policyPack,
  readPolicyConfig,
  resolvePolicyConfig,
} from "./policy-pack";
export { runMain, synthProject } from "./project";
export { countByType, renderTree } from "./render";
export {
  DEFAULT_TIMEOUT_SECONDS,
  DuplicateUrnError,
  type Program,
  type SynthOptions,
  SynthTimeoutError,
  synth,
} from "./synth";
export {
  AWS_PROVIDER_VERSION,
  convertPlan,
  formatDiagnostic,
  KNOWN_DIFFERENCES,
  type KnownDifference,
  type TerraformDiagnostic,
  TerraformUnavailableError,
  terraformWorkspace,
  type ValidateAwsOptions,
  validateAwsPlan,
  validateAwsPlans,
  type WorkspaceOptions,
} from "./terraform";
