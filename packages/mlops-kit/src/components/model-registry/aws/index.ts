import { Policy } from "@pulumi/aws/iam/policy";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import { MlflowTrackingServer } from "@pulumi/aws/sagemaker/mlflowTrackingServer";
import { ModelPackageGroup } from "@pulumi/aws/sagemaker/modelPackageGroup";
import { ModelPackageGroupPolicy } from "@pulumi/aws/sagemaker/modelPackageGroupPolicy";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { awsTags } from "../../../core/tags";
import type { ResolvedNetwork } from "../../network/ref";
import { type AwsEnvironment, awsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { RegistryResult } from "../contract";
import type { RegistryInfo } from "../info";
import { type ModelRegistryPlan, TYPE } from "../plan";
import {
  approverPolicy,
  bucketPolicy,
  groupPolicy,
  publisherPolicy,
  type RegistryArns,
  readerPolicy,
  trackingServerPolicy,
} from "./policies";
import type { AwsModelRegistry } from "./resources";
import { createArtifactStore, createImageRepository, createKey, keepOpts } from "./storage";

/**
 * A ModelRegistry on AWS, in the order of creation: key, artifact bucket, image repository, the
 * MLflow tracking server and its role, a model package group per model, the bucket policy, the
 * reader/publisher/approver policies and their attachments to `access` roles.
 */
export function provision(plan: ModelRegistryPlan, _network: ResolvedNetwork, ctx: ProvisionContext): RegistryResult {
  const env = awsEnvironment(ctx.parent);
  const key = createKey(plan, env, ctx);
  const store = createArtifactStore(plan, env, key, ctx);
  const images = createImageRepository(plan, env, key, ctx);
  const groups = createModelPackageGroups(plan, env, ctx);
  const arns: pulumi.Output<RegistryArns> = pulumi
    .all([env.scope, store.bucket.arn, key.arn, images.repository.arn])
    .apply(([scope, bucketArn, keyArn, repositoryArn]) => ({
      scope,
      bucketArn,
      keyArn,
      repositoryArn,
      groups: Object.values(plan.aws.modelPackageGroupNames),
      trackingServer: plan.tracking.enabled ? plan.aws.trackingServerName : undefined,
    }));
  const tracking = plan.tracking.enabled ? createTrackingServer(plan, env, arns, store, ctx) : undefined;
  const policy = new BucketPolicy(
    `${plan.name}-artifacts`,
    {
      bucket: store.bucket.id,
      policy: pulumi
        .all([store.bucket.arn, env.partition, tracking?.role.arn])
        .apply(([arn, part, roleArn]) => JSON.stringify(bucketPolicy(arn, part, plan.access.shareWith, plan.aws.vpcEndpointIds, roleArn))),
    },
    // S3 aborts a policy change that races a public access block change on the same bucket.
    { ...keepOpts(plan, ctx), dependsOn: [store.publicAccessBlock] },
  );
  const policies = createManagedPolicies(plan, arns, ctx);
  const attachments = attachToAccessRoles(plan, env, policies, ctx);
  const resources: AwsModelRegistry = {
    key,
    ...store,
    bucketPolicy: policy,
    ...images,
    ...(tracking ? { tracking } : {}),
    ...groups,
    policies,
    attachments,
  };
  return { cloud: "aws", info: registryInfo(plan, env, resources), resources };
}

/** One group per declared model; shared with `access.shareWith` accounts by a group policy. */
function createModelPackageGroups(plan: ModelRegistryPlan, env: AwsEnvironment, ctx: ProvisionContext) {
  const modelPackageGroups: AwsModelRegistry["modelPackageGroups"] = {};
  const modelPackageGroupPolicies: AwsModelRegistry["modelPackageGroupPolicies"] = {};
  for (const model of plan.models) {
    const child = `${plan.name}-${model.name}`;
    const group = new ModelPackageGroup(
      child,
      withOverrides(
        {
          modelPackageGroupName: model.registryName,
          // CreateModelPackageGroup: ModelPackageGroupDescription, at most 1024 characters (the spec's limit).
          modelPackageGroupDescription: model.description,
          tags: awsTags({ ...model.tags, Name: child, "mlops-stages": plan.stages.join("/") }),
        },
        plan.aws.overrides,
        "modelPackageGroup",
      ),
      keepOpts(plan, ctx),
    );
    modelPackageGroups[model.name] = group;
    if (plan.access.shareWith.length > 0) {
      modelPackageGroupPolicies[model.name] = new ModelPackageGroupPolicy(
        child,
        {
          modelPackageGroupName: group.modelPackageGroupName,
          resourcePolicy: env.scope.apply((scope) => JSON.stringify(groupPolicy(scope, model.registryName, plan.access.shareWith))),
        },
        ctx.opts,
      );
    }
  }
  return { modelPackageGroups, modelPackageGroupPolicies };
}

/** The MLflow tracking server, with a role that reaches the artifact bucket and its key only. */
function createTrackingServer(
  plan: ModelRegistryPlan,
  env: AwsEnvironment,
  arns: pulumi.Output<RegistryArns>,
  store: { bucket: AwsModelRegistry["bucket"]; encryption: AwsModelRegistry["encryption"] },
  ctx: ProvisionContext,
): NonNullable<AwsModelRegistry["tracking"]> {
  const name = `${plan.name}-mlflow`;
  const role = new Role(
    name,
    withOverrides(
      {
        description: `The MLflow tracking server of model registry ${plan.name}`,
        // SageMaker assumes the role for the server (Set up IAM permissions for MLflow); only from this account.
        assumeRolePolicy: pulumi
          .all([env.dnsSuffix, env.account])
          .apply(([dns, acct]) => JSON.stringify(serviceTrustPolicy(`sagemaker.${dns}`, acct))),
        tags: awsTags({ ...plan.tags, Name: name }),
      },
      plan.aws.overrides,
      "trackingRole",
    ),
    ctx.opts,
  );
  const rolePolicy = new RolePolicy(
    name,
    { role: role.id, policy: arns.apply((a) => JSON.stringify(trackingServerPolicy(a, plan.aws.automaticModelRegistration))) },
    ctx.opts,
  );
  const server = new MlflowTrackingServer(
    name,
    withOverrides(
      {
        trackingServerName: plan.aws.trackingServerName,
        trackingServerSize: plan.aws.trackingServerSize,
        artifactStoreUri: pulumi.interpolate`s3://${store.bucket.bucket}/mlflow`,
        roleArn: role.arn,
        automaticModelRegistration: plan.aws.automaticModelRegistration,
        ...(plan.aws.mlflowVersion ? { mlflowVersion: plan.aws.mlflowVersion } : {}),
        ...(plan.aws.maintenanceWindowStart ? { weeklyMaintenanceWindowStart: plan.aws.maintenanceWindowStart } : {}),
        tags: awsTags({ ...plan.tags, Name: name }),
      },
      plan.aws.overrides,
      "trackingServer",
    ),
    // The server checks its access to the artifact store when it starts.
    { ...keepOpts(plan, ctx), dependsOn: [rolePolicy, store.encryption] },
  );
  return { server, role, rolePolicy };
}

/** The reader, publisher and approver policies that consumers attach to their own roles. */
function createManagedPolicies(
  plan: ModelRegistryPlan,
  arns: pulumi.Output<RegistryArns>,
  ctx: ProvisionContext,
): AwsModelRegistry["policies"] {
  const make = (role: string, description: string, doc: (a: RegistryArns) => unknown) =>
    new Policy(
      `${plan.name}-${role}`,
      { description, policy: arns.apply((a) => JSON.stringify(doc(a))), tags: awsTags({ ...plan.tags, Name: `${plan.name}-${role}` }) },
      ctx.opts,
    );
  return {
    reader: make("reader", `Pull images and read artifacts and versions of model registry ${plan.name}`, readerPolicy),
    publisher: make("publisher", `Push images, write artifacts and register versions in model registry ${plan.name}`, (a) =>
      publisherPolicy(a, plan.approval.required),
    ),
    approver: make("approver", `Approve and promote versions in model registry ${plan.name}`, approverPolicy),
  };
}

/** The role's name: the last part of its ARN (a role ARN may carry a path). */
export const roleNameOf = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1);

/**
 * The role's name, once its ARN is known to be in the deploying account: an attachment names a role
 * of this account, so another account's ARN would grant a same-named local role instead.
 */
function localRoleName(plan: ModelRegistryPlan, field: string, arn: string, account: string): string {
  const owner = arn.split(":")[4];
  if (owner === account) return roleNameOf(arn);
  throw new SpecError(TYPE, plan.name, [
    {
      path: `access.${field}`,
      message: `(${JSON.stringify(arn)}) is a role of account ${owner}, not of ${account} where the registry is deployed: list other accounts in access.shareWith`,
    },
  ]);
}

/** `access` roles (this account's, by ARN) get the matching policy attached, by the role's name. */
function attachToAccessRoles(
  plan: ModelRegistryPlan,
  env: AwsEnvironment,
  policies: AwsModelRegistry["policies"],
  ctx: ProvisionContext,
): RolePolicyAttachment[] {
  const grants = [
    ["writer", "writers", plan.access.writers, policies.publisher],
    ["approver", "approvers", plan.access.approvers, policies.approver],
    ["reader", "readers", plan.access.readers, policies.reader],
  ] as const;
  return grants.flatMap(([kind, field, roles, policy]) =>
    roles.map(
      (arn) =>
        new RolePolicyAttachment(
          `${plan.name}-${kind}-${roleNameOf(arn)}`,
          { role: env.account.apply((acct) => localRoleName(plan, field, arn, acct)), policyArn: policy.arn },
          ctx.opts,
        ),
    ),
  );
}

function registryInfo(plan: ModelRegistryPlan, env: AwsEnvironment, r: AwsModelRegistry): pulumi.Output<RegistryInfo> {
  const groupArns = pulumi.all(Object.fromEntries(Object.entries(r.modelPackageGroups).map(([m, g]) => [m, g.arn])));
  return pulumi
    .all([env.scope, r.tracking?.server.arn, r.repository.name, r.repository.arn, r.bucket.bucket, r.bucket.arn, r.key.arn, groupArns])
    .apply(([{ account, region, dnsSuffix }, trackingArn, repository, repoArn, bucket, bucketArn, keyArn, models]) => ({
      cloud: "aws" as const,
      name: plan.name,
      region,
      trackingUri: trackingArn ?? "",
      // ECR's repository URI, as the service spells it (`repositoryUri` in DescribeRepositories).
      imageRepositoryUrl: `${account}.dkr.ecr.${region}.${dnsSuffix}/${repository}`,
      imageRepositoryId: repoArn,
      artifactUri: `s3://${bucket}`,
      artifactStoreId: bucketArn,
      encryptionKeyId: keyArn,
      models,
    }))
    .apply((info) =>
      pulumi.all([r.policies.reader.arn, r.policies.publisher.arn, r.policies.approver.arn]).apply(([reader, publisher, approver]) => ({
        ...info,
        aws: {
          readerPolicyArn: reader,
          publisherPolicyArn: publisher,
          approverPolicyArn: approver,
          ...(info.trackingUri ? { trackingServerArn: info.trackingUri } : {}),
        },
      })),
    );
}

export type { AwsModelRegistry } from "./resources";
