/** One finding of the check, told against the Pulumi resource it concerns. */
export interface TerraformDiagnostic {
  severity: "error" | "warning";
  /**
   * Which step found it: `convert` (a property the conversion cannot map to the provider's schema),
   * `pulumi` (pulumi-aws's own auto-naming, which runs before the provider) or `terraform` (the
   * provider's schema validators and plan-time checks).
   */
  stage: "convert" | "pulumi" | "terraform";
  /** The Pulumi resource, when the diagnostic concerns one. */
  urn?: string;
  /** Its Pulumi type token, e.g. `aws:lb/loadBalancer:LoadBalancer`. */
  type?: string;
  /** The Pulumi property path, e.g. `accessLogs.bucket` or `name` (for an auto-name). */
  property?: string;
  /** The terraform resource address and attribute path, e.g. `aws_lb.model-api-lb` and `access_logs.bucket`. */
  terraformAddress?: string;
  terraformAttribute?: string;
  summary: string;
  detail: string;
}

/** One line per diagnostic: `error aws:lb/loadBalancer:LoadBalancer model-api-lb name: <summary>: <detail>`. */
export function formatDiagnostic(d: TerraformDiagnostic): string {
  const name = d.urn ? d.urn.slice(d.urn.lastIndexOf("::") + 2) : "";
  const where = [d.type, name].filter(Boolean).join(" ");
  const detail = d.detail ? `: ${d.detail.replace(/\s*\n\s*/g, " ")}` : "";
  return `${d.severity} [${d.stage}] ${where}${d.property ? ` ${d.property}` : ""}: ${d.summary}${detail}`;
}
