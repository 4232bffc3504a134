import type { Profile } from "../../core/cloud";

/** What `mlops:profile` sets for a ModelRegistry when the spec leaves a field unset. */
export const REGISTRY_PROFILE_DEFAULTS: Record<
  Profile,
  { noncurrentVersionDays: number; untaggedExpiryDays: number; deletionProtection: boolean; retain: boolean }
> = {
  dev: { noncurrentVersionDays: 30, untaggedExpiryDays: 14, deletionProtection: false, retain: false },
  prod: { noncurrentVersionDays: 365, untaggedExpiryDays: 90, deletionProtection: true, retain: true },
};
