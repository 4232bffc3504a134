/** Address ranges that mean "anyone on the internet". */
const WORLD = new Set(["0.0.0.0/0", "::/0", "0.0.0.0", "::"]);
/** Azure's names for the same: service tags and wildcards. */
const AZURE_WORLD = new Set(["*", "internet", "any", "0.0.0.0/0", "::/0"]);

export function isWorldCidr(cidr: unknown): boolean {
  return typeof cidr === "string" && WORLD.has(cidr.trim());
}

export function isAzureWorldPrefix(prefix: unknown): boolean {
  return typeof prefix === "string" && AZURE_WORLD.has(prefix.trim().toLowerCase());
}

/** Ports in `[from, to]` that are not in `allowed`, listed up to a few; empty when every port is allowed. */
export function disallowedPorts(from: number, to: number, allowed: number[]): string[] {
  const lo = Math.max(0, Math.min(from, to));
  const hi = Math.min(65535, Math.max(from, to));
  const allowedSet = new Set(allowed);
  if (hi - lo + 1 > allowedSet.size) return [lo === hi ? `${lo}` : `${lo}-${hi}`];
  const out: string[] = [];
  for (let p = lo; p <= hi; p++) if (!allowedSet.has(p)) out.push(String(p));
  return out;
}

/** `"80"`, `"8000-8080"`, `"*"` (every port) as a range; undefined when not a port range. */
export function parsePortRange(range: unknown): [number, number] | undefined {
  if (typeof range === "number") return [range, range];
  if (typeof range !== "string") return undefined;
  const r = range.trim();
  if (r === "*" || r === "") return [0, 65535];
  const m = /^(\d+)(?:-(\d+))?$/.exec(r);
  if (!m) return undefined;
  const from = Number(m[1]);
  return [from, m[2] === undefined ? from : Number(m[2])];
}

/** The config schema shared by the "no ingress from the internet" rules. */
export const PUBLIC_INGRESS_SCHEMA = {
  properties: {
    allowedPorts: {
      type: "array" as const,
      items: { type: "integer" as const, minimum: 0, maximum: 65535 },
      default: [80, 443],
      description: "TCP ports that may be open to the internet (a load balancer's HTTP and HTTPS).",
    },
  },
};

export interface PublicIngressConfig {
  allowedPorts: number[];
}
