export { component, descendantsOf, resource, resourcesOfType } from "./assert";
export { ConfigError, listStacks, loadStackConfig, type StackConfig } from "./config";
export { defaultCall, defaultNewResource } from "./mocks";
export { PLAN_VERSION, type Plan, type PlanResource, SECRET_PLACEHOLDER, UNKNOWN } from "./plan";
export {
  checkPolicies,
  type EnforcementLevel,
  type EvaluateOptions,
  evaluatePolicies,
  findings,
  loadPolicyPack,
  type PolicyConfig,
  PolicyConfigError,
  type PolicyLike,
  type PolicyPackInfo,
  type PolicyReport,
  type PolicyViolation,
  planOf,
  planResource,
  policyPack,
  readPolicyConfig,
  ref,
  resolvePolicyConfig,
} from "./policy";
export { runMain, synthProject } from "./project";
export { countByType, renderTree } from "./render";
export { type Program, type SynthOptions, synth } from "./synth";
