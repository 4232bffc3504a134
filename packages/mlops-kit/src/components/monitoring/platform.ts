import type { CloudId, Profile } from "../../core/cloud";
import { SpecError, type SpecIssue } from "../../core/errors";
import type { KnownFeatureStore } from "../feature-store/ref";
import type { KnownCluster } from "../training-cluster/ref";
import { PLATFORM_PROFILE_DEFAULTS, type PlannedCluster, type PlannedFeatureStore, type PlatformThresholds, TYPE } from "./slo";
import type { PlatformAlertsSpec } from "./spec";

// The neutral decisions about training clusters and feature stores: which are watched, under which
// thresholds. Each cloud's part decides which of the signals it can alert on.

/** The thresholds: the profile's, then what the spec sets. */
export function platformThresholds(profile: Profile, spec: PlatformAlertsSpec | undefined): PlatformThresholds {
  const set = Object.fromEntries(Object.entries(spec ?? {}).filter(([, v]) => v !== undefined));
  return { ...PLATFORM_PROFILE_DEFAULTS[profile], ...set };
}

/** Clusters and stores must be on this stack's cloud and watched once each. */
export function planPlatform(
  name: string,
  cloud: CloudId,
  clusters: KnownCluster[],
  stores: KnownFeatureStore[],
): { clusters: PlannedCluster[]; featureStores: PlannedFeatureStore[] } {
  const issues = [
    ...componentIssues("training", "TrainingCluster", cloud, clusters),
    ...componentIssues("featureStores", "FeatureStore", cloud, stores),
  ];
  if (issues.length > 0) throw new SpecError(TYPE, name, issues);
  return {
    clusters: clusters.map((c, index) => ({ index, name: c.name })),
    featureStores: stores.map((s, index) => ({ index, name: s.name, onlineGroups: [...s.onlineGroups] })),
  };
}

function componentIssues(field: string, kind: string, cloud: CloudId, known: { cloud: CloudId; name: string }[]): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const seen = new Map<string, number>();
  known.forEach((k, i) => {
    if (k.cloud !== cloud)
      issues.push({ path: `${field}.${i}`, message: `is ${kind} "${k.name}" on ${k.cloud}; this stack is on ${cloud}` });
    const first = seen.get(k.name);
    if (first !== undefined) issues.push({ path: `${field}.${i}`, message: `watches ${kind} "${k.name}" again (${field}.${first})` });
    else seen.set(k.name, i);
  });
  return issues;
}
