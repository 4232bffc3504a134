import * as acm from "@pulumi/aws/acm";
import * as autoscaling from "@pulumi/aws/autoscaling";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as elb from "@pulumi/aws/elb";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as lb from "@pulumi/aws/lb";
import * as s3 from "@pulumi/aws/s3";
import * as ssm from "@pulumi/aws/ssm";
import * as vpc from "@pulumi/aws/vpc";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../core/backend";
import { awsTags } from "../../core/tags";
import type { ServiceInputs, ServiceResult } from "./component";
import type { InferenceServicePlan } from "./plan";

/** The AWS resources of an InferenceService. */
export interface AwsInferenceService {
  /** Encrypts the instances' volumes and the container log group; rotates yearly. */
  key: kms.Key;
  /** The container's stdout/stderr, one stream per instance. */
  logGroup: cloudwatch.LogGroup;
  instanceRole: iam.Role;
  instanceProfile: iam.InstanceProfile;
  instanceSecurityGroup: ec2.SecurityGroup;
  loadBalancerSecurityGroup: ec2.SecurityGroup;
  launchTemplate: ec2.LaunchTemplate;
  autoScalingGroup: autoscaling.Group;
  loadBalancer: lb.LoadBalancer;
  targetGroup: lb.TargetGroup;
  /** `https` on 443 unless TLS is off; `http` on 80 redirects to it, or serves directly when TLS is off. */
  listeners: { https?: lb.Listener; http?: lb.Listener };
  /**
   * The ACM certificate for `loadBalancer.tls.domain`. It is issued only once the CNAME records in
   * `certificateValidationRecords` exist in the domain's DNS, which this component does not manage.
   */
  certificate?: acm.Certificate;
  /** The DNS records that prove ownership of the domain to ACM: create them where the domain is hosted. */
  certificateValidationRecords?: pulumi.Output<{ name: string; type: string; value: string }[]>;
  /** The load balancer's access logs; absent when they are off. */
  accessLogs?: {
    bucket: s3.Bucket;
    publicAccessBlock: s3.BucketPublicAccessBlock;
    ownershipControls: s3.BucketOwnershipControls;
    encryption: s3.BucketServerSideEncryptionConfiguration;
    versioning: s3.BucketVersioning;
    lifecycle: s3.BucketLifecycleConfiguration;
    policy: s3.BucketPolicy;
  };
  scalingPolicies: { cpu: autoscaling.Policy; requests?: autoscaling.Policy };
}

// Public parameters that always name the newest ECS-optimized Amazon Linux 2023 AMI. Docker is
// preinstalled on both; the GPU variant adds the NVIDIA driver and the NVIDIA container toolkit,
// which `docker run --gpus` needs. (The Amazon Linux 2 variants end their life on 2026-06-30.)
const AMI_PARAMETER = {
  cpu: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
  gpu: "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id",
} as const;

/** Root device of the Amazon Linux AMIs: the volume sized and encrypted here. */
const ROOT_DEVICE = "/dev/xvda";
/** Where the ALB writes its access logs inside the bucket. */
const ACCESS_LOG_PREFIX = "access-logs";
/** The one container each instance runs. */
const CONTAINER = "model";
/** TLS 1.3 and 1.2 only, forward-secret ciphers. */
const SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

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
  const autoScalingRole = pulumi.interpolate`arn:${partition.partition}:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  const key = new kms.Key(
    `${name}-key`,
    {
      description: `Encrypts the volumes and container logs of inference service ${name}`,
      enableKeyRotation: true,
      deletionWindowInDays: plan.aws.keyDeletionWindowDays,
      policy: pulumi
        .all([account, partition.partition, partition.dnsSuffix, region, autoScalingRole])
        .apply(([acct, part, dnsSuffix, reg, asgRole]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                // AWS's default key policy statement: the account's IAM policies govern the key;
                // without it the key could become unmanageable.
                Sid: "AccountAdministers",
                Effect: "Allow",
                Principal: { AWS: `arn:${part}:iam::${acct}:root` },
                Action: "kms:*",
                Resource: "*",
              },
              {
                Sid: "AutoScalingEncryptsVolumes",
                Effect: "Allow",
                Principal: { AWS: asgRole },
                Action: [
                  "kms:Encrypt",
                  "kms:Decrypt",
                  "kms:ReEncryptFrom",
                  "kms:ReEncryptTo",
                  "kms:GenerateDataKey",
                  "kms:GenerateDataKeyWithoutPlaintext",
                  "kms:DescribeKey",
                ],
                Resource: "*",
              },
              {
                // EBS keeps using the key for a running volume through a grant.
                Sid: "AutoScalingAttachesVolumes",
                Effect: "Allow",
                Principal: { AWS: asgRole },
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
              },
              {
                Sid: "CloudWatchLogsEncrypts",
                Effect: "Allow",
                Principal: { Service: `logs.${reg}.${dnsSuffix}` },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:DescribeKey"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${part}:logs:${reg}:${acct}:log-group:*` } },
              },
            ],
          }),
        ),
      tags: tags({ Name: `${name}-key` }),
    },
    keepOpts,
  );

  const logGroup = new cloudwatch.LogGroup(
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

  const instanceRole = new iam.Role(
    `${name}-instance`,
    withOverrides(
      {
        description: `Instances of inference service ${name}`,
        assumeRolePolicy: partition.dnsSuffix.apply((dnsSuffix) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: `ec2.${dnsSuffix}` }, Action: "sts:AssumeRole" }],
          }),
        ),
        tags: tags({ Name: `${name}-instance` }),
      },
      o,
      "instanceRole",
    ),
    opts,
  );
  // Shell access without SSH keys or open ports, through Systems Manager.
  const sessionManager = new iam.RolePolicyAttachment(
    `${name}-instance-ssm`,
    { role: instanceRole.name, policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore` },
    opts,
  );
  const instancePolicy = new iam.RolePolicy(
    `${name}-instance`,
    {
      role: instanceRole.id,
      policy: pulumi.all([image, logGroup.arn, partition.partition]).apply(([img, logGroupArn, part]) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            ...(img.ecr
              ? [
                  {
                    // ECR issues registry tokens only for "*": the API has no resource to scope to.
                    Sid: "EcrToken",
                    Effect: "Allow",
                    Action: "ecr:GetAuthorizationToken",
                    Resource: "*",
                  },
                  {
                    // The one repository the image comes from, in the account and region its URI names.
                    Sid: "EcrPull",
                    Effect: "Allow",
                    Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                    Resource: `arn:${part}:ecr:${img.ecr.region}:${img.ecr.account}:repository/${img.ecr.repository}`,
                  },
                ]
              : []),
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
  const instanceProfile = new iam.InstanceProfile(
    `${name}-instance`,
    { role: instanceRole.name, tags: tags({ Name: `${name}-instance` }) },
    opts,
  );

  // --- Security groups -------------------------------------------------------------------------

  // The two groups refer to each other (the load balancer may reach the instances, and only it):
  // the instance group takes standalone rules, created after both groups exist, and the load
  // balancer group keeps inline rules. Each group uses one style only, so neither fights the other.
  const vpcId = inputs.networkInfo.networkId;
  const instanceSecurityGroup = new ec2.SecurityGroup(
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
  const loadBalancerSecurityGroup = new ec2.SecurityGroup(
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
  new vpc.SecurityGroupIngressRule(
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
  new vpc.SecurityGroupEgressRule(
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
  const amiId = pulumi.unsecret(
    ssm.getParameterOutput({ name: plan.compute.gpu ? AMI_PARAMETER.gpu : AMI_PARAMETER.cpu }, invokeOpts).value,
  );
  const envEntries = Object.entries(inputs.env);
  const userData = pulumi
    .all([image, region, logGroup.name, pulumi.all(envEntries.map(([, v]) => pulumi.output(v)))])
    .apply(([img, reg, group, values]) =>
      Buffer.from(
        renderUserData(plan, {
          image: img,
          region: reg,
          logGroup: group,
          env: envEntries.map(([k], i) => [k, values[i] ?? ""] as const),
        }),
        "utf8",
      ).toString("base64"),
    );
  const instanceTags = tags({ Name: name });
  const launchTemplate = new ec2.LaunchTemplate(
    `${name}-lt`,
    withOverrides<ec2.LaunchTemplateArgs>(
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
  const loadBalancer = new lb.LoadBalancer(
    `${name}-lb`,
    withOverrides<lb.LoadBalancerArgs>(
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

  const targetGroup = new lb.TargetGroup(
    `${name}-tg`,
    withOverrides<lb.TargetGroupArgs>(
      {
        vpcId,
        targetType: "instance",
        protocol: "HTTP",
        port,
        loadBalancingAlgorithmType: lbConfig.algorithm === "leastRequests" ? "least_outstanding_requests" : "round_robin",
        // Model calls finish in seconds: 30 s lets in-flight requests complete, where the 300 s
        // default would hold every scale-in and every rollout step for five minutes.
        deregistrationDelay: 30,
        healthCheck: {
          enabled: true,
          protocol: "HTTP",
          port: "traffic-port",
          path: plan.healthCheck.path,
          interval: plan.healthCheck.intervalSeconds,
          timeout: plan.healthCheck.timeoutSeconds,
          healthyThreshold: plan.healthCheck.healthyThreshold,
          unhealthyThreshold: plan.healthCheck.unhealthyThreshold,
          matcher: "200",
        },
        // Sent even when off: dropping the block would leave stickiness on after it was enabled once.
        stickiness: { type: "lb_cookie", enabled: lbConfig.stickiness.enabled, cookieDuration: lbConfig.stickiness.durationSeconds },
        tags: tags({ Name: `${name}-tg` }),
      },
      o,
      "targetGroup",
    ),
    opts,
  );
  const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];

  // --- Certificate and listeners --------------------------------------------------------------

  let certificate: acm.Certificate | undefined;
  let certificateArn: pulumi.Input<string> | undefined;
  if (lbConfig.tls.mode === "managed") {
    // No validation resource: the domain's DNS lives elsewhere. ACM issues the certificate once the
    // records in `certificateValidationRecords` exist there; until then the HTTPS listener cannot
    // be created, and a second `pulumi up` completes it.
    certificate = new acm.Certificate(
      `${name}-cert`,
      { domainName: lbConfig.tls.domain, validationMethod: "DNS", tags: tags({ Name: `${name}-cert` }) },
      opts,
    );
    certificateArn = certificate.arn;
  } else if (lbConfig.tls.mode === "certificate") {
    certificateArn = inputs.certificateId;
  }

  const listeners: AwsInferenceService["listeners"] = {};
  if (lbConfig.tls.mode !== "off") {
    listeners.https = new lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: loadBalancer.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: SSL_POLICY,
        certificateArn,
        defaultActions: forward,
        tags: tags({ Name: `${name}-https` }),
      },
      opts,
    );
    if (lbConfig.tls.redirectHttp) {
      listeners.http = new lb.Listener(
        `${name}-http`,
        {
          loadBalancerArn: loadBalancer.arn,
          port: 80,
          protocol: "HTTP",
          defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
          tags: tags({ Name: `${name}-http` }),
        },
        opts,
      );
    }
  } else {
    listeners.http = new lb.Listener(
      `${name}-http`,
      { loadBalancerArn: loadBalancer.arn, port: 80, protocol: "HTTP", defaultActions: forward, tags: tags({ Name: `${name}-http` }) },
      opts,
    );
  }
  const servingListener = listeners.https ?? listeners.http;

  // --- Auto Scaling group ---------------------------------------------------------------------

  // A numbered version, never "$Latest": a new version is then a change to the group, which starts
  // an instance refresh, and a refresh can roll back only to a numbered version.
  const templateVersion = launchTemplate.latestVersion.apply((v) => String(v));
  const rollout = instanceRefreshPercentages(plan);
  const autoScalingGroup = new autoscaling.Group(
    `${name}-asg`,
    withOverrides<autoscaling.GroupArgs>(
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
                instancesDistribution: {
                  onDemandBaseCapacity: plan.spot.onDemandBase,
                  onDemandPercentageAboveBaseCapacity: 0,
                  spotAllocationStrategy: "price-capacity-optimized",
                },
                launchTemplate: {
                  launchTemplateSpecification: { launchTemplateId: launchTemplate.id, version: templateVersion },
                  overrides: [{ instanceType: plan.compute.machineType }],
                },
              },
            }
          : { launchTemplate: { id: launchTemplate.id, version: templateVersion } }),
        instanceRefresh: {
          strategy: "Rolling",
          // A refresh starts on any change to the launch template or mixed instances policy; no
          // other property needs to roll the instances.
          preferences: {
            minHealthyPercentage: rollout.minHealthyPercentage,
            maxHealthyPercentage: rollout.maxHealthyPercentage,
            instanceWarmup: String(plan.healthCheck.gracePeriodSeconds),
            skipMatching: false,
            // The provider moves the group to the new version before it starts the refresh, so an
            // automatic rollback can redeploy that same version rather than the previous one
            // (hashicorp/terraform-provider-aws#34189): deploy the previous image to go back.
            autoRollback: plan.rollout.autoRollback,
          },
        },
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

  // Target tracking has no cooldowns: the scale-out pause is the time a new instance takes to count
  // (`estimatedInstanceWarmup`). Scale-in stays on and is gradual by AWS's design; the spec's
  // scale-in cooldown has no equivalent here.
  const cpuPolicy = new autoscaling.Policy(
    `${name}-cpu`,
    {
      autoscalingGroupName: autoScalingGroup.name,
      policyType: "TargetTrackingScaling",
      estimatedInstanceWarmup: plan.scaling.scaleOutCooldownSeconds,
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        targetValue: plan.scaling.targetCpuPercent,
        disableScaleIn: false,
      },
    },
    opts,
  );
  let requestsPolicy: autoscaling.Policy | undefined;
  if (plan.scaling.targetRequestsPerInstance !== undefined) {
    requestsPolicy = new autoscaling.Policy(
      `${name}-requests`,
      {
        autoscalingGroupName: autoScalingGroup.name,
        policyType: "TargetTrackingScaling",
        estimatedInstanceWarmup: plan.scaling.scaleOutCooldownSeconds,
        targetTrackingConfiguration: {
          predefinedMetricSpecification: {
            predefinedMetricType: "ALBRequestCountPerTarget",
            resourceLabel: pulumi.interpolate`${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}`,
          },
          targetValue: plan.scaling.targetRequestsPerInstance,
          disableScaleIn: false,
        },
      },
      // AWS rejects the metric until a listener routes to the target group.
      servingListener ? { ...opts, dependsOn: [servingListener] } : opts,
    );
  }

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

/** The ports the load balancer listens on, and so admits clients on. */
function listenerPorts(plan: InferenceServicePlan): number[] {
  const tls = plan.loadBalancer.tls;
  if (tls.mode === "off") return [80];
  return tls.redirectHttp ? [80, 443] : [443];
}

/** Instance refresh limits: AWS takes the maximum in 100–200 and a span of at most 100 points. */
function instanceRefreshPercentages(plan: InferenceServicePlan): { minHealthyPercentage: number; maxHealthyPercentage: number } {
  // The spec keeps surge + unavailable within 100 points, the widest span AWS accepts.
  return { minHealthyPercentage: plan.rollout.minHealthyPercent, maxHealthyPercentage: 100 + plan.rollout.maxSurgePercent };
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
    elb.getServiceAccount({}, { parent: ctx.parent }).then(
      (account) => account.arn,
      () => undefined,
    ),
  );

  const bucket = new s3.Bucket(
    name,
    withOverrides<s3.BucketArgs>(
      { bucket: plan.aws.accessLogBucketName, forceDestroy: false, tags: awsTags({ ...plan.tags, Name: name }) },
      plan.aws.overrides,
      "accessLogBucket",
    ),
    keepOpts,
  );
  const publicAccessBlock = new s3.BucketPublicAccessBlock(
    name,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    keepOpts,
  );
  // ACLs off: the bucket owner owns every log object, whoever delivered it.
  const ownershipControls = new s3.BucketOwnershipControls(
    name,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    keepOpts,
  );
  // ALB access logs can be delivered only to buckets encrypted with S3-managed keys (SSE-S3):
  // Elastic Load Balancing does not support KMS keys here, customer-managed or AWS-managed.
  const encryption = new s3.BucketServerSideEncryptionConfiguration(
    name,
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    keepOpts,
  );
  const versioning = new s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, keepOpts);
  const lifecycle = new s3.BucketLifecycleConfiguration(
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
  const policy = new s3.BucketPolicy(
    name,
    {
      bucket: bucket.id,
      policy: pulumi.all([bucket.arn, account, elbAccount]).apply(([arn, acct, elbArn]) => {
        const logs = `${arn}/${ACCESS_LOG_PREFIX}/AWSLogs/${acct}/*`;
        return JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            // Regions older than August 2022 deliver as the regional Elastic Load Balancing account...
            ...(elbArn
              ? [
                  {
                    Sid: "ElbAccountDeliversAccessLogs",
                    Effect: "Allow",
                    Principal: { AWS: elbArn },
                    Action: "s3:PutObject",
                    Resource: logs,
                  },
                ]
              : []),
            {
              // ...newer ones as the log delivery service.
              Sid: "ElbServiceDeliversAccessLogs",
              Effect: "Allow",
              Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
              Action: "s3:PutObject",
              Resource: logs,
            },
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [arn, `${arn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        });
      }),
    },
    // S3 aborts a policy change that races a public access block change on the same bucket
    // ("OperationAborted: a conflicting conditional operation").
    { ...keepOpts, dependsOn: [publicAccessBlock] },
  );
  return { bucket, publicAccessBlock, ownershipControls, encryption, versioning, lifecycle, policy };
}

/** A container image reference, and where it comes from when that is an ECR repository. */
interface ImageRef {
  text: string;
  /** The registry host, when the reference names one (`<acct>.dkr.ecr.<region>.amazonaws.com`). */
  registry: string | undefined;
  ecr: { account: string; region: string; repository: string } | undefined;
}

// Private ECR registries, the IPv4 and dual-stack endpoints, FIPS included.
const ECR_REGISTRY = /^(\d{12})\.dkr[.-]ecr(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|on\.aws)$/;

/** Reads an image reference's registry and, for ECR, its account, region and repository (the spec checked its shape). */
function parseImage(text: string): ImageRef {
  const slash = text.indexOf("/");
  const first = slash < 0 ? "" : text.slice(0, slash);
  // Docker's rule: the first component is a registry when it looks like a host.
  const registry = first.includes(".") || first.includes(":") || first === "localhost" ? first : undefined;
  const match = registry ? ECR_REGISTRY.exec(registry) : null;
  if (!match || registry === undefined) return { text, registry, ecr: undefined };
  const path = text.slice(registry.length + 1).split("@")[0] ?? "";
  const lastSlash = path.lastIndexOf("/");
  const colon = path.indexOf(":", lastSlash + 1);
  const repository = colon < 0 ? path : path.slice(0, colon);
  return { text, registry, ecr: { account: match[1] ?? "", region: match[2] ?? "", repository } };
}

/** Single-quotes a word for bash, whatever it contains. */
function quote(word: string): string {
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

/** The first-boot script: fetch credentials for the registry, then run the one container. */
function renderUserData(
  plan: InferenceServicePlan,
  v: { image: ImageRef; region: string; logGroup: string; env: readonly (readonly [string, string])[] },
): string {
  const port = plan.container.port;
  const [entrypoint, ...commandRest] = plan.container.command ?? [];
  const run = [
    "docker run -d",
    `--name ${CONTAINER}`,
    "--restart always",
    `-p ${port}:${port}`,
    ...(plan.compute.gpu ? ["--gpus all"] : []),
    `--env-file /etc/mlops/${CONTAINER}.env`,
    "--log-driver awslogs",
    `--log-opt awslogs-region=${quote(v.region)}`,
    `--log-opt awslogs-group=${quote(v.logGroup)}`,
    '--log-opt "awslogs-stream=$instance_id"',
    ...(entrypoint !== undefined ? [`--entrypoint ${quote(entrypoint)}`] : []),
    quote(v.image.text),
    ...[...commandRest, ...(plan.container.args ?? [])].map(quote),
  ];
  const lines = [
    "#!/bin/bash",
    "set -euo pipefail",
    "umask 077",
    "",
    'retry() { local n=0; until "$@"; do n=$((n + 1)); [ "$n" -ge 20 ] && return 1; sleep 15; done; }',
    "imds() {",
    "  local token",
    "  token=$(curl -sfS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)",
    '  curl -sfS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"',
    "}",
    "instance_id=$(imds instance-id)",
    "",
    "# The ECS agent ships enabled on this AMI; with no cluster and no ECS permissions it would only restart in a loop.",
    "systemctl mask --now ecs.service || true",
    "systemctl enable --now docker",
    "",
    ...(v.image.ecr && v.image.registry
      ? [
          "# ECR tokens last 12 hours: the credential helper signs every pull with the instance role instead.",
          "retry dnf install -y amazon-ecr-credential-helper",
          "install -d -m 0700 /root/.docker",
          `printf '%s\\n' ${quote(JSON.stringify({ credHelpers: { [v.image.registry]: "ecr-login" } }))} > /root/.docker/config.json`,
          "",
        ]
      : []),
    "install -d -m 0700 /etc/mlops",
    `cat > /etc/mlops/${CONTAINER}.env <<'MLOPS_ENV'`,
    ...v.env.map(([k, value]) => `${k}=${value}`),
    "MLOPS_ENV",
    "",
    `retry docker pull ${quote(v.image.text)}`,
    run.join(" \\\n  "),
    "",
  ];
  return lines.join("\n");
}
