import * as pulumi from "@pulumi/pulumi";
import { CloudConfigError, MissingSdkError } from "./errors";

/** The clouds mlops-kit provisions on. */
export const Cloud = {
  aws: "aws",
  gcp: "gcp",
  azure: "azure",
} as const;
// The type shares the constant's name: Pulumi's schema inference reads that pair as an enum.
export type Cloud = (typeof Cloud)[keyof typeof Cloud];
/** A cloud's id; the same type as {@link Cloud}. */
export type CloudId = Cloud;
export const CLOUD_IDS: readonly CloudId[] = Object.values(Cloud);

/**
 * Picks the value for `cloud` from one entry per cloud. Plans branch by cloud through this (never an
 * `if`/ternary chain), so adding a cloud to {@link Cloud} is a compile error at every branch instead
 * of a silent fall-through to whichever cloud a chain ends with.
 */
export function byCloud<T>(cloud: CloudId, choices: { readonly [C in CloudId]: T }): T {
  switch (cloud) {
    case Cloud.aws:
      return choices.aws;
    case Cloud.gcp:
      return choices.gcp;
    case Cloud.azure:
      return choices.azure;
    default:
      return assertNever(cloud, "cloud");
  }
}

/** Ends a `switch` that must handle every case: the compiler refuses it while a case is missing. */
export function assertNever(value: never, what: string): never {
  // Reached only from JavaScript callers or a value that bypassed the types (a stray config string).
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

/** Profiles set defaults for availability, retention and safety; every spec field can override them. */
export const Profile = {
  dev: "dev",
  prod: "prod",
} as const;
export type Profile = (typeof Profile)[keyof typeof Profile];
export const PROFILES: readonly Profile[] = Object.values(Profile);

/** The npm package that holds each cloud's Pulumi SDK. */
export const SDK_PACKAGE: Record<CloudId, string> = {
  aws: "@pulumi/aws",
  gcp: "@pulumi/gcp",
  azure: "@pulumi/azure-native",
};

/**
 * The cloud a component runs on: its spec's `cloud`, else the stack's `mlops:cloud` setting.
 * Config is read at construction time, never at module load, so one process can plan many stacks.
 */
export function resolveCloud(specCloud: CloudId | undefined): CloudId {
  if (specCloud !== undefined) return specCloud;
  const value = new pulumi.Config("mlops").get("cloud");
  if (value === undefined) {
    throw new CloudConfigError(
      `the stack setting mlops:cloud is not set; set it to one of ${CLOUD_IDS.join(", ")} ` +
        "(pulumi config set mlops:cloud aws), or give the component a `cloud`",
    );
  }
  if (!(CLOUD_IDS as readonly string[]).includes(value)) {
    throw new CloudConfigError(`the stack setting mlops:cloud is "${value}"; it must be one of ${CLOUD_IDS.join(", ")}`);
  }
  return value as CloudId;
}

/** The profile: the spec's `profile`, else `mlops:profile`, else `dev`. */
export function resolveProfile(specProfile: Profile | undefined): Profile {
  if (specProfile !== undefined) return specProfile;
  const value = new pulumi.Config("mlops").get("profile");
  if (value === undefined) return Profile.dev;
  if (!(PROFILES as readonly string[]).includes(value)) {
    throw new CloudConfigError(`the stack setting mlops:profile is "${value}"; it must be one of ${PROFILES.join(", ")}`);
  }
  return value as Profile;
}

/**
 * Loads one cloud's backend on demand. Backends import their cloud's SDK, so loading only the
 * chosen one keeps other clouds' SDKs out of the process (and lets them be uninstalled).
 */
export function loadBackend<B>(loaders: Record<CloudId, () => B>, cloud: CloudId): B {
  try {
    return loaders[cloud]();
  } catch (err) {
    const missing =
      (err as { code?: string }).code === "MODULE_NOT_FOUND" && String((err as Error).message).includes(`'${SDK_PACKAGE[cloud]}`);
    if (missing) {
      throw new MissingSdkError(
        `mlops:cloud is "${cloud}" but ${SDK_PACKAGE[cloud]} is not installed; run: npm install ${SDK_PACKAGE[cloud]}`,
      );
    }
    throw err;
  }
}
