import { SECRET_PLACEHOLDER } from "@mlops-kit/testing";

/**
 * The stack outputs as `pulumi preview` lists them under "Outputs:": one name per line, values as
 * JSON-like text indented under it. Secrets are already masked in the plan; they and unknown
 * values (known only once the resource exists) are shown as markers, not as quoted strings. Ids
 * and addresses a cloud assigns are the offline engine's placeholders, as in the plan JSON.
 */
export function renderOutputs(outputs: Record<string, unknown>): string {
  const names = Object.keys(outputs).sort();
  if (names.length === 0) return "Outputs: none";
  const width = Math.max(...names.map((n) => n.length));
  return ["Outputs:", ...names.map((n) => `    ${n.padEnd(width)}: ${value(outputs[n], "    ")}`)].join("\n");
}

function value(v: unknown, indent: string): string {
  if (v === SECRET_PLACEHOLDER) return "[secret]";
  if (v === undefined || v === null) return "null";
  if (typeof v !== "object") return JSON.stringify(v);
  if ((v as { __pulumiUnknown?: unknown }).__pulumiUnknown === true) return "[unknown until deployed]";
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[\n${v.map((x) => `${inner}${value(x, inner)}`).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return "{}";
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  return `{\n${entries.map(([k, x]) => `${inner}${key(k)}: ${value(x, inner)}`).join(",\n")}\n${indent}}`;
}
