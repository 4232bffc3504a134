import { Group } from "@pulumi/aws/autoscaling/group";
import { Policy } from "@pulumi/aws/autoscaling/policy";
// The class's own module: the cloudwatch index also loads its event mixins, and with them Lambda.
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { InstanceProfile } from "@pulumi/aws/iam/instanceProfile";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { Key } from "@pulumi/aws/kms/key";
import { getParameterOutput } from "@pulumi/aws/ssm/getParameter";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import * as pulumi from "@pulumi/pulumi";
import { autoScalingServiceRoleArn, ecrPullStatements, logsKeyPolicy, serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { ServiceInputs, ServiceResult } from "../contract";
import type { InferenceServicePlan } from "../plan";
import { parseImage, renderUserData } from "./boot";
import { provisionLoadBalancer } from "./load-balancer";
import type { AwsInferenceService } from "./resources";
import { grantSecretReads } from "./secrets";
import { AMI_PARAMETER, instanceRefresh, listenerPorts, ROOT_DEVICE, spotDistribution, targetTracking } from "./settings";

export function provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult {
  const { name } = plan;
  const o = plan.aws.overrides;
  const opts = ctx.opts;
  const tags = (extra: Record<string, string> = {}) => awsTags({ ...plan.tags, ...extra });
  const invokeOpts = { parent: ctx.parent };
  const account = getCallerIdentityOutput({}, invokeOpts).accountId;
  const partition = getPartitionOutput({}, invokeOpts);
  const region = getRegionOutput({}, invokeOpts).region;
  const _lbConfig = plan.loadBalancer;
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
  const secrets = grantSecretReads(plan, inputs.secretEnv, instanceRole, opts);
  const userData = pulumi
    .all([image, region, logGroup.name, pulumi.output(inputs.env), secrets])
    .apply(([img, reg, group, env, sec]) =>
      Buffer.from(
        renderUserData(plan, { image: img, region: reg, logGroup: group, env: Object.entries(env), secrets: sec }),
        "utf8",
      ).toString("base64"),
    );
  const instanceTags = tags({ Name: name });
  const launchTemplate = new LaunchTemplate(
    `${name}-lt`,
    withOverrides(
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

  // --- Load balancer, target group, listeners (and their access-log bucket) -------------------

  const { servingListener, ...lb } = provisionLoadBalancer(plan, inputs, ctx, {
    vpcId,
    securityGroup: loadBalancerSecurityGroup,
    account,
    keepOpts,
  });
  const { loadBalancer, targetGroup } = lb;

  // --- Auto Scaling group ---------------------------------------------------------------------

  // A numbered version, never "$Latest": a new version is then a change to the group, which starts
  // an instance refresh, and a refresh can roll back only to a numbered version.
  const templateVersion = launchTemplate.latestVersion.apply((v) => String(v));
  const autoScalingGroup = new Group(
    `${name}-asg`,
    withOverrides(
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

  const resources: AwsInferenceService = {
    key,
    logGroup,
    instanceRole,
    instanceProfile,
    instanceSecurityGroup,
    loadBalancerSecurityGroup,
    launchTemplate,
    autoScalingGroup,
    ...lb,
    scalingPolicies: { cpu: cpuPolicy, ...(requestsPolicy ? { requests: requestsPolicy } : {}) },
  };
  return {
    cloud: "aws",
    address: loadBalancer.dnsName,
    loadBalancerId: loadBalancer.arn,
    scalingGroupId: autoScalingGroup.name,
    resources,
  };
}

export type { AwsInferenceService } from "./resources";
