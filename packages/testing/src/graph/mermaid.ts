import type { PlatformGraph } from "./types";

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

/** The graph as a mermaid flowchart, left to right: one box per component, one arrow per wiring. */
export function renderMermaid(graph: PlatformGraph): string {
  const lines = ["flowchart LR"];
  if (graph.nodes.length === 0) {
    lines.push(`  none["${escapeMermaid(`${graph.project}/${graph.stack}: no mlops-kit components`)}"]`);
    return `${lines.join("\n")}\n`;
  }
  for (const n of graph.nodes) {
    lines.push(`  ${n.id}["${escapeMermaid(`${n.kind} ${n.name}`)}<br/>${plural(n.resources, "resource")}"]`);
  }
  for (const e of graph.edges) lines.push(`  ${e.from} -->|"${escapeMermaid(e.label)}"| ${e.to}`);
  return `${lines.join("\n")}\n`;
}
