import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidation,
  ResourceValidationPolicy,
  Severity,
  StackValidation,
  StackValidationPolicy,
} from "@pulumi/policy";

export type Cloud = "aws" | "gcp" | "azure";

/** Control ids a rule helps satisfy, per framework. Only frameworks with a matching control are listed. */
export interface Frameworks {
  /** CIS Benchmarks: "AWS 3.0 5.4", "GCP 2.0 3.8", "Azure 2.1 3.1". */
  cis?: string[];
  /** NIST SP 800-53 Rev. 5 controls: "SC-7", "AU-12". */
  nist?: string[];
  /** PCI DSS 4.0 requirements: "1.3.1". */
  pci?: string[];
}

/** What a rule carries besides the Pulumi policy fields. */
export interface RuleMetadata {
  severity: Severity;
  cloud: Cloud;
  /** The service part of the rule name (`ec2`, `storage`, `network`). */
  service: string;
  frameworks: Frameworks;
  /** Steps that make a failing resource comply, in order. */
  remediation: string[];
}

export type MlopsResourcePolicy = ResourceValidationPolicy & { metadata: RuleMetadata };
export type MlopsStackPolicy = StackValidationPolicy & { metadata: RuleMetadata };
export type MlopsPolicy = MlopsResourcePolicy | MlopsStackPolicy;

interface RuleDefinition {
  /** `mlops-<cloud>-<service>-<check>`. */
  name: string;
  description: string;
  severity: Severity;
  frameworks?: Frameworks;
  remediation: string[];
  /** Overrides the level that follows from the severity. */
  enforcementLevel?: EnforcementLevel;
  configSchema?: PolicyConfigSchema;
}

const NAME = /^mlops-(aws|gcp|azure)-([a-z0-9]+)-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Critical and high findings block a deployment; medium and low ones are reported. */
export function enforcementFor(severity: Severity): EnforcementLevel {
  return severity === "critical" || severity === "high" ? "mandatory" : "advisory";
}

function base(def: RuleDefinition) {
  const m = NAME.exec(def.name);
  if (!m) throw new Error(`policy name "${def.name}" must be mlops-<aws|gcp|azure>-<service>-<check>`);
  const cloud = m[1] as Cloud;
  const service = m[2] as string;
  return {
    name: def.name,
    description: def.description,
    enforcementLevel: def.enforcementLevel ?? enforcementFor(def.severity),
    severity: def.severity,
    remediationSteps: def.remediation.map((step, i) => `${i + 1}. ${step}`).join("\n"),
    tags: [cloud, service],
    ...(def.configSchema ? { configSchema: def.configSchema } : {}),
    metadata: { severity: def.severity, cloud, service, frameworks: def.frameworks ?? {}, remediation: def.remediation },
  };
}

/** A rule checked on each resource as it is registered. */
export function resourceRule(def: RuleDefinition & { validateResource: ResourceValidation | ResourceValidation[] }): MlopsResourcePolicy {
  return { ...base(def), validateResource: def.validateResource };
}

/** A rule checked once on the whole stack, for relations between resources. */
export function stackRule(def: RuleDefinition & { validateStack: StackValidation }): MlopsStackPolicy {
  return { ...base(def), validateStack: def.validateStack };
}

/**
 * Reports a finding at the advisory level whatever the rule's level: for what the rule cannot
 * decide from what the engine shows it. @pulumi/policy accepts an object in place of the message
 * and takes `enforcementLevel` from it (server.js, makeReportViolationFun); its typings list only
 * the string form.
 */
export function reportAdvisory(report: ReportViolation, message: string, urn?: string): void {
  const reportObject = report as unknown as (v: { message: string; urn?: string; enforcementLevel: EnforcementLevel }) => void;
  reportObject({ message, ...(urn ? { urn } : {}), enforcementLevel: "advisory" });
}
