export { component, descendantsOf, resource, resourcesOfType } from "./assert";
export { ConfigError, listStacks, loadStackConfig, type StackConfig } from "./config";
export { PLAN_VERSION, type Plan, type PlanResource, SECRET_PLACEHOLDER, UNKNOWN } from "./plan";
export { runMain, synthProject } from "./project";
export { countByType, renderTree } from "./render";
export { type Program, type SynthOptions, synth } from "./synth";
