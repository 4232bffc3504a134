import { Certificate } from "@pulumi/aws/acm/certificate";
import type { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { getServiceAccount } from "@pulumi/aws/elb/getServiceAccount";
import { Listener } from "@pulumi/aws/lb/listener";
import { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import * as pulumi from "@pulumi/pulumi";
import { albAccessLogBucketPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { ServiceInputs } from "../contract";
import type { InferenceServicePlan } from "../plan";
import type { AwsInferenceService } from "./resources";
import { ACCESS_LOG_PREFIX, listenerSettings, SSL_POLICY, targetGroupSettings } from "./settings";

/** What the rest of the service needs from its load balancer, and what the escape hatch shows. */
export type AwsLoadBalancer = Pick<
  AwsInferenceService,
  "loadBalancer" | "targetGroup" | "listeners" | "certificate" | "certificateValidationRecords" | "accessLogs"
> & {
  /** The listener that forwards to the target group: HTTPS, or HTTP when TLS is off. */
  servingListener?: Listener;
};

/**
 * The Application Load Balancer in front of the instances: its access-log bucket, the load
 * balancer, the target group the Auto Scaling group registers into, the certificate and the
 * listeners. Its security group stays with the instances' (each names the other).
 */
export function provisionLoadBalancer(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  ctx: ProvisionContext,
  shared: {
    vpcId: pulumi.Input<string>;
    securityGroup: SecurityGroup;
    account: pulumi.Output<string>;
    /** The options of what outlives the stack in prod (logs). */
    keepOpts: pulumi.CustomResourceOptions;
  },
): AwsLoadBalancer {
  const { name } = plan;
  const o = plan.aws.overrides;
  const opts = ctx.opts;
  const tags = (extra: Record<string, string> = {}) => awsTags({ ...plan.tags, ...extra });
  const lbConfig = plan.loadBalancer;
  const { vpcId, account, keepOpts } = shared;
  const loadBalancerSecurityGroup = shared.securityGroup;

  // --- Access logs ----------------------------------------------------------------------------

  const accessLogs = lbConfig.accessLogs.enabled ? provisionAccessLogBucket(plan, ctx, account, keepOpts) : undefined;

  // --- Load balancer --------------------------------------------------------------------------

  const internal = lbConfig.scheme === "internal";
  const loadBalancer = new LoadBalancer(
    `${name}-lb`,
    withOverrides(
      {
        loadBalancerType: "application",
        internal,
        // Only the tier's own readiness: a public load balancer waits for the internet route, not NAT.
        subnets: internal ? inputs.network.subnetIds.private : inputs.network.subnetIds.public,
        securityGroups: [loadBalancerSecurityGroup.id],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: lbConfig.deletionProtection,
        idleTimeout: lbConfig.idleTimeoutSeconds,
        ...(accessLogs ? { accessLogs: { bucket: accessLogs.bucket.bucket, prefix: ACCESS_LOG_PREFIX, enabled: true } } : {}),
        tags: tags({ Name: `${name}-lb` }),
      },
      o,
      "loadBalancer",
    ),
    // The ALB test-writes to the bucket when access logs are switched on, and fails if the policy
    // that admits it is not there yet.
    accessLogs ? { ...opts, dependsOn: [accessLogs.policy] } : opts,
  );

  const targetGroup = new TargetGroup(
    `${name}-tg`,
    withOverrides(
      {
        vpcId,
        ...targetGroupSettings(plan),
        tags: tags({ Name: `${name}-tg` }),
      },
      o,
      "targetGroup",
    ),
    opts,
  );

  // --- Certificate and listeners --------------------------------------------------------------

  let certificate: Certificate | undefined;
  let certificateArn: pulumi.Input<string> | undefined;
  if (lbConfig.tls.mode === "managed") {
    // No validation resource: the domain's DNS lives elsewhere. ACM issues the certificate once the
    // records in `certificateValidationRecords` exist there; until then the HTTPS listener cannot
    // be created, and a second `pulumi up` completes it.
    certificate = new Certificate(
      `${name}-cert`,
      { domainName: lbConfig.tls.domain, validationMethod: "DNS", tags: tags({ Name: `${name}-cert` }) },
      opts,
    );
    certificateArn = certificate.arn;
  } else if (lbConfig.tls.mode === "certificate") {
    certificateArn = inputs.certificateId;
  }

  const listeners: AwsInferenceService["listeners"] = {};
  for (const l of listenerSettings(plan)) {
    const role = l.protocol === "HTTPS" ? "https" : "http";
    listeners[role] = new Listener(
      `${name}-${role}`,
      {
        loadBalancerArn: loadBalancer.arn,
        port: l.port,
        protocol: l.protocol,
        ...(l.protocol === "HTTPS" ? { sslPolicy: SSL_POLICY, certificateArn } : {}),
        defaultActions: l.redirectToHttps
          ? [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]
          : [{ type: "forward", targetGroupArn: targetGroup.arn }],
        tags: tags({ Name: `${name}-${role}` }),
      },
      opts,
    );
  }

  return {
    loadBalancer,
    targetGroup,
    listeners,
    servingListener: listeners.https ?? listeners.http,
    ...(certificate
      ? {
          certificate,
          certificateValidationRecords: certificate.domainValidationOptions.apply((options) =>
            (options ?? []).map((v) => ({
              name: v.resourceRecordName ?? "",
              type: v.resourceRecordType ?? "",
              value: v.resourceRecordValue ?? "",
            })),
          ),
        }
      : {}),
    ...(accessLogs ? { accessLogs } : {}),
  };
}

/** The S3 bucket the ALB writes its access logs to, locked down. */
function provisionAccessLogBucket(
  plan: InferenceServicePlan,
  ctx: ProvisionContext,
  account: pulumi.Output<string>,
  // The bucket's settings share its fate: a retained bucket must not lose its public access block
  // and policy when the stack is destroyed.
  keepOpts: pulumi.CustomResourceOptions,
): NonNullable<AwsInferenceService["accessLogs"]> {
  const name = `${plan.name}-lb-logs`;
  // The provider knows the Elastic Load Balancing account only for regions opened before August
  // 2022 and fails elsewhere; there the log delivery service principal alone writes the logs.
  const elbAccount = pulumi.output(
    getServiceAccount({}, { parent: ctx.parent }).then(
      (account) => account.arn,
      () => undefined,
    ),
  );

  const bucket = new Bucket(
    name,
    withOverrides(
      { bucket: plan.aws.accessLogBucketName, forceDestroy: false, tags: awsTags({ ...plan.tags, Name: name }) },
      plan.aws.overrides,
      "accessLogBucket",
    ),
    keepOpts,
  );
  const publicAccessBlock = new BucketPublicAccessBlock(
    name,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    keepOpts,
  );
  // ACLs off: the bucket owner owns every log object, whoever delivered it.
  const ownershipControls = new BucketOwnershipControls(
    name,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    keepOpts,
  );
  // ALB access logs can be delivered only to buckets encrypted with S3-managed keys (SSE-S3):
  // Elastic Load Balancing does not support KMS keys here, customer-managed or AWS-managed.
  const encryption = new BucketServerSideEncryptionConfiguration(
    name,
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    keepOpts,
  );
  const versioning = new BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, keepOpts);
  const lifecycle = new BucketLifecycleConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: {},
          expiration: { days: plan.loadBalancer.accessLogs.retentionDays },
          // Versioning keeps what is deleted or expired: a month to notice and undo a deletion.
          noncurrentVersionExpiration: { noncurrentDays: 30 },
        },
      ],
    },
    // Noncurrent-version rules presume versioning: set it first, as the provider documents.
    { ...keepOpts, dependsOn: [versioning] },
  );
  const policy = new BucketPolicy(
    name,
    {
      bucket: bucket.id,
      policy: pulumi
        .all([bucket.arn, account, elbAccount])
        .apply(([arn, acct, elbArn]) => JSON.stringify(albAccessLogBucketPolicy(arn, ACCESS_LOG_PREFIX, acct, elbArn))),
    },
    // S3 aborts a policy change that races a public access block change on the same bucket
    // ("OperationAborted: a conflicting conditional operation").
    { ...keepOpts, dependsOn: [publicAccessBlock] },
  );
  return { bucket, publicAccessBlock, ownershipControls, encryption, versioning, lifecycle, policy };
}
