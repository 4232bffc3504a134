import type { GraphNode, PlatformGraph } from "./types";

/**
 * Text made safe inside a quoted mermaid label. Mermaid decodes `#name;` and `#code;` entity
 * codes (its flowchart syntax, "Entity codes to escape characters"), so the characters that would
 * end the label, open an entity, start markup or split an edge label are written as codes.
 */
export function escapeMermaid(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, " ")
    .replace(/[#"<>&|`]/g, (c) => `#${c.codePointAt(0)};`)
    .trim();
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The graph as a mermaid flowchart, left to right: one box per component, one arrow per wiring; a
 * component holding others (an MlopsPlatform) is a subgraph around its parts.
 */
export function renderMermaid(graph: PlatformGraph): string {
  const lines = ["flowchart LR"];
  if (graph.nodes.length === 0) {
    lines.push(`  none["${escapeMermaid(`${graph.project}/${graph.stack}: no mlops-kit components`)}"]`);
    return `${lines.join("\n")}\n`;
  }
  const children = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const draw = (n: GraphNode, indent: string): void => {
    const label = escapeMermaid(`${n.kind} ${n.name}`);
    const inner = children.get(n.id);
    if (!inner) {
      lines.push(`${indent}${n.id}["${label}<br/>${plural(n.resources, "resource")}"]`);
      return;
    }
    lines.push(`${indent}subgraph ${n.id}["${label}"]`);
    for (const child of inner) draw(child, `${indent}  `);
    lines.push(`${indent}end`);
  };
  for (const n of graph.nodes) if (!n.parent) draw(n, "  ");
  for (const e of graph.edges) lines.push(`  ${e.from} -->|"${escapeMermaid(e.label)}"| ${e.to}`);
  return `${lines.join("\n")}\n`;
}
