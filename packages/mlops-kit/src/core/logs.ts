/** Retention periods CloudWatch Logs accepts (PutRetentionPolicy API reference). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The shortest retention CloudWatch accepts that keeps logs at least `days`. */
export function cloudwatchRetentionDays(days: number): number {
  return CLOUDWATCH_RETENTION_DAYS.find((d) => d >= days) ?? 3653;
}

/** GCP log buckets keep logs for at most this many days. */
export const GCP_MAX_LOG_RETENTION_DAYS = 3650;

/** Log Analytics workspaces keep data 30–730 days (interactive retention). */
export const LOG_ANALYTICS_RETENTION_DAYS = { min: 30, max: 730 } as const;

/** Waiting period before a scheduled KMS key deletion takes effect: short in dev, the maximum in prod. */
export function keyDeletionWindowDays(profile: "dev" | "prod"): number {
  return profile === "prod" ? 30 : 7;
}
