export { type DiffOptions, diffPlans } from "./engine";
export { policyDelta } from "./policy";
export { DIFF_MARKDOWN_LIMIT, renderDiffMarkdown, renderDiffText } from "./render";
export { isStateful, REPLACE_INPUTS, type ReplaceRule, STATEFUL_TYPES } from "./replace-inputs";
export { type ComponentChanges, registerSummariser, SUMMARISERS, type Summariser } from "./summary";
export {
  ChangeKind,
  type ComponentSummary,
  type DataLoss,
  type InputChange,
  PLAN_DIFF_VERSION,
  type PlanDiff,
  type PolicyChange,
  type PolicyDelta,
  type ResourceChange,
} from "./types";
