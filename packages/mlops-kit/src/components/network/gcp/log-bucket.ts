import { ProjectBucketConfig, type ProjectBucketConfigArgs } from "@pulumi/gcp/logging/projectBucketConfig";
import { ProjectExclusion, type ProjectExclusionArgs } from "@pulumi/gcp/logging/projectExclusion";
import { ProjectSink, type ProjectSinkArgs } from "@pulumi/gcp/logging/projectSink";
import * as pulumi from "@pulumi/pulumi";

/** What a component routes to a log bucket of its own. */
export interface LogBucketRequest {
  /** Logical name of the bucket (`<name>-flow-logs`); the sink is `<base>-sink`. */
  base: string;
  project: pulumi.Input<string>;
  /** The bucket id without its suffix (the plan's). */
  bucketIdPrefix: string;
  /**
   * An identifier the server assigned, at creation, to the resource whose logs these are (the
   * network's `networkId`, the backend service's `generatedId`): fixed while it lives, new after
   * `destroy` + `up`.
   */
  suffix: pulumi.Input<string>;
  retentionDays: number;
  /** What the logs are, for descriptions ("VPC flow logs of core"). */
  what: string;
  /** The logs to route (a Logging query). */
  filter: pulumi.Input<string>;
  /** The sink's and the `_Default` exclusion's names. */
  sinkName: string;
  exclusionName: string;
  /** Keep the bucket when the stack is destroyed (audit data in prod). */
  retain: boolean;
  /** Merge the spec's overrides over each child's arguments. */
  bucketArgs: (a: ProjectBucketConfigArgs) => ProjectBucketConfigArgs;
  sinkArgs: (a: ProjectSinkArgs) => ProjectSinkArgs;
  exclusionArgs: (a: ProjectExclusionArgs) => ProjectExclusionArgs;
  opts: pulumi.CustomResourceOptions;
}

export interface LogBucket {
  bucket: ProjectBucketConfig;
  sink: ProjectSink;
  /** Keeps these logs out of the `_Default` bucket, so they are stored (and paid for) once. */
  exclusion: ProjectExclusion;
}

/**
 * A log bucket that keeps some of the project's logs for the plan's retention (the `_Default`
 * bucket keeps 30 days whatever we ask), the sink that routes them there, and an exclusion on the
 * `_Default` sink so that they do not land there as well. Shared by the network's flow logs and the
 * load balancer's request logs.
 *
 * Bucket ids: a deleted log bucket stays DELETE_REQUESTED for 7 days and its id cannot be reused
 * meanwhile ("Delete a bucket", Cloud Logging docs), so the id ends in the numeric id GCP gave the
 * logged resource when it was created, kept in state: `destroy` + `up` in dev recreates that
 * resource, so the new bucket gets a new id instead of failing for a week. (A random suffix would
 * need `@pulumi/random`, not a dependency, or a dynamic provider, whose closure serialization
 * slows every program and writes Node warnings.)
 */
export function logBucketWithSink(r: LogBucketRequest): LogBucket {
  const bucket = new ProjectBucketConfig(
    r.base,
    r.bucketArgs({
      project: r.project,
      bucketId: pulumi.interpolate`${r.bucketIdPrefix}-${r.suffix}`,
      location: "global",
      retentionDays: r.retentionDays,
      description: r.what,
    }),
    { ...r.opts, retainOnDelete: r.retain },
  );
  // A sink into a log bucket of its own project needs no IAM grant for its writer identity.
  const sink = new ProjectSink(
    `${r.base}-sink`,
    r.sinkArgs({
      project: r.project,
      name: r.sinkName,
      description: `Route the ${r.what} to their own bucket`,
      destination: pulumi.interpolate`logging.googleapis.com/projects/${bucket.project}/locations/${bucket.location}/buckets/${bucket.bucketId}`,
      filter: r.filter,
    }),
    r.opts,
  );
  // A project exclusion applies to the `_Default` sink only; our own sink still receives them.
  const exclusion = new ProjectExclusion(
    `${r.base}-exclusion`,
    r.exclusionArgs({
      project: r.project,
      name: r.exclusionName,
      description: `Keep the ${r.what} out of the _Default bucket: they are kept in their own`,
      filter: r.filter,
    }),
    // Only once the sink routes them, so no log is lost in between.
    { ...r.opts, dependsOn: [sink] },
  );
  return { bucket, sink, exclusion };
}
