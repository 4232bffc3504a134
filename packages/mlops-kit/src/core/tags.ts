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

/**
 * What each cloud allows on one resource. Sources: AWS "Tag naming limits and requirements"
 * (50 user tags, key 128, value 256); GCP Resource Manager "Requirements for labels" (64 labels,
 * keys and values 63); Azure "Tag resources" limitations (50 tags, names 512 — 128 on storage
 * accounts, which the network's flow logs use — values 256, names case-insensitive).
 */
export const TAG_LIMITS = {
  aws: { count: 50, key: 128, value: 256 },
  gcp: { count: 64, key: 63, value: 63 },
  azure: { count: 50, key: 128, value: 256 },
} as const;

/**
 * Keys a backend adds to some resources on top of the spec's and the defaults (AWS: `Name`, the
 * subnet tier, the load balancer role), which count against the limit too.
 */
const BACKEND_KEYS: Record<keyof typeof TAG_LIMITS, readonly string[]> = {
  aws: ["Name", "mlops-tier", "kubernetes.io/role/internal-elb"],
  gcp: [],
  azure: [],
};

/**
 * Why `tags` (defaults merged with the spec's) cannot be put on the chosen cloud's resources, or
 * an empty list: too many, too long, or two keys that the cloud would see as one (GCP labels
 * lowercase and replace characters: `Cost Center` and `cost_center`; Azure tag names ignore case).
 */
export function tagProblems(cloud: keyof typeof TAG_LIMITS, tags: Tags, userKeys: readonly string[] = Object.keys(tags)): string[] {
  const limits = TAG_LIMITS[cloud];
  const problems: string[] = [];
  const keys = Object.keys(tags);
  const total = new Set([...keys, ...BACKEND_KEYS[cloud]]).size;
  if (total > limits.count) {
    problems.push(
      `has ${userKeys.length} tags; with the ${total - userKeys.length} that mlops-kit adds that makes ${total}, over ${cloud}'s limit of ${limits.count} per resource`,
    );
  }
  for (const [k, v] of Object.entries(tags)) {
    if (!userKeys.includes(k)) continue;
    if ([...k].length > limits.key)
      problems.push(`key ${JSON.stringify(clip(k, 20))}... is longer than ${cloud}'s ${limits.key} characters`);
    if ([...v].length > limits.value) {
      problems.push(`${JSON.stringify(k)} has a value longer than ${cloud}'s ${limits.value} characters`);
    }
  }
  const rendered = cloud === "gcp" ? (k: string) => Object.keys(gcpLabels({ [k]: "" }))[0] ?? k : cloud === "azure" ? azureKey : awsKey;
  const seen = new Map<string, string>();
  for (const k of keys) {
    const as = rendered(k);
    const other = seen.get(as);
    if (other !== undefined) {
      problems.push(`keys ${JSON.stringify(other)} and ${JSON.stringify(k)} are the same key on ${cloud} (${JSON.stringify(as)})`);
    } else seen.set(as, k);
  }
  return problems;
}

function awsKey(k: string): string {
  return Object.keys(awsTags({ [k]: "" }))[0] ?? k;
}

function azureKey(k: string): string {
  return (Object.keys(azureTags({ [k]: "" }))[0] ?? k).toLowerCase();
}
