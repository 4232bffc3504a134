/** The platform as components and their wiring, drawn from a plan. Printed by `mlops graph --format json`. */
export const GRAPH_VERSION = 1 as const;

/** One mlops-kit component (a resource of type `mlops:index:*`). */
export interface GraphNode {
  /** An identifier safe as a mermaid node id, unique within the graph. */
  id: string;
  urn: string;
  /** The component's kind, the last part of its type token (`InferenceService`). */
  kind: string;
  /** The component's logical name (`model-api`). */
  name: string;
  /** Cloud resources the component owns (under it, and under no nested component). */
  resources: number;
  /** The id of the component it is nested in (an MlopsPlatform's parts), when it is. */
  parent?: string;
}

/** `from` → `to`: a resource under `to` depends on a resource under `from`. */
export interface GraphEdge {
  /** The id of the component whose resources are depended on. */
  from: string;
  /** The id of the component whose resources depend on them. */
  to: string;
  /** What flows, as far as the input property names tell (`network: subnets`). */
  label: string;
  /** The dependent inputs, as `ResourceKind.property` (`dependsOn` for an explicit dependency), sorted. */
  properties: string[];
}

export interface PlatformGraph {
  version: typeof GRAPH_VERSION;
  project: string;
  stack: string;
  /** Components, depended-on first (then in plan order). */
  nodes: GraphNode[];
  /** Edges in the order of their `from`, then their `to` node. */
  edges: GraphEdge[];
}
