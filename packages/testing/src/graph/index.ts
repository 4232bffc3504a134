export { platformGraph } from "./graph";
export { escapeMermaid, renderMermaid } from "./mermaid";
export { GRAPH_VERSION, type GraphEdge, type GraphNode, type PlatformGraph } from "./types";
