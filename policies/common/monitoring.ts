import type { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { reportAdvisory } from "./rule";
import { describe, isProdStack } from "./stack";

/** The SLO alerts a service must have, each notifying someone. */
export const REQUIRED_SLO_ALERTS = ["availability", "latency"] as const;
export type RequiredSloAlert = (typeof REQUIRED_SLO_ALERTS)[number];

/** The resources an alert of `kind` watches, and whether it notifies someone, in one cloud's terms. */
export interface SloAlertFinder {
  /** The resource of a service whose metrics alerts are keyed by (ALB, backend service, gateway). */
  isServiceFrontend(r: PolicyResource): boolean;
  /** Alerts of `kind` on that frontend. */
  alertsOn(frontend: PolicyResource, kind: RequiredSloAlert, resources: PolicyResource[]): PolicyResource[];
  /** Whether the alert reaches a person or a webhook. */
  notifies(alert: PolicyResource, resources: PolicyResource[]): boolean;
}

/** True when `r` was computed from `target` (any property, or any dependency). */
export function dependsOn(r: PolicyResource, target: PolicyResource): boolean {
  return (
    r.dependencies.some((d) => d.urn === target.urn) ||
    Object.values(r.propertyDependencies).some((ds) => ds.some((d) => d.urn === target.urn))
  );
}

/**
 * Every InferenceService in the stack has availability and latency alerts that notify someone:
 * mandatory in production stacks, advisory elsewhere (a dev stack may run unwatched).
 */
export function checkServiceSloAlerts(args: StackValidationArgs, report: ReportViolation, finder: SloAlertFinder): void {
  const prod = isProdStack();
  const say = (message: string, urn: string) => (prod ? report(message, urn) : reportAdvisory(report, message, urn));
  for (const service of args.resources.filter((r) => r.type === "mlops:index:InferenceService")) {
    const frontend = args.resources.find((r) => r.parent?.urn === service.urn && finder.isServiceFrontend(r));
    if (!frontend) continue;
    for (const kind of REQUIRED_SLO_ALERTS) {
      const alerts = finder.alertsOn(frontend, kind, args.resources);
      if (alerts.length === 0) {
        say(`${describe(service)} has no ${kind} alert: watch it with a MonitoringStack (services: [api.info]).`, service.urn);
      } else if (!alerts.some((a) => finder.notifies(a, args.resources))) {
        say(
          `${describe(service)} has ${kind} alerts that notify nobody: give the MonitoringStack notifications (emails or webhooks).`,
          service.urn,
        );
      }
    }
  }
}
