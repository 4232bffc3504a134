import { redactSecrets } from "./secrets";

/** One problem with a spec: where (a dotted field path) and what. */
export interface SpecIssue {
  /** Dotted path of the field, e.g. `scaling.min`; empty for the spec as a whole. */
  path: string;
  message: string;
}

/**
 * A spec the user wrote is invalid. Thrown before any resource is registered. The message names
 * the component, its name and each field: `MlopsVpc "core": cidr ("10.0.0.0/33") is not ...`.
 */
export class SpecError extends Error {
  override name = "SpecError";
  /** The message as first written (Pulumi may prefix `message` when it re-throws). */
  readonly summary: string;

  constructor(
    readonly component: string,
    readonly resourceName: string,
    readonly issues: readonly SpecIssue[],
  ) {
    const where = `${component} ${JSON.stringify(String(resourceName))}`;
    const line = (i: SpecIssue) => (i.path ? `${i.path} ${i.message}` : i.message);
    const summary =
      issues.length === 1 && issues[0]
        ? `${where}: ${line(issues[0])}`
        : `${where} has ${issues.length} problems:\n${issues.map((i) => `  - ${line(i)}`).join("\n")}`;
    // Values are shown masked where the spec knew them secret; this catches a secure config value
    // the program read as plain text.
    const safe = redactSecrets(summary);
    super(safe);
    this.summary = safe;
  }
}

/**
 * The chosen cloud has no equivalent for what the spec asks. Names the component, the cloud and
 * the field, and says what the cloud lacks.
 */
export class UnsupportedError extends Error {
  override name = "UnsupportedError";
  readonly summary: string;

  constructor(component: string, resourceName: string, cloud: string, field: string, reason: string) {
    const summary = redactSecrets(`${component} ${JSON.stringify(resourceName)}: ${field} is not supported on ${cloud}: ${reason}`);
    super(summary);
    this.summary = summary;
  }
}

/** Stack configuration that the library reads (`mlops:cloud`, `mlops:profile`, ...) is wrong. */
export class CloudConfigError extends Error {
  override name = "CloudConfigError";
}

/** The chosen cloud's Pulumi SDK is not installed. */
export class MissingSdkError extends Error {
  override name = "MissingSdkError";
}
