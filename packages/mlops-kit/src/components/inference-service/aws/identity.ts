import type { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { InstanceProfile } from "@pulumi/aws/iam/instanceProfile";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import * as pulumi from "@pulumi/pulumi";
import { ecrPullStatements, serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { InferenceServicePlan } from "../plan";
import type { ImageRef } from "./boot";

export interface InstanceIdentity {
  role: Role;
  profile: InstanceProfile;
  /** What the first instances need before they boot: pull rights, log rights, Session Manager. */
  permissions: pulumi.Resource[];
}

/** The instances' identity: pull the image, write their log group, be reachable by Session Manager. */
export function createInstanceIdentity(
  plan: InferenceServicePlan,
  env: AwsEnvironment,
  image: pulumi.Output<ImageRef>,
  logGroup: LogGroup,
  ctx: ProvisionContext,
): InstanceIdentity {
  const { name } = plan;
  const opts = ctx.opts;
  const tags = (extra: Record<string, string>) => awsTags({ ...plan.tags, ...extra });
  const role = new Role(
    `${name}-instance`,
    withOverrides(
      {
        description: `Instances of inference service ${name}`,
        assumeRolePolicy: env.dnsSuffix.apply((dnsSuffix) => JSON.stringify(serviceTrustPolicy(`ec2.${dnsSuffix}`))),
        tags: tags({ Name: `${name}-instance` }),
      },
      plan.aws.overrides,
      "instanceRole",
    ),
    opts,
  );
  // Shell access without SSH keys or open ports, through Systems Manager.
  const sessionManager = new RolePolicyAttachment(
    `${name}-instance-ssm`,
    { role: role.name, policyArn: pulumi.interpolate`arn:${env.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore` },
    opts,
  );
  const policy = new RolePolicy(
    `${name}-instance`,
    {
      role: role.id,
      policy: pulumi.all([image, logGroup.arn, env.partition]).apply(([img, logGroupArn, part]) =>
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
  const profile = new InstanceProfile(`${name}-instance`, { role: role.name, tags: tags({ Name: `${name}-instance` }) }, opts);
  return { role, profile, permissions: [policy, sessionManager] };
}
