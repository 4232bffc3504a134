/**
 * One neutral tag map, rendered per cloud: AWS tags, GCP labels, Azure tags. Each cloud restricts
 * keys and values differently; rendering adapts them, validation (`tagsSchema`) rejects what
 * cannot be adapted without changing meaning (AWS's reserved `aws:` prefix, say).
 */
export type Tags = Record<string, string>;

export interface TagContext {
  component: string;
  name: string;
  project: string;
  stack: string;
}

/** Tags every resource gets; the spec's own tags are merged over them. */
export function defaultTags(ctx: TagContext): Tags {
  return {
    "managed-by": "mlops-kit",
    "mlops-component": ctx.component,
    "mlops-name": ctx.name,
    "pulumi-project": ctx.project,
    "pulumi-stack": ctx.stack,
  };
}

/** AWS: keys ≤ 128, values ≤ 256 (UTF-8 letters, digits, spaces and `_.:/=+-@`). */
export function awsTags(tags: Tags): Tags {
  const out: Tags = {};
  for (const [k, v] of Object.entries(tags)) {
    out[clip(k.replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, "_"), 128)] = clip(v.replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, "_"), 256);
  }
  return out;
}

/**
 * GCP labels: keys and values ≤ 63 of lowercase letters, digits, `_` and `-`; keys begin with a
 * letter. Other characters become `_`, so `Cost Center` -> `cost_center`.
 */
export function gcpLabels(tags: Tags): Tags {
  const out: Tags = {};
  for (const [k, v] of Object.entries(tags)) {
    let key = clip(labelText(k), 63);
    if (!/^[a-z]/.test(key)) key = clip(`k${key}`, 63);
    out[key] = clip(labelText(v), 63);
  }
  return out;
}

/** Azure: names ≤ 512 without `<>%&\?/`, values ≤ 256. */
export function azureTags(tags: Tags): Tags {
  const out: Tags = {};
  for (const [k, v] of Object.entries(tags)) out[clip(k.replace(/[<>%&\\?/]/g, "_"), 512)] = clip(v, 256);
  return out;
}

function labelText(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_-]/g, "_");
}

function clip(s: string, max: number): string {
  return [...s].slice(0, max).join("");
}
