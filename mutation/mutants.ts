// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the texts to find are source code, template placeholders included
/**
 * The mutants `npm run mutation` runs: each one a bug a user would care about, written as one exact
 * text replacement. Most sit in pure modules (plans, specs, core, the offline engine, the policy
 * packs' shared logic), which survive refactors of the backends; a cloud-folder mutant whose text
 * has moved is reported as stale, not counted.
 *
 * This file is a table, not logic: long by design.
 */
export interface Mutant {
  /** Unique, stable: `<area>/<what the bug is>`. */
  id: string;
  /** Path from the repository root. */
  file: string;
  /** Text that must occur exactly once in `file`. */
  search: string;
  replace: string;
  /** Test files or folders (Vitest filters) that should catch it; only these run. */
  tests: readonly string[];
  /** Type-check the tree first: a mutant the compiler refuses is killed by it. */
  typecheck?: boolean;
  /** A survivor listed in issue 14's measurement, kept to show it stays killed. */
  known?: true;
}

const SRC = "packages/mlops-kit/src";
const CORE = `${SRC}/core`;
const NET = `${SRC}/components/network`;
const SVC = `${SRC}/components/inference-service`;

const T = {
  core: [`${CORE}/`],
  names: [`${CORE}/naming.test.ts`, `${NET}/spec.test.ts`, `${SVC}/spec.test.ts`],
  netPure: [`${NET}/plan.test.ts`, `${NET}/spec.test.ts`],
  svcPure: [`${SVC}/plan.test.ts`, `${SVC}/spec.test.ts`],
  netAws: [`${NET}/aws/`],
  netAzure: [`${NET}/azure/`],
  svcAws: [`${SVC}/aws/`],
  svcGcp: [`${SVC}/gcp/`],
  svcAzure: [`${SVC}/azure/`],
  engine: ["packages/testing/src/values.test.ts", "packages/testing/src/synth.test.ts"],
  policies: ["policies/"],
} as const;

const m = (id: string, file: string, search: string, replace: string, tests: readonly string[], extra: Partial<Mutant> = {}): Mutant => ({
  id,
  file,
  search,
  replace,
  tests,
  ...extra,
});

/** The eleven survivors issue 14 measured (83 hand-made mutants, 72 killed). */
const KNOWN: Mutant[] = [
  m("svc-aws/health-path-fixed", `${SVC}/aws/settings.ts`, "path: hc.path,", 'path: "/health",', T.svcAws, { known: true }),
  m("svc-gcp/health-path-fixed", `${SVC}/gcp/index.ts`, "requestPath: hc.path", 'requestPath: "/health"', T.svcGcp, { known: true }),
  m("svc-azure/probe-path-fixed", `${SVC}/azure/settings.ts`, "requestPath: hc.path,", 'requestPath: "/health",', T.svcAzure, {
    known: true,
  }),
  m("svc-azure/gateway-probe-path-fixed", `${SVC}/azure/gateway-layout.ts`, "path: hc.path,", 'path: "/health",', T.svcAzure, {
    known: true,
  }),
  m(
    "svc-plan/max-unavailable-rounded-up",
    `${SVC}/plan.ts`,
    "Math.floor((max * unavailable) / 100)",
    "Math.ceil((max * unavailable) / 100)",
    [...T.svcPure, ...T.svcGcp],
    { known: true },
  ),
  m(
    "net-aws/internal-elb-tag-dropped",
    `${NET}/aws/index.ts`,
    'private: { "kubernetes.io/role/internal-elb": "1" },',
    "private: {},",
    T.netAws,
    {
      known: true,
    },
  ),
  m(
    "svc-aws/instance-profile-untagged",
    `${SVC}/aws/identity.ts`,
    "{ role: role.name, tags: tags({ Name: `${name}-instance` }) }",
    "{ role: role.name }",
    T.svcAws,
    { known: true },
  ),
  m(
    "engine/secret-output-value-unmasked",
    "packages/testing/src/values.ts",
    "if (obj.secret === true) return SECRET_PLACEHOLDER;",
    "",
    T.engine,
    {
      known: true,
    },
  ),
  m(
    "net-aws/override-role-misspelt",
    `${NET}/aws/index.ts`,
    'plan.aws.overrides,\n      "vpc",',
    'plan.aws.overrides,\n      "vcp",',
    T.netAws,
    { known: true, typecheck: true },
  ),
  m("net-azure/override-role-misspelt", `${NET}/azure/index.ts`, 'o, "resourceGroup"),', 'o, "resourcegroup"),', T.netAzure, {
    known: true,
    typecheck: true,
  }),
  m("svc-azure/override-role-misspelt", `${SVC}/azure/index.ts`, 'o, "identity"),', 'o, "identitiy"),', T.svcAzure, {
    known: true,
    typecheck: true,
  }),
];

const NAMING: Mutant[] = [
  m("naming/component-name-max-raised", `${CORE}/naming.ts`, "COMPONENT_NAME_MAX = 40;", "COMPONENT_NAME_MAX = 63;", T.names),
  m("naming/double-hyphen-allowed", `${CORE}/naming.ts`, '|| name.includes("--")', "", T.names),
  m(
    "naming/global-names-without-hash",
    `${CORE}/naming.ts`,
    "const needsHash = r.globallyUnique || clean.length",
    "const needsHash = clean.length",
    T.core,
  ),
  m(
    "naming/hash-room-forgets-separator",
    `${CORE}/naming.ts`,
    "const room = r.max - HASH_LENGTH - r.separator.length;",
    "const room = r.max - HASH_LENGTH;",
    T.core,
  ),
  m("naming/hash-parts-run-together", `${CORE}/naming.ts`, 'update(parts.join("\\u0000"))', 'update(parts.join(""))', T.core),
  m(
    "naming/alb-limit-raised",
    `${CORE}/name-rules.ts`,
    "max: 32,\n    pattern: /^(?!internal-)",
    "max: 34,\n    pattern: /^(?!internal-)",
    T.core,
  ),
  m(
    "naming/storage-account-limit-raised",
    `${CORE}/name-rules.ts`,
    "max: 24,\n    pattern: /^[a-z0-9]{3,24}$/",
    "max: 30,\n    pattern: /^[a-z0-9]{3,30}$/",
    T.core,
  ),
  m("naming/separators-not-collapsed", `${CORE}/naming.ts`, 'out = out.replace(new RegExp(`${sep}{2,}`, "g"), r.separator);', "", T.core),
];

const TAGS_LOGS_CIDR: Mutant[] = [
  m("tags/managed-by-dropped", `${CORE}/tags.ts`, '"managed-by": "mlops-kit",', "", T.core),
  m("tags/gcp-key-may-start-with-digit", `${CORE}/tags.ts`, "if (!/^[a-z]/.test(key)) key = clip(`k${key}`, 63);", "", T.core),
  m("tags/gcp-value-unclipped", `${CORE}/tags.ts`, "out[key] = clip(labelText(v), 63);", "out[key] = labelText(v);", T.core),
  m("tags/azure-key-chars-kept", `${CORE}/tags.ts`, 'k.replace(/[<>%&\\\\?/]/g, "_")', "k", T.core),
  m("tags/gcp-labels-keep-case", `${CORE}/tags.ts`, "return s.toLowerCase().replace(", "return s.replace(", T.core),
  m("cidr/octet-256-accepted", `${CORE}/net/cidr.ts`, "octets.some((o) => o > 255)", "octets.some((o) => o > 256)", T.core),
  m("cidr/prefix-33-accepted", `${CORE}/net/cidr.ts`, "if (prefix > 32) return", "if (prefix > 33) return", T.core),
  m("cidr/host-bits-accepted", `${CORE}/net/cidr.ts`, "if (base % size(prefix) !== 0) {", "if (false) {", [...T.core, ...T.netPure]),
  m(
    "cidr/adjacent-blocks-overlap",
    `${CORE}/net/cidr.ts`,
    "return a.base < end(b) && b.base < end(a);",
    "return a.base <= end(b) && b.base <= end(a);",
    [...T.core, ...T.netPure],
  ),
  // Dropping `inner.prefix >= outer.prefix` from contains() is equivalent (a larger block cannot fit between the bounds): not listed.
  m("cidr/block-not-inside-itself", `${CORE}/net/cidr.ts`, "inner.base >= outer.base", "inner.base > outer.base", [
    ...T.core,
    ...T.netPure,
  ]),
  m("cidr/subnet-index-past-end", `${CORE}/net/cidr.ts`, "index < 0 || index >= count", "index < 0 || index > count", T.core),
  m("cidr/third-octet-mod-255", `${CORE}/net/cidr.ts`, "Math.floor(b / 2 ** 8) % 256", "Math.floor(b / 2 ** 8) % 255", T.core),
  m("logs/cloudwatch-period-strictly-above", `${CORE}/logs.ts`, ".find((d) => d >= days)", ".find((d) => d > days)", [
    ...T.core,
    ...T.netPure,
    ...T.svcPure,
  ]),
  m("logs/key-windows-swapped", `${CORE}/logs.ts`, 'profile === "prod" ? 30 : 7', 'profile === "prod" ? 7 : 30', [
    ...T.core,
    ...T.netPure,
    ...T.svcPure,
  ]),
  m("logs/gcp-max-retention-raised", `${CORE}/logs.ts`, "GCP_MAX_LOG_RETENTION_DAYS = 3650;", "GCP_MAX_LOG_RETENTION_DAYS = 3653;", [
    ...T.netPure,
    ...T.svcPure,
  ]),
];

const CATALOG_SPEC: Mutant[] = [
  m("catalog/cpu-not-checked", `${CORE}/catalog/compute.ts`, "if (entry.cpu < size.cpu || ", "if (", [...T.core, ...T.svcPure]),
  m("catalog/gpu-count-strict", `${CORE}/catalog/compute.ts`, "entry.gpu.count >= size.gpu.count", "entry.gpu.count > size.gpu.count", [
    ...T.core,
    ...T.svcPure,
  ]),
  m("catalog/dearest-first", `${CORE}/catalog/compute.ts`, "a.hourlyUsd - b.hourlyUsd || a.cpu", "b.hourlyUsd - a.hourlyUsd || a.cpu", [
    ...T.core,
    ...T.svcPure,
  ]),
  m(
    "catalog/gpu-machine-for-cpu-request",
    `${CORE}/catalog/compute.ts`,
    "if (!size.gpu) return entry.gpu === undefined;",
    "if (!size.gpu) return true;",
    [...T.core, ...T.svcPure],
  ),
  m("spec/aws-prefix-case-sensitive", `${CORE}/spec.ts`, "if (/^aws:/i.test(key))", "if (/^aws:/.test(key))", [
    ...T.core,
    ...T.netPure,
    ...T.svcPure,
  ]),
  m("spec/unknown-override-role-accepted", `${CORE}/spec.ts`, "if (!roles.includes(role)) {", "if (false) {", [...T.netPure, ...T.svcPure]),
  m("spec/unknown-field-path-flattened", `${CORE}/spec.ts`, "path: fieldPath([...issue.path, key]),", "path: fieldPath([key]),", [
    ...T.core,
    ...T.netPure,
    ...T.svcPure,
  ]),
];

const NETWORK: Mutant[] = [
  m("net-spec/zones-unbounded", `${NET}/spec.ts`, "z.int().check(z.gte(1), z.lte(MAX_ZONES))", "z.int().check(z.gte(1))", T.netPure),
  m(
    "net-spec/pods-overlap-accepted",
    `${NET}/spec.ts`,
    'if (typeof parsed === "string" || !overlaps(vpc, parsed)) continue;',
    'if (typeof parsed === "string" || field === "podsCidr" || !overlaps(vpc, parsed)) continue;',
    T.netPure,
  ),
  m("net-spec/pods-services-overlap-accepted", `${NET}/spec.ts`, "overlaps(pods, services)", "false", T.netPure),
  m("net-spec/prefix-max-ignored", `${NET}/spec.ts`, "if (c.prefix < min || c.prefix > max)", "if (c.prefix < min)", T.netPure),
  m(
    "net-spec/flow-log-retention-unbounded",
    `${NET}/spec.ts`,
    "retentionDays: z.optional(z.int().check(z.gte(1), z.lte(3653))),",
    "retentionDays: z.optional(z.int().check(z.gte(1))),",
    T.netPure,
  ),
  m("net-plan/per-zone-nat-all-via-zone-0", `${NET}/plan.ts`, '(natMode === "perZone" ? s.zoneIndex : 0)', "0", T.netPure),
  m("net-plan/single-nat-has-no-gateway", `${NET}/plan.ts`, 'natMode === "single" ? [0]', 'natMode === "single" ? []', T.netPure),
  m(
    "net-plan/azure-zone-limit-dropped",
    `${NET}/plan.ts`,
    'if (cloud === "azure" && zones > AZURE_MAX_ZONES) {',
    "if (false) {",
    T.netPure,
  ),
  m("net-plan/gcp-retention-limit-dropped", `${NET}/plan.ts`, "gcp: GCP_MAX_LOG_RETENTION_DAYS,", "gcp: undefined,", T.netPure),
  m(
    "net-plan/public-tier-overlaps-isolated",
    `${NET}/layout.ts`,
    "public: { offsetEighths: 6, eighths: 1 },",
    "public: { offsetEighths: 5, eighths: 1 },",
    T.netPure,
  ),
  m("net-plan/prod-two-zones", `${NET}/plan.ts`, 'prod: { zones: 3, nat: "perZone"', 'prod: { zones: 2, nat: "perZone"', T.netPure),
  m("net-plan/dev-no-nat", `${NET}/plan.ts`, 'dev: { zones: 2, nat: "single"', 'dev: { zones: 2, nat: "none"', T.netPure),
  m("net-plan/logs-never-retained", `${NET}/plan.ts`, "retainLogs: defaults.retainLogs,", "retainLogs: false,", T.netPure),
  m("net-plan/gcp-region-not-required", `${NET}/plan.ts`, 'if (ctx.cloud === "gcp" && !region) {', "if (false) {", T.netPure),
  m(
    "net-plan/zone-slots-too-small",
    `${NET}/layout.ts`,
    "tierBlock(network, tier).prefix + 3, zoneIndex",
    "tierBlock(network, tier).prefix + 4, zoneIndex",
    T.netPure,
  ),
];

const SERVICE: Mutant[] = [
  m("svc-spec/min-above-max-accepted", `${SVC}/spec.ts`, "min !== undefined && max !== undefined && min > max", "false", T.svcPure),
  m(
    "svc-spec/timeout-equal-interval-accepted",
    `${SVC}/spec.ts`,
    "hc.timeoutSeconds >= hc.intervalSeconds",
    "hc.timeoutSeconds > hc.intervalSeconds",
    T.svcPure,
  ),
  m(
    "svc-spec/domain-and-certificate-accepted",
    `${SVC}/plan.ts`,
    'if (cloud !== "azure" && tls.domain !== undefined && tls.certificateId !== undefined) {',
    "if (false) {",
    T.svcPure,
  ),
  m(
    "svc-spec/rollout-over-100-accepted",
    `${SVC}/spec.ts`,
    "r.maxSurgePercent + r.maxUnavailablePercent > 100",
    "r.maxSurgePercent + r.maxUnavailablePercent > 101",
    T.svcPure,
  ),
  m("svc-spec/frozen-rollout-accepted", `${SVC}/spec.ts`, "r.maxSurgePercent === 0 && r.maxUnavailablePercent === 0", "false", T.svcPure),
  m(
    "svc-spec/on-demand-base-above-max-accepted",
    `${SVC}/spec.ts`,
    "base !== undefined && max !== undefined && base > max",
    "false",
    T.svcPure,
  ),
  m(
    "svc-spec/default-port-changed",
    `${SVC}/spec.ts`,
    "port: z._default(int(1, 65535), 8080),",
    "port: z._default(int(1, 65535), 8000),",
    T.svcPure,
  ),
  m(
    "svc-spec/default-request-timeout-changed",
    `${SVC}/spec.ts`,
    "requestTimeoutSeconds: z._default(int(1, 3600), 300),",
    "requestTimeoutSeconds: z._default(int(1, 3600), 30),",
    T.svcPure,
  ),
  m(
    "svc-spec/waf-detects-by-default",
    `${SVC}/spec.ts`,
    'mode: z._default(z.enum(WafMode), "prevention")',
    'mode: z._default(z.enum(WafMode), "detection")',
    T.svcPure,
  ),
  m("svc-plan/max-surge-rounded-down", `${SVC}/plan.ts`, "Math.ceil((max * surge) / 100)", "Math.floor((max * surge) / 100)", T.svcPure),
  m(
    "svc-plan/min-healthy-from-surge",
    `${SVC}/plan.ts`,
    "minHealthyPercent: 100 - unavailable,",
    "minHealthyPercent: 100 - surge,",
    T.svcPure,
  ),
  m("svc-plan/gpu-disk-small", `${SVC}/plan.ts`, "(gpu ? 200 : 50)", "(gpu ? 50 : 50)", T.svcPure),
  m("svc-plan/gpu-grace-short", `${SVC}/plan.ts`, "(gpu ? 600 : 300)", "(gpu ? 300 : 300)", T.svcPure),
  m("svc-plan/always-https", `${SVC}/plan.ts`, 'scheme: tls.enabled ? "https" : "http"', 'scheme: "https"', T.svcPure),
  m("svc-plan/public-allow-list-empty", `${SVC}/plan.ts`, '(lb.scheme === "public" ? ["0.0.0.0/0"] : undefined)', "undefined", T.svcPure),
  m(
    "svc-plan/domain-not-managed",
    `${SVC}/plan.ts`,
    'tls.certificateId !== undefined ? "certificate" : "managed"',
    '"certificate"',
    T.svcPure,
  ),
  m(
    "svc-plan/redirect-without-tls",
    `${SVC}/plan.ts`,
    "redirectHttp: tls.enabled && tls.redirectHttp,",
    "redirectHttp: tls.redirectHttp,",
    T.svcPure,
  ),
  m(
    "svc-plan/prod-http-allowed",
    `${SVC}/plan.ts`,
    'if (!spec.loadBalancer.tls.enabled && profile === "prod") {',
    "if (false) {",
    T.svcPure,
  ),
  m(
    "svc-plan/lb-never-protected",
    `${SVC}/plan.ts`,
    "deletionProtection: lb.deletionProtection ?? protect,",
    "deletionProtection: lb.deletionProtection ?? false,",
    T.svcPure,
  ),
  m("svc-plan/min-ignores-max", `${SVC}/plan.ts`, "Math.min(defaults.min, spec.scaling.max ?? defaults.min)", "defaults.min", T.svcPure),
  m("svc-plan/max-below-min", `${SVC}/plan.ts`, "Math.max(defaults.max, min)", "defaults.max", T.svcPure),
  m(
    "svc-plan/azure-retention-below-minimum",
    `${SVC}/plan-azure.ts`,
    "Math.max(logDays, LOG_ANALYTICS_RETENTION_DAYS.min)",
    "logDays",
    T.svcPure,
  ),
  m("svc-plan/gcp-on-demand-base", `${SVC}/plan.ts`, "gcp: 0,", "gcp: Math.min(defaults.onDemandBase, max),", T.svcPure),
  m("svc-plan/prod-min-one", `${SVC}/plan.ts`, "prod: { min: 2, max: 10,", "prod: { min: 1, max: 10,", T.svcPure),
  m("svc-plan/rule-band-overflows", `${SVC}/plan-azure.ts`, "% AZURE_RULE_BAND.slots;", "% (AZURE_RULE_BAND.slots + 1);", T.svcPure),
  m("svc-plan/override-hint-dropped", `${SVC}/plan.ts`, " (or set ${cloud}.${field})", "", T.svcPure),
];

const ENGINE_POLICIES: Mutant[] = [
  m(
    "engine/wire-secret-unmasked",
    "packages/testing/src/values.ts",
    "case SECRET_SIG:\n      return SECRET_PLACEHOLDER;",
    "case SECRET_SIG:\n      return obj.value;",
    T.engine,
  ),
  m("engine/keys-unsorted", "packages/testing/src/values.ts", "Object.keys(obj).sort()", "Object.keys(obj)", T.engine),
  m("engine/reference-urn-untranslated", "packages/testing/src/values.ts", "? urnOf(obj.urn) : obj.urn", "? obj.urn : obj.urn", T.engine),
  m(
    "policy/ipv6-world-not-world",
    "policies/common/network.ts",
    'new Set(["0.0.0.0/0", "::/0", "0.0.0.0", "::"])',
    'new Set(["0.0.0.0/0", "0.0.0.0", "::"])',
    T.policies,
  ),
  m("policy/azure-internet-tag-not-world", "policies/common/network.ts", '"*", "internet", "any"', '"*", "any"', T.policies),
  m("policy/no-port-disallowed", "policies/common/network.ts", "if (!allowedSet.has(p)) out.push(String(p));", "", T.policies),
  m(
    "policy/star-port-is-http",
    "policies/common/network.ts",
    'if (r === "*" || r === "") return [0, 65535];',
    'if (r === "*" || r === "") return [80, 80];',
    T.policies,
  ),
  m("policy/service-wildcard-allowed", "policies/common/iam.ts", "/^[^:]+:\\*$/.test(a)", "false", T.policies),
  m(
    "policy/effect-defaults-to-deny",
    "policies/common/iam.ts",
    '(statement.Effect ?? "Allow")',
    '(statement.Effect ?? "Deny")',
    T.policies,
  ),
  m("policy/root-with-others-is-root", "policies/common/iam.ts", "Object.keys(principal).length === 1 &&", "", T.policies),
  m(
    "policy/tags-never-missing",
    "policies/common/tags.ts",
    "requiredKeys.filter((k) => !(k in present))",
    "requiredKeys.filter((k) => false)",
    T.policies,
  ),
  m(
    "policy/unprotected-prod-data-allowed",
    "policies/common/deletion.ts",
    "if (r.opts.protect || safe(r)) continue;",
    "continue;",
    T.policies,
  ),
];

/** `mlops diff`: a replacement called an update, a retained resource called lost, a rename called a delete. */
const DIFF: Mutant[] = [
  m(
    "diff/replace-never-forced",
    "packages/testing/src/diff/engine.ts",
    "forcing.length > 0 ? ChangeKind.Replace : ChangeKind.Update",
    "ChangeKind.Update",
    ["test/diff.test.ts"],
  ),
  m("diff/retain-ignored", "packages/testing/src/diff/engine.ts", 'c.retainOnDelete ? "retainOnDelete"', 'false ? "retainOnDelete"', [
    "test/diff.test.ts",
  ]),
  m("diff/renames-never-paired", "packages/testing/src/diff/renames.ts", "bestScore >= MIN_SIMILARITY", "bestScore > 2", [
    "test/diff.test.ts",
  ]),
];

const PIPE = `${SRC}/components/cicd-pipeline`;
const PIPELINE: Mutant[] = [
  // A deploy identity that trusts every branch of the repository instead of its environment.
  m(
    "pipeline/deploy-subject-not-environment",
    `${PIPE}/plan.ts`,
    "return `repo:${repository}:environment:${detail}`;",
    "return `repo:${repository}:ref:refs/heads/${detail}`;",
    [`${PIPE}/component.test.ts`, `${PIPE}/backends.test.ts`],
  ),
  // GCP's pool accepting tokens of any GitHub repository.
  m(
    "pipeline/gcp-provider-without-condition",
    `${PIPE}/gcp/identity.ts`,
    "attributeCondition: attributeCondition(plan.repository, plan.repositoryOwnerId),",
    "",
    [`${PIPE}/backends.test.ts`],
  ),
  // Every CodeBuild project privileged, the deploy project too.
  m("pipeline/all-builds-privileged", `${PIPE}/aws/build.ts`, "privilegedMode: a.privileged,", "privilegedMode: true,", [
    `${PIPE}/backends.test.ts`,
  ]),
];

const REG = `${SRC}/components/model-registry`;

/** ModelRegistry: prod safety, the approval gate, and a consumer that must wait for its grant. */
const REGISTRY: Mutant[] = [
  m("registry/prod-not-retained", `${REG}/plan.ts`, "retain: defaults.retain,", "retain: false,", [`${REG}/component.test.ts`]),
  m("registry/publisher-may-approve", `${REG}/aws/policies.ts`, "...(approvalRequired", "...(false", [`${REG}/component.test.ts`]),
  m(
    "registry/service-boots-before-registry-grant",
    `${SVC}/aws/registry.ts`,
    "permissions: [...identity.permissions, ...registryRead]",
    "permissions: identity.permissions",
    [`${REG}/consumers.test.ts`],
  ),
];

const TC = "packages/mlops-kit/src/components/training-cluster";
/** TrainingCluster: bugs a user would notice, each caught by the component's own tests. */
const TRAINING: Mutant[] = [
  m("training/gpu-pools-untainted", `${TC}/plan.ts`, "taints: p.taints ?? (gpu ? [{ ...GPU_TAINT }] : []),", "taints: p.taints ?? [],", [
    `${TC}/plan.test.ts`,
  ]),
  m(
    "training/gke-endpoint-always-public",
    `${TC}/gcp/cluster.ts`,
    "enablePrivateEndpoint: !plan.endpoint.public,",
    "enablePrivateEndpoint: false,",
    [`${TC}/gcp/`],
  ),
  m("training/pool-min-above-max-accepted", `${TC}/spec.ts`, "if (p.min > p.max)", "if (p.min > p.max + 1)", [`${TC}/spec.test.ts`]),
  // The autoscaler on the minor's first release rather than its latest patch (or a chart too old for it).
  m(
    "training/autoscaler-image-first-release",
    `${TC}/charts.ts`,
    "return CLUSTER_AUTOSCALER[version]?.image ?? `v${version}.0`;",
    "return `v${version}.0`;",
    [`${TC}/plan.test.ts`, `${TC}/aws/`],
  ),
];

const FS = `${SRC}/components/feature-store`;

/** FeatureStore: a vector put where SageMaker cannot hold it, no vector search, a join key overwritten by a feature. */
const FEATURE_STORE: Mutant[] = [
  m("feature-store/aws-vectors-on-standard-tier", `${FS}/plan-aws.ts`, 'embedding >= 0 ? "InMemory" : "Standard"', '"Standard"', [
    `${FS}/plan.test.ts`,
    `${FS}/aws/`,
  ]),
  m(
    "feature-store/gcp-embeddings-on-bigtable",
    `${FS}/plan-gcp.ts`,
    'storage: embeddingsOnline ? "optimized" : "bigtable"',
    'storage: "bigtable"',
    [`${FS}/plan.test.ts`, `${FS}/gcp/`],
  ),
  m("feature-store/feature-shadows-join-key", `${FS}/spec.ts`, "if (keys.includes(f.name)) report(", "if (false) report(", [
    `${FS}/spec.test.ts`,
  ]),
];

const MON = `${SRC}/components/monitoring`;

/** MonitoringStack: thresholds a user would see fire at the wrong time, or not at all. */
const MONITORING: Mutant[] = [
  // TargetResponseTime is in seconds: a threshold left in ms never fires.
  m("mon-aws/latency-threshold-in-ms", `${MON}/plan-aws.ts`, "threshold: ms / 1000,", "threshold: ms,", [
    `${MON}/plan.test.ts`,
    `${MON}/aws/`,
  ]),
  // GCP compares a ratio condition with a fraction: a percentage there never fires.
  m("mon-gcp/ratio-as-percent", `${MON}/plan-gcp.ts`, "threshold: round(percent / 100),", "threshold: percent,", [`${MON}/gcp/`]),
  // A service's own SLOs must win over the stack's.
  m(
    "mon/service-slos-ignored",
    `${MON}/plan.ts`,
    "...defined(spec.slo), ...defined(spec.serviceSlos?.[s.name])",
    "...defined(spec.serviceSlos?.[s.name]), ...defined(spec.slo)",
    [`${MON}/plan.test.ts`, `${MON}/aws/`],
  ),
  // SageMaker Feature Store's Latency is in microseconds: a threshold left in ms pages on every read.
  m(
    "mon-aws/feature-store-latency-in-ms",
    `${MON}/plan-platform.ts`,
    "// Latency is in microseconds.\n        threshold: t.onlineLatencyP95Ms * 1000,",
    "// Latency is in microseconds.\n        threshold: t.onlineLatencyP95Ms,",
    [`${MON}/platform.test.ts`, `${MON}/aws/platform.test.ts`],
  ),
  // An average of one or more over the window says pods stayed pending; a total pages on every short blip.
  m(
    "mon-azure/pending-pods-any-blip",
    `${MON}/plan-platform.ts`,
    'timeAggregation: "Average",\n    operator: "GreaterThanOrEqual",',
    'timeAggregation: "Total",\n    operator: "GreaterThanOrEqual",',
    [`${MON}/platform.test.ts`, `${MON}/azure/platform.test.ts`],
  ),
  // A stack's platformAlerts must win over the profile's defaults.
  m(
    "mon/platform-thresholds-ignored",
    `${MON}/platform.ts`,
    "{ ...PLATFORM_PROFILE_DEFAULTS[profile], ...set }",
    "{ ...set, ...PLATFORM_PROFILE_DEFAULTS[profile] }",
    [`${MON}/platform.test.ts`],
  ),
];

const AZ_COST = "packages/testing/src/cost/pricing/azure";
const AZ_PRICERS = [`${AZ_COST}/pricers.test.ts`];

/** The Azure price table and pricers (issue 21): each a wrong bill a user would read. */
const COST_AZURE: Mutant[] = [
  m(
    "cost-azure/gateway-one-unit-per-instance",
    `${AZ_COST}/sources.ts`,
    "gatewayCapacityUnitsPerInstance: 10,",
    "gatewayCapacityUnitsPerInstance: 1,",
    AZ_PRICERS,
  ),
  m(
    "cost-azure/zero-floor-pool-billed-idle",
    `${AZ_COST}/compute.ts`,
    "g.max > 0 && g.min === 0 ? zeroFloorNodes",
    "g.max < 0 ? zeroFloorNodes",
    AZ_PRICERS,
  ),
  m(
    "cost-azure/autoscale-bounds-ignored",
    `${AZ_COST}/compute.ts`,
    "(r.propertyDependencies.targetResourceUri ?? []).includes(target.urn)",
    "(r.propertyDependencies.targetResourceUri ?? []).includes(r.urn)",
    AZ_PRICERS,
  ),
  m(
    "cost-azure/retention-bills-free-days",
    `${AZ_COST}/monitor.ts`,
    "const paidDays = days - FACTS.logFreeRetentionDays;",
    "const paidDays = days;",
    AZ_PRICERS,
  ),
  // The estimator, not the pricers, now finds a line's row: a missing one must be listed, never dropped.
  m(
    "cost-azure/missing-price-not-refused",
    "packages/testing/src/cost/estimate.ts",
    'return { kind: "priced", lines: priced, missing };',
    'return { kind: "priced", lines: priced, missing: [] };',
    [...AZ_PRICERS, "packages/testing/src/cost/estimate.test.ts"],
  ),
  m(
    "cost-azure/row-without-date-accepted",
    "packages/testing/src/cost/price-table.ts",
    "if (!DATE.test(row.read))",
    "if (row.read === undefined)",
    [`${AZ_COST}/prices.test.ts`, "packages/testing/src/cost/price-table.test.ts"],
  ),
  m("svc-plan/dev-gateway-reserves-an-instance", `${SVC}/plan-azure.ts`, "dev: { min: 0, max: 10 },", "dev: { min: 1, max: 10 },", [
    ...T.svcPure,
    ...AZ_PRICERS,
  ]),
];

const COST_DIR = "packages/testing/src/cost";
const COST_TESTS = [`${COST_DIR}/`] as const;

/** The cost estimator: a wrong amount, a price from the wrong region, an unpriced resource counted as free. */
const COST: Mutant[] = [
  m(
    "cost/min-from-upper-bound",
    `${COST_DIR}/estimate.ts`,
    "monthlyUsd: { min: min * row.usd,",
    "monthlyUsd: { min: max * row.usd,",
    COST_TESTS,
  ),
  m("cost/components-priced", `${COST_DIR}/estimate.ts`, 'if (!r.custom) return { kind: "skipped" };', "", COST_TESTS),
  m(
    "cost/unpriced-as-free",
    `${COST_DIR}/estimate.ts`,
    'if (err instanceof UnpricedError) return { kind: "unpriced", reason: err.reason };',
    'if (err instanceof UnpricedError) return { kind: "free", reason: err.reason };',
    COST_TESTS,
  ),
  m(
    "cost/any-region-row",
    `${COST_DIR}/price-table.ts`,
    'return regions?.get(region) ?? regions?.get("global");',
    'return regions?.get(region) ?? regions?.get("global") ?? [...(regions?.values() ?? [])][0];',
    COST_TESTS,
  ),
  m(
    "cost/kubernetes-billed",
    `${COST_DIR}/pricing/kubernetes.ts`,
    '{ prefix: "kubernetes:", ',
    '{ prefix: "kubernetes:core/v1:Service", ',
    COST_TESTS,
  ),
  m(
    "cost/negative-assumption",
    `${COST_DIR}/assumptions.ts`,
    "!Number.isFinite(value) || value < 0",
    "!Number.isFinite(value)",
    COST_TESTS,
  ),
  m(
    "cost/old-unpriced-as-new",
    `${COST_DIR}/delta.ts`,
    'if (was === "all" || is === undefined) return was === undefined;',
    "if (is === undefined) return was === undefined;",
    COST_TESTS,
  ),
];

const PLAT = `${SRC}/components/platform`;
const MIGRATION = ["test/platform-migration.test.ts"];

/** MlopsPlatform's wiring and checks, and the engine's alias matching that keeps its stacks. */
const PLATFORM: Mutant[] = [
  // A team with no access of its own must read the platform's registry and feature store.
  m("platform/teams-no-default-access", `${PLAT}/wiring.ts`, "team.access !== undefined ? team : { ...team, access }", "team", [
    `${PLAT}/component.test.ts`,
  ]),
  // Without the alias every part, and everything under it, is replaced on the move.
  m("platform/parts-not-aliased", `${PLAT}/component.ts`, "aliases: [{ parent: pulumi.rootStackResource }] }", "aliases: [] }", [
    `${PLAT}/component.test.ts`,
    ...MIGRATION,
  ]),
  // A pipeline with no registry would be dropped without a word.
  m("platform/pipeline-needs-no-registry", `${PLAT}/spec.ts`, "if (spec.pipeline && !spec.registry) {", "if (spec.pipeline && false) {", [
    `${PLAT}/spec.test.ts`,
  ]),
  // Children must inherit the old URN their parent matched, or a moved component loses its children.
  m("engine/alias-not-inherited", "packages/testing/src/aliases.ts", "if (!parentOld || !r.parent) return own;", "return own;", [
    "packages/testing/src/aliases.test.ts",
    ...MIGRATION,
  ]),
];

export const MUTANTS: readonly Mutant[] = [
  ...KNOWN,
  ...NAMING,
  ...TAGS_LOGS_CIDR,
  ...CATALOG_SPEC,
  ...NETWORK,
  ...SERVICE,
  ...ENGINE_POLICIES,
  ...DIFF,
  ...PIPELINE,
  ...REGISTRY,
  ...TRAINING,
  ...FEATURE_STORE,
  ...MONITORING,
  ...COST_AZURE,
  ...COST,
  ...PLATFORM,
];
