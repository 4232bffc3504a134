/** A key path from the root of a JSON document: object keys and array indexes. */
export type JsonPath = (string | number)[];

/**
 * Pretty-prints JSON (as `JSON.stringify(value, null, 2)` does) and tells, for every line, the
 * path of the value that starts there, so that terraform's diagnostics (which give a line in the
 * file) can be traced back to the property that caused them.
 */
export function serializeWithLines(value: unknown): { text: string; pathAt: (line: number) => JsonPath } {
  const lines: string[] = [];
  const paths: JsonPath[] = [];
  const emit = (text: string, path: JsonPath) => {
    lines.push(text);
    paths.push(path);
  };
  const write = (v: unknown, path: JsonPath, indent: string, prefix: string, suffix: string) => {
    if (Array.isArray(v) && v.length > 0) {
      emit(`${indent}${prefix}[`, path);
      v.forEach((item, i) => {
        write(item, [...path, i], `${indent}  `, "", i < v.length - 1 ? "," : "");
      });
      emit(`${indent}]${suffix}`, path);
    } else if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      const entries = Object.entries(v as Record<string, unknown>);
      emit(`${indent}${prefix}{`, path);
      entries.forEach(([k, item], i) => {
        write(item, [...path, k], `${indent}  `, `${JSON.stringify(k)}: `, i < entries.length - 1 ? "," : "");
      });
      emit(`${indent}}${suffix}`, path);
    } else {
      emit(`${indent}${prefix}${JSON.stringify(v)}${suffix}`, path);
    }
  };
  write(value, [], "", "", "");
  return { text: `${lines.join("\n")}\n`, pathAt: (line: number) => paths[line - 1] ?? [] };
}
