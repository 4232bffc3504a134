import type { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { reportAdvisory } from "./rule";
import { describe, stackConfig } from "./stack";

// The check behind each cloud's `mlops-<cloud>-kubernetes-team-namespaces` rule: what a team
// namespace of a TrainingCluster must have, the same on every cloud.

const NAMESPACE = "kubernetes:core/v1:Namespace";
const QUOTA = "kubernetes:core/v1:ResourceQuota";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
/** Pod Security Admission levels that refuse privileged pods (Kubernetes "Pod Security Standards"). */
const NO_PRIVILEGED = ["baseline", "restricted"];

type Props = Record<string, unknown>;
const obj = (v: unknown): Props => (typeof v === "object" && v !== null ? (v as Props) : {});

function inNamespace(resources: PolicyResource[], type: string, ns: string): Props[] {
  return resources.filter((r) => r.type === type && obj(r.props.metadata).namespace === ns).map((r) => r.props);
}

function isDefaultDeny(p: Props): boolean {
  const spec = obj(p.spec);
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  const selectsAll = Object.keys(obj(spec.podSelector)).length === 0;
  return selectsAll && types.includes("Ingress") && types.includes("Egress") && spec.ingress === undefined && spec.egress === undefined;
}

/**
 * Each team namespace (labelled `mlops-kit/team`) refuses privileged pods through Pod Security
 * Admission, has a ResourceQuota on GPU requests and a default-deny NetworkPolicy.
 */
export function checkTeamNamespaces(cloud: string, args: StackValidationArgs, report: ReportViolation): void {
  if (stackConfig("mlops:cloud") !== undefined && stackConfig("mlops:cloud") !== cloud) args.notApplicable(`not a ${cloud} stack`);
  const namespaces = args.resources.filter(
    (r) => r.type === NAMESPACE && obj(obj(r.props.metadata).labels)["mlops-kit/team"] !== undefined,
  );
  for (const r of namespaces) {
    const meta = obj(r.props.metadata);
    const name = meta.name;
    if (typeof name !== "string") {
      reportAdvisory(report, `${describe(r)}: its name is not known in this preview, so its quota and policies cannot be checked.`, r.urn);
      continue;
    }
    const problems: string[] = [];
    const level = obj(meta.labels)["pod-security.kubernetes.io/enforce"];
    if (!NO_PRIVILEGED.includes(String(level)))
      problems.push(`pod-security.kubernetes.io/enforce is ${String(level ?? "not set")} (privileged pods allowed)`);
    const quotas = inNamespace(args.resources, QUOTA, name);
    if (!quotas.some((q) => obj(obj(q.spec).hard)["requests.nvidia.com/gpu"] !== undefined))
      problems.push("no ResourceQuota on requests.nvidia.com/gpu");
    if (!inNamespace(args.resources, NETWORK_POLICY, name).some(isDefaultDeny)) problems.push("no default-deny NetworkPolicy");
    if (problems.length > 0) report(`team namespace "${name}": ${problems.join("; ")}.`, r.urn);
  }
}

export const TEAM_NAMESPACES_DEFINITION = {
  description: "Team namespaces of a training cluster refuse privileged pods and have a GPU quota and a default-deny NetworkPolicy.",
  severity: "high" as const,
  frameworks: { nist: ["AC-6", "SC-7", "CM-7"] },
  remediation: [
    'Label the namespace pod-security.kubernetes.io/enforce: "baseline" (or "restricted").',
    "Add a ResourceQuota whose spec.hard limits requests.nvidia.com/gpu, and a NetworkPolicy selecting every pod with policyTypes Ingress and Egress and no rules; TrainingCluster creates all three per team.",
  ],
};
