import * as pulumi from "@pulumi/pulumi";
import { type CloudId, type Profile, resolveCloud, resolveProfile } from "./cloud";
import { SpecError } from "./errors";
import type { NameScope } from "./naming";
import { defaultTags, type Tags, tagProblems } from "./tags";

/** What every component resolves from the stack before planning: where, how, and under which names. */
export interface DeployContext {
  cloud: CloudId;
  profile: Profile;
  /** Project and stack: the scope of physical-name hashes. */
  scope: NameScope;
  /** Default tags merged with the spec's tags (the spec wins). */
  tags: Tags;
  /**
   * The region the cloud's provider is configured for (`aws:region`, `gcp:region`,
   * `azure-native:location`), when the stack sets it.
   */
  region: string | undefined;
}

/** The provider setting that holds each cloud's region. */
export const REGION_SETTING: Record<CloudId, { namespace: string; key: string }> = {
  aws: { namespace: "aws", key: "region" },
  gcp: { namespace: "gcp", key: "region" },
  azure: { namespace: "azure-native", key: "location" },
};

export function resolveContext(
  component: string,
  name: string,
  spec: { cloud?: CloudId | undefined; profile?: Profile | undefined; tags?: Tags | undefined },
): DeployContext {
  const scope = { project: pulumi.getProject(), stack: pulumi.getStack() };
  const cloud = resolveCloud(spec.cloud);
  const setting = REGION_SETTING[cloud];
  const tags = { ...defaultTags({ component, name, ...scope }), ...spec.tags };
  // The tag limits are the chosen cloud's, so they are checked once the cloud is known.
  const problems = tagProblems(cloud, tags, Object.keys(spec.tags ?? {}));
  if (problems.length > 0)
    throw new SpecError(
      component,
      name,
      problems.map((message) => ({ path: "tags", message })),
    );
  return {
    cloud,
    region: new pulumi.Config(setting.namespace).get(setting.key),
    profile: resolveProfile(spec.profile),
    scope,
    tags,
  };
}
