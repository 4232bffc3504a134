import { Certificate } from "@pulumi/aws/acm/certificate";
import { Group, type GroupArgs } from "@pulumi/aws/autoscaling/group";
import { Policy } from "@pulumi/aws/autoscaling/policy";
// The class's own module: the cloudwatch index also loads its event mixins, and with them Lambda.
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { LaunchTemplate, type LaunchTemplateArgs } from "@pulumi/aws/ec2/launchTemplate";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { getServiceAccount } from "@pulumi/aws/elb/getServiceAccount";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { InstanceProfile } from "@pulumi/aws/iam/instanceProfile";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { Key } from "@pulumi/aws/kms/key";
import { Listener } from "@pulumi/aws/lb/listener";
import { LoadBalancer, type LoadBalancerArgs } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup, type TargetGroupArgs } from "@pulumi/aws/lb/targetGroup";
import { Bucket, type BucketArgs } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import { getParameterOutput } from "@pulumi/aws/ssm/getParameter";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import * as pulumi from "@pulumi/pulumi";
import {
  albAccessLogBucketPolicy,
  autoScalingServiceRoleArn,
  ecrPullStatements,
  logsKeyPolicy,
  serviceTrustPolicy,
} from "../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../core/backend";
import { awsTags } from "../../core/tags";
import { parseImage, renderUserData } from "./aws-boot";
import {
  ACCESS_LOG_PREFIX,
  AMI_PARAMETER,
  instanceRefresh,
  listenerPorts,
  listenerSettings,
  ROOT_DEVICE,
  SSL_POLICY,
  spotDistribution,
  targetGroupSettings,
  targetTracking,
} from "./aws-settings";
import type { ServiceInputs, ServiceResult } from "./component";
import type { InferenceServicePlan } from "./plan";

/** The AWS resources of an InferenceService. */
export interface AwsInferenceService {
  /** Encrypts the instances' volumes and the container log group; rotates yearly. */
  key: Key;
  /** The container's stdout/stderr, one stream per instance. */
  logGroup: LogGroup;
  instanceRole: Role;
  instanceProfile: InstanceProfile;
  instanceSecurityGroup: SecurityGroup;
  loadBalancerSecurityGroup: SecurityGroup;
  launchTemplate: LaunchTemplate;
  autoScalingGroup: Group;
  loadBalancer: LoadBalancer;
  targetGroup: TargetGroup;
  /** `https` on 443 unless TLS is off; `http` on 80 redirects to it, or serves directly when TLS is off. */
  listeners: { https?: Listener; http?: Listener };
  /**
   * The ACM certificate for `loadBalancer.tls.domain`. It is issued only once the CNAME records in
   * `certificateValidationRecords` exist in the domain's DNS, which this component does not manage.
   */
  certificate?: Certificate;
  /** The DNS records that prove ownership of the domain to ACM: create them where the domain is hosted. */
  certificateValidationRecords?: pulumi.Output<{ name: string; type: string; value: string }[]>;
  /** The load balancer's access logs; absent when they are off. */
  accessLogs?: {
    bucket: Bucket;
    publicAccessBlock: BucketPublicAccessBlock;
    ownershipControls: BucketOwnershipControls;
    encryption: BucketServerSideEncryptionConfiguration;
    versioning: BucketVersioning;
    lifecycle: BucketLifecycleConfiguration;
    policy: BucketPolicy;
  };
  scalingPolicies: { cpu: Policy; requests?: Policy };
}

export function provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult {
  const { name } = plan;
  const o = plan.aws.overrides;
  const opts = ctx.opts;
  const tags = (extra: Record<string, string> = {}) => awsTags({ ...plan.tags, ...extra });
  const invokeOpts = { parent: ctx.parent };
  const account = getCallerIdentityOutput({}, invokeOpts).accountId;
  const partition = getPartitionOutput({}, invokeOpts);
  const region = getRegionOutput({}, invokeOpts).region;
  const lbConfig = plan.loadBalancer;
  const port = plan.container.port;
  // Logs are audit records: in prod they, and the key that decrypts them, outlive the stack.
  const keepOpts = { ...opts, retainOnDelete: plan.retainLogs };
  const image = pulumi.output(inputs.image).apply(parseImage);

  // --- Encryption key: EBS volumes and the container log group ---------------------------------

  // Auto Scaling launches instances as its service-linked role, so that role must be allowed to use
  // the key, or every launch with an encrypted volume fails ("Client.InternalError").
  const autoScalingRole = pulumi.all([partition.partition, account]).apply(([part, acct]) => autoScalingServiceRoleArn(part, acct));
  const key = new Key(
    `${name}-key`,
    {
      description: `Encrypts the volumes and container logs of inference service ${name}`,
      enableKeyRotation: true,
      deletionWindowInDays: plan.aws.keyDeletionWindowDays,
      policy: pulumi
        .all([account, partition.partition, partition.dnsSuffix, region, autoScalingRole])
        .apply(([acct, part, dnsSuffix, reg, asgRole]) =>
          JSON.stringify(logsKeyPolicy({ account: acct, partition: part, dnsSuffix, region: reg }, { autoScalingRoleArn: asgRole })),
        ),
      tags: tags({ Name: `${name}-key` }),
    },
    keepOpts,
  );

  const logGroup = new LogGroup(
    `${name}-logs`,
    withOverrides(
      {
        retentionInDays: plan.aws.logRetentionDays,
        kmsKeyId: key.arn,
        deletionProtectionEnabled: plan.retainLogs,
        tags: tags({ Name: `${name}-logs` }),
      },
      o,
      "logGroup",
    ),
    keepOpts,
  );

  // --- Instance identity: pull the image, write logs, be reachable by Session Manager ----------

  const instanceRole = new Role(
    `${name}-instance`,
    withOverrides(
      {
        description: `Instances of inference service ${name}`,
        assumeRolePolicy: partition.dnsSuffix.apply((dnsSuffix) => JSON.stringify(serviceTrustPolicy(`ec2.${dnsSuffix}`))),
        tags: tags({ Name: `${name}-instance` }),
      },
      o,
      "instanceRole",
    ),
    opts,
  );
  // Shell access without SSH keys or open ports, through Systems Manager.
  const sessionManager = new RolePolicyAttachment(
    `${name}-instance-ssm`,
    { role: instanceRole.name, policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore` },
    opts,
  );
  const instancePolicy = new RolePolicy(
    `${name}-instance`,
    {
      role: instanceRole.id,
      policy: pulumi.all([image, logGroup.arn, partition.partition]).apply(([img, logGroupArn, part]) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            ...(img.ecr ? ecrPullStatements(part, img.ecr) : []),
            {
              Sid: "ContainerLogs",
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `${logGroupArn}:log-stream:*`,
            },
          ],
        }),
      ),
    },
    opts,
  );
  const instanceProfile = new InstanceProfile(
    `${name}-instance`,
    { role: instanceRole.name, tags: tags({ Name: `${name}-instance` }) },
    opts,
  );

  // --- Security groups -------------------------------------------------------------------------

  // The two groups refer to each other (the load balancer may reach the instances, and only it):
  // the instance group takes standalone rules, created after both groups exist, and the load
  // balancer group keeps inline rules. Each group uses one style only, so neither fights the other.
  const vpcId = inputs.network.field("networkId");
  const instanceSecurityGroup = new SecurityGroup(
    `${name}-instance`,
    withOverrides(
      {
        vpcId,
        description: `Inference service ${name}: instances, reachable from the load balancer only`,
        tags: tags({ Name: `${name}-instance` }),
      },
      o,
      "instanceSecurityGroup",
    ),
    opts,
  );
  const loadBalancerSecurityGroup = new SecurityGroup(
    `${name}-lb`,
    withOverrides(
      {
        vpcId,
        description: `Inference service ${name}: load balancer, open to the allowed client ranges on its listener ports`,
        ingress: listenerPorts(plan).map((p) => ({
          protocol: "tcp",
          fromPort: p,
          toPort: p,
          cidrBlocks: inputs.allowedCidrs,
          description: p === 443 ? "HTTPS from allowed clients" : "HTTP from allowed clients",
        })),
        // Requests and health checks go to the instances, nowhere else.
        egress: [
          {
            protocol: "tcp",
            fromPort: port,
            toPort: port,
            securityGroups: [instanceSecurityGroup.id],
            description: "To the model server",
          },
        ],
        tags: tags({ Name: `${name}-lb` }),
      },
      o,
      "loadBalancerSecurityGroup",
    ),
    opts,
  );
  new SecurityGroupIngressRule(
    `${name}-instance-from-lb`,
    {
      securityGroupId: instanceSecurityGroup.id,
      referencedSecurityGroupId: loadBalancerSecurityGroup.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: "Requests and health checks from the load balancer",
      tags: tags({ Name: `${name}-instance-from-lb` }),
    },
    opts,
  );
  // Image layers, CloudWatch Logs, Systems Manager and the package repositories all speak HTTPS,
  // through NAT or the network's endpoints. DNS (the VPC resolver), NTP (Amazon Time Sync) and
  // instance metadata are link-local services that security groups do not filter.
  new SecurityGroupEgressRule(
    `${name}-instance-https-out`,
    {
      securityGroupId: instanceSecurityGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS to AWS APIs and registries",
      tags: tags({ Name: `${name}-instance-https-out` }),
    },
    opts,
  );

  // --- Launch template ------------------------------------------------------------------------

  // Read at every deployment: when AWS publishes a newer AMI, the next `pulumi up` makes a new
  // template version and the group rolls onto it. A public AMI id is no secret; unmarking it keeps
  // the change visible in previews.
  const amiId = pulumi.unsecret(getParameterOutput({ name: plan.compute.gpu ? AMI_PARAMETER.gpu : AMI_PARAMETER.cpu }, invokeOpts).value);
  const userData = pulumi
    .all([image, region, logGroup.name, pulumi.output(inputs.env)])
    .apply(([img, reg, group, env]) =>
      Buffer.from(renderUserData(plan, { image: img, region: reg, logGroup: group, env: Object.entries(env) }), "utf8").toString("base64"),
    );
  const instanceTags = tags({ Name: name });
  const launchTemplate = new LaunchTemplate(
    `${name}-lt`,
    withOverrides<LaunchTemplateArgs>(
      {
        description: `Inference service ${name}`,
        imageId: amiId,
        instanceType: plan.compute.machineType,
        iamInstanceProfile: { arn: instanceProfile.arn },
        // IMDSv2 only, and one hop: the host's Docker daemon can use the instance role (pulls,
        // awslogs), the container behind Docker's bridge cannot reach it.
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        networkInterfaces: [
          { deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [instanceSecurityGroup.id] },
        ],
        blockDeviceMappings: [
          {
            deviceName: ROOT_DEVICE,
            ebs: { volumeType: "gp3", volumeSize: plan.diskGiB, encrypted: "true", kmsKeyId: key.arn, deleteOnTermination: "true" },
          },
        ],
        // Secret env values make this output secret in Pulumi's state, but EC2 keeps user data in
        // plain text: anyone allowed ec2:DescribeLaunchTemplateVersions, and any process on the
        // instance (through metadata), can read it. Pass references to secrets, not secrets.
        userData,
        // A change here (image, size, AMI) is a new version, which the group rolls onto.
        updateDefaultVersion: true,
        tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags: instanceTags })),
        tags: tags({ Name: `${name}-lt` }),
      },
      o,
      "launchTemplate",
    ),
    opts,
  );

  // --- Access logs ----------------------------------------------------------------------------

  const accessLogs = lbConfig.accessLogs.enabled ? provisionAccessLogBucket(plan, ctx, account, keepOpts) : undefined;

  // --- Load balancer --------------------------------------------------------------------------

  const internal = lbConfig.scheme === "internal";
  const loadBalancer = new LoadBalancer(
    `${name}-lb`,
    withOverrides<LoadBalancerArgs>(
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
    withOverrides<TargetGroupArgs>(
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
  const servingListener = listeners.https ?? listeners.http;

  // --- Auto Scaling group ---------------------------------------------------------------------

  // A numbered version, never "$Latest": a new version is then a change to the group, which starts
  // an instance refresh, and a refresh can roll back only to a numbered version.
  const templateVersion = launchTemplate.latestVersion.apply((v) => String(v));
  const autoScalingGroup = new Group(
    `${name}-asg`,
    withOverrides<GroupArgs>(
      {
        // Private subnets whose ids arrive only once their NAT routes and endpoints exist: the first
        // instances can pull their image.
        vpcZoneIdentifiers: inputs.network.subnetIds.private,
        minSize: plan.scaling.min,
        maxSize: plan.scaling.max,
        targetGroupArns: [targetGroup.arn],
        // The load balancer's view, not just EC2's: an instance whose model stopped answering is replaced.
        healthCheckType: "ELB",
        healthCheckGracePeriod: plan.healthCheck.gracePeriodSeconds,
        defaultInstanceWarmup: plan.healthCheck.gracePeriodSeconds,
        protectFromScaleIn: false,
        // The role the key policy admits; named so the two cannot drift apart.
        serviceLinkedRoleArn: autoScalingRole,
        ...(plan.spot.enabled
          ? {
              // Spot capacity can be reclaimed with two minutes' notice: replace at-risk instances early.
              capacityRebalance: true,
              mixedInstancesPolicy: {
                instancesDistribution: spotDistribution(plan),
                launchTemplate: {
                  launchTemplateSpecification: { launchTemplateId: launchTemplate.id, version: templateVersion },
                  overrides: [{ instanceType: plan.compute.machineType }],
                },
              },
            }
          : { launchTemplate: { id: launchTemplate.id, version: templateVersion } }),
        instanceRefresh: instanceRefresh(plan),
        tags: Object.entries(instanceTags).map(([k, v]) => ({ key: k, value: v, propagateAtLaunch: true })),
      },
      o,
      "autoScalingGroup",
    ),
    {
      ...opts,
      // The scaling policies own the desired capacity; a deployment must not reset it.
      ignoreChanges: ["desiredCapacity"],
      // Instances pull their image and ship logs at first boot: their permissions must be in place.
      dependsOn: [instancePolicy, sessionManager],
    },
  );

  // --- Scaling policies -----------------------------------------------------------------------

  const cpuPolicy = new Policy(
    `${name}-cpu`,
    {
      autoscalingGroupName: autoScalingGroup.name,
      ...targetTracking(plan, { predefinedMetricType: "ASGAverageCPUUtilization" }, plan.scaling.targetCpuPercent),
    },
    opts,
  );
  const rate = plan.scaling.targetRequestsPerInstance;
  const requestsPolicy =
    rate === undefined
      ? undefined
      : new Policy(
          `${name}-requests`,
          {
            autoscalingGroupName: autoScalingGroup.name,
            ...targetTracking(
              plan,
              {
                predefinedMetricType: "ALBRequestCountPerTarget",
                resourceLabel: pulumi.interpolate`${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}`,
              },
              rate,
            ),
          },
          // AWS rejects the metric until a listener routes to the target group.
          servingListener ? { ...opts, dependsOn: [servingListener] } : opts,
        );

  // --- Result ---------------------------------------------------------------------------------

  const scheme = lbConfig.tls.mode === "off" ? "http" : "https";
  const host =
    lbConfig.tls.domain !== undefined && lbConfig.tls.mode === "managed" ? pulumi.output(lbConfig.tls.domain) : loadBalancer.dnsName;
  const resources: AwsInferenceService = {
    key,
    logGroup,
    instanceRole,
    instanceProfile,
    instanceSecurityGroup,
    loadBalancerSecurityGroup,
    launchTemplate,
    autoScalingGroup,
    loadBalancer,
    targetGroup,
    listeners,
    scalingPolicies: { cpu: cpuPolicy, ...(requestsPolicy ? { requests: requestsPolicy } : {}) },
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
  return {
    cloud: "aws",
    url: pulumi.interpolate`${scheme}://${host}`,
    address: loadBalancer.dnsName,
    loadBalancerId: loadBalancer.arn,
    scalingGroupId: autoScalingGroup.name,
    resources,
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
    withOverrides<BucketArgs>(
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

declare module "./component" {
  /** Types the `.aws` escape hatch for programs that import `mlops-kit/aws`. */
  interface InferenceServiceCloudResources {
    aws: AwsInferenceService;
  }
}
