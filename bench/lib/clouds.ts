/** The clouds benchmarked, their SDK packages, and the goals from the benchmark's brief. */
export const CLOUDS = ["aws", "gcp", "azure"] as const;
export type Cloud = (typeof CLOUDS)[number];
export const SDK: Record<Cloud, string> = { aws: "@pulumi/aws", gcp: "@pulumi/gcp", azure: "@pulumi/azure-native" };

/** Goals from the benchmark's brief. */
export const GOALS = {
  programRatio: 1.15,
  otherCloudModules: 0,
  scalingExponent: 1.05,
  criticalPathRatio: 1.3,
} as const;
