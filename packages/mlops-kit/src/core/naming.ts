import { createHash } from "node:crypto";

/**
 * Physical-name rules per cloud resource kind. Sources: AWS "Bucket naming rules" (S3 User Guide),
 * "IAM quotas" (names), ELB "CreateLoadBalancer"/"CreateTargetGroup" API references; Google Cloud
 * "Resource names" (compute naming convention, RFC 1035) and "Bucket naming"; Azure "Naming rules
 * and restrictions for Azure resources" (Microsoft.Storage, Microsoft.KeyVault, ...).
 */
export interface NameRule {
  readonly min: number;
  readonly max: number;
  /** The whole name must match this. */
  readonly pattern: RegExp;
  /** Characters allowed at all; everything else is replaced by `separator` (or dropped). */
  readonly allowed: RegExp;
  /** Joins words; empty when the kind allows no separator (e.g. Azure storage accounts). */
  readonly separator: string;
  readonly lowercase: boolean;
  /**
   * Is the name shared beyond one stack (all of S3; every stack of a GCP project)? Then it ends in
   * a hash of project, stack and words.
   */
  readonly globallyUnique: boolean;
}

const rule = (r: NameRule) => r;

/** RFC 1035 labels (Compute Engine "Resource names"): lowercase letter first, no hyphen last. */
const rfc1035 = (max: number, globallyUnique: boolean): NameRule => ({
  min: 1,
  max,
  pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  allowed: /[a-z0-9-]/,
  separator: "-",
  lowercase: true,
  globallyUnique,
});

/** GCP log bucket ids: letters, digits, `_` and `-` (Cloud Logging "Configure log buckets"). */
const logBucketId = (max: number): NameRule => ({
  min: 1,
  max,
  pattern: /^[A-Za-z0-9_-]+$/,
  allowed: /[A-Za-z0-9_-]/,
  separator: "-",
  lowercase: false,
  globallyUnique: true,
});

/** CloudWatch log group names: 1–512 of `[.\-_/#A-Za-z0-9]` (CreateLogGroup API reference). */
const logGroup = (globallyUnique: boolean): NameRule => ({
  min: 1,
  max: 512,
  pattern: /^[.\-_/#A-Za-z0-9]+$/,
  allowed: /[.\-_/#A-Za-z0-9]/,
  separator: "-",
  lowercase: false,
  globallyUnique,
});

export const NAME_RULES = {
  /** S3 bucket: 3–63, lowercase letters, digits, hyphens; begins and ends alphanumeric; global. */
  awsS3Bucket: rule({
    min: 3,
    max: 63,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    allowed: /[a-z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /** IAM role / policy / instance profile: 1–64 of `\w+=,.@-`. */
  awsIamRole: rule({
    min: 1,
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    allowed: /[\w+=,.@-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /**
   * ALB / target group: 1–32 alphanumerics and hyphens, no hyphen at either end, not starting with
   * `internal-` (ELB "CreateLoadBalancer"/"CreateTargetGroup" API references). Unique per account
   * and region, which every stack deploying there shares: hashed like a global name.
   */
  awsLoadBalancer: rule({
    min: 1,
    max: 32,
    pattern: /^(?!internal-)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: /[A-Za-z0-9-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /** CloudWatch log group names are per account and region, shared by every stack deployed there. */
  awsScopedLogGroup: logGroup(true),
  /** CloudWatch log group: 1–512 of `[.\-_/#A-Za-z0-9]`. */
  awsLogGroup: logGroup(false),
  /** GCP resource (network, subnetwork, router, firewall, ...): RFC 1035, 1–63. */
  gcpResource: rfc1035(63, false),
  /**
   * GCP resource that the project's stacks share a namespace for (network, subnetwork, firewall,
   * health check, forwarding rule, DNS zone, ...): RFC 1035, 1–63 (Compute Engine "Resource
   * names"), ending in a hash of project and stack so that two stacks of one project never collide.
   */
  gcpProjectResource: rfc1035(63, true),
  /**
   * `namePrefix` of an instance template: the provider appends a timestamp and a counter, keeping the
   * whole name unique only for prefixes of at most 37 characters (pulumi-gcp RegionInstanceTemplate
   * `namePrefix`); one character is left for the trailing hyphen.
   */
  gcpTemplatePrefix: rfc1035(36, true),
  /** GCP service account id: 6–30, RFC 1035; shared by the project's stacks. */
  gcpServiceAccount: rule({
    min: 6,
    max: 30,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])$/,
    allowed: /[a-z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /** Base name of a managed instance group's VMs: RFC 1035, 1–58 (GCE appends a suffix). */
  gcpInstanceBaseName: rfc1035(58, false),
  /** GCS bucket: 3–63, lowercase letters, digits, `-` and `_`; begins and ends alphanumeric; global. */
  gcpBucket: rule({
    min: 3,
    max: 63,
    pattern: /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$/,
    allowed: /[a-z0-9_-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /** GCP log bucket id: 1–100 of letters, digits, `_` and `-`; shared by the project's stacks. */
  gcpLogBucket: logBucketId(100),
  /**
   * The part of a GCP log bucket id before the logged resource's numeric id (up to 20 digits and a
   * hyphen): 1–79 of letters, digits, `_` and `-`.
   */
  gcpLogBucketPrefix: logBucketId(79),
  /**
   * CloudWatch alarm, dashboard and AWS budget names: unique per account (and region), which every
   * stack deployed there shares. Alarms take 1–255 characters and dashboards 1–255 of
   * `[A-Za-z0-9-_]` (PutMetricAlarm, PutDashboard API references); budget names take 1–100 without
   * `:` or `\\` (Budgets CreateBudget API reference): the dashboard charset, 100 long, fits all three.
   */
  awsMonitoringName: rule({
    min: 1,
    max: 100,
    pattern: /^[A-Za-z0-9_-]+$/,
    allowed: /[A-Za-z0-9_-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: true,
  }),
  /**
   * The path segment of a GCP custom metric type (`custom.googleapis.com/mlops/<segment>/...`):
   * metric types take up to 200 characters of letters, digits, `_`, `.`, `/`, `-` (Cloud Monitoring
   * "Rules for user-defined metric types"); one segment is shared by the project's stacks.
   */
  gcpMetricSegment: rule({
    min: 1,
    max: 60,
    pattern: /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$/,
    allowed: /[a-z0-9_-]/,
    separator: "_",
    lowercase: true,
    globallyUnique: true,
  }),
  /**
   * Azure action group short name: 1–12 characters (Action groups "Create an action group":
   * the short name is used in SMS and email subjects).
   */
  azureActionGroupShortName: rule({
    min: 1,
    max: 12,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    allowed: /[A-Za-z0-9-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /** Azure resource group: 1–90 of letters, digits, `._-()`, not ending in a period. */
  azureResourceGroup: rule({
    min: 1,
    max: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    allowed: /[-\w.()]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /** Most Azure network resources: 1–80, alphanumeric start, alphanumeric or `_` end, `-._` inside. */
  azureNetwork: rule({
    min: 1,
    max: 80,
    pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/,
    allowed: /[\w.-]/,
    separator: "-",
    lowercase: false,
    globallyUnique: false,
  }),
  /** Azure storage account: 3–24 lowercase letters and digits; global. */
  azureStorageAccount: rule({
    min: 3,
    max: 24,
    pattern: /^[a-z0-9]{3,24}$/,
    allowed: /[a-z0-9]/,
    separator: "",
    lowercase: true,
    globallyUnique: true,
  }),
  /** Azure Key Vault: 3–24, letter first, alphanumeric last, single hyphens; global. */
  azureKeyVault: rule({
    min: 3,
    max: 24,
    pattern: /^[a-zA-Z](-?[a-zA-Z0-9])+$/,
    allowed: /[a-zA-Z0-9-]/,
    separator: "-",
    lowercase: true,
    globallyUnique: true,
  }),
  /** Azure Container Registry: 5–50 alphanumerics; global. */
  azureContainerRegistry: rule({
    min: 5,
    max: 50,
    pattern: /^[a-zA-Z0-9]{5,50}$/,
    allowed: /[a-zA-Z0-9]/,
    separator: "",
    lowercase: true,
    globallyUnique: true,
  }),
} as const satisfies Record<string, NameRule>;

export type NameKind = keyof typeof NAME_RULES;

/**
 * The rule for component names, the same on every cloud: a lowercase DNS label of at most
 * {@link COMPONENT_NAME_MAX} characters. Child names (`<name>-private-0`, `<name>-lb`) and Pulumi's
 * auto-names (`<name>-<role>-` + 7 random characters) then stay inside the tightest limits the
 * clouds set on names we do not shorten ourselves (GCP's RFC 1035 labels, 63; Azure's network names,
 * 80), and names with tighter limits (ALB 32, storage accounts 24) are derived with
 * {@link physicalName}, which truncates and hashes.
 */
export const COMPONENT_NAME = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
export const COMPONENT_NAME_MAX = 40;

/** Why `name` is not a valid component name, or undefined when it is. */
export function componentNameProblem(name: string): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "a component name is required";
  if (name.length > COMPONENT_NAME_MAX) return `is ${name.length} characters; a component name has at most ${COMPONENT_NAME_MAX}`;
  if (!COMPONENT_NAME.test(name) || name.includes("--")) {
    return (
      "must be a lowercase DNS label: lowercase letters, digits and single hyphens, starting with a letter " +
      "and ending with a letter or digit (e.g. fraud-api), because every cloud derives resource names from it"
    );
  }
  return undefined;
}

/** What makes a name unique to one deployment: the Pulumi project and stack. */
export interface NameScope {
  project: string;
  stack: string;
}

const HASH_LENGTH = 6;

/** A short, deterministic, lowercase alphanumeric hash of the inputs: same inputs, same hash. */
export function shortHash(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return BigInt(`0x${hex.slice(0, 16)}`)
    .toString(36)
    .padStart(HASH_LENGTH, "0")
    .slice(0, HASH_LENGTH);
}

/**
 * A globally unique name finished with the account it is deployed into (an Azure subscription, an
 * AWS account), which a plan does not know: the planned name's trailing hash (from
 * {@link physicalName}, over project, stack and words) is redone over the account too, so two
 * accounts deploying the same project and stack never ask for the same global name. Same length and
 * characters as the planned name, so it stays valid for its kind.
 */
export function accountScopedName(planned: string, account: string): string {
  const stem = planned.slice(0, Math.max(0, planned.length - HASH_LENGTH));
  return `${stem}${shortHash(planned, account.toLowerCase()).slice(0, HASH_LENGTH)}`;
}

/**
 * A physical name valid for `kind`, made from `words` (e.g. the component name and a role such as
 * `flow-logs`). Names that must be globally unique end in a hash of project, stack and words, so
 * two stacks never collide and one stack gets the same name on every run. Names too long for the
 * kind are shortened and also get the hash, so distinct long inputs stay distinct.
 */
export function physicalName(kind: NameKind, words: readonly string[], scope: NameScope): string {
  const r: NameRule = NAME_RULES[kind];
  const hash = shortHash(scope.project, scope.stack, kind, ...words);
  const clean = words
    .map((w) => sanitize(w, r))
    .filter((w) => w.length > 0)
    .join(r.separator);
  const needsHash = r.globallyUnique || clean.length > r.max || clean.length < r.min;
  let base = clean;
  if (needsHash) {
    const room = r.max - HASH_LENGTH - r.separator.length;
    base = trimEnds(clean.slice(0, room));
    base = base.length > 0 ? `${base}${r.separator}${hash}` : hash;
  }
  // Some kinds must start with a letter; a hash or digit-first word may not.
  if (!r.pattern.test(base)) base = trimEnds(`m${r.separator}${base}`.slice(0, r.max));
  if (!r.pattern.test(base) || base.length < r.min || base.length > r.max) {
    // Unreachable for the rules above (property-tested); fail loudly rather than emit a bad name.
    throw new Error(`cannot form a valid ${kind} name from ${JSON.stringify(words)} (got "${base}")`);
  }
  return base;
}

function sanitize(word: string, r: NameRule): string {
  const w = r.lowercase ? word.toLowerCase() : word;
  let out = "";
  for (const ch of w) out += r.allowed.test(ch) ? ch : r.separator;
  if (r.separator) {
    const sep = r.separator.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`${sep}{2,}`, "g"), r.separator);
  }
  return trimEnds(out);
}

/** Drops separators and punctuation at either end: every kind accepts alphanumeric ends. */
function trimEnds(s: string): string {
  return s.replace(/^[^A-Za-z0-9]+/, "").replace(/[^A-Za-z0-9]+$/, "");
}
