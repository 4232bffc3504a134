import { OpenIdConnectProvider } from "@pulumi/aws/iam/openIdConnectProvider";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { PipelineInputs } from "../contract";
import { type CiCdPipelinePlan, type CiIdentityPlan, CiRole, GITHUB_ISSUER } from "../plan";
import { document, ecrPushStatements, GITHUB_AUDIENCE, githubTrustPolicy, rolloutStatements } from "./policies";

export interface CiRoles {
  provider: OpenIdConnectProvider | undefined;
  providerArn: pulumi.Output<string>;
  /** By identity key. */
  roles: Record<string, Role>;
  grants: pulumi.Resource[];
}

/**
 * GitHub's OIDC provider, unless the account's existing one is given (IAM allows one per issuer
 * URL). No thumbprint: IAM no longer uses it for GitHub's issuer and the argument is optional
 * (terraform-provider-aws `thumbprint_list`, Optional since 5.81; IAM User Guide, "Create an OpenID
 * Connect (OIDC) identity provider").
 */
function oidcProvider(plan: CiCdPipelinePlan, inputs: PipelineInputs, ctx: ProvisionContext) {
  if (inputs.awsOidcProviderArn !== undefined) return { provider: undefined, providerArn: pulumi.output(inputs.awsOidcProviderArn) };
  const provider = new OpenIdConnectProvider(
    `${plan.name}-github`,
    withOverrides(
      { url: GITHUB_ISSUER, clientIdLists: [GITHUB_AUDIENCE], tags: awsTags({ ...plan.tags, Name: `${plan.name}-github` }) },
      plan.aws?.overrides ?? {},
      "oidcProvider",
    ),
    ctx.opts,
  );
  return { provider, providerArn: provider.arn };
}

/** The rights of one identity: managed policies from the registry, and an inline policy for deploys. */
function grant(plan: CiCdPipelinePlan, id: CiIdentityPlan, role: Role, inputs: PipelineInputs, env: AwsEnvironment, ctx: ProvisionContext) {
  const resourceName = `${plan.name}-ci-${id.key}`;
  switch (id.role) {
    case CiRole.publish:
    case CiRole.preview: {
      // Publishing pushes images and registers model versions; a pull request only reads.
      const arn = inputs.registry.apply((r) => (id.role === CiRole.publish ? r.aws?.publisherPolicyArn : r.aws?.readerPolicyArn) ?? "");
      return [new RolePolicyAttachment(resourceName, { role: role.name, policyArn: arn }, ctx.opts)];
    }
    case CiRole.deploy: {
      const services = inputs.stageServices.apply((by) => by[id.stage ?? ""] ?? []);
      const policy = pulumi.all([inputs.registry, services, env.scope]).apply(([r, s, scope]) =>
        // Moves the stage's tag to the new image, then replaces the stage's services' instances.
        JSON.stringify(document([...ecrPushStatements(r.imageRepositoryId), ...rolloutStatements(scope, s)])),
      );
      return [new RolePolicy(resourceName, { role: role.id, policy }, ctx.opts)];
    }
  }
}

/** A role per identity, each trusting one GitHub token subject. */
export function createCiRoles(plan: CiCdPipelinePlan, inputs: PipelineInputs, env: AwsEnvironment, ctx: ProvisionContext): CiRoles {
  const aws = plan.aws;
  if (!aws) throw new Error("CiCdPipeline: an AWS plan is needed");
  const { provider, providerArn } = oidcProvider(plan, inputs, ctx);
  const roles: Record<string, Role> = {};
  const grants: pulumi.Resource[] = [];
  for (const id of plan.identities) {
    const resourceName = `${plan.name}-ci-${id.key}`;
    const role = new Role(
      resourceName,
      withOverrides(
        {
          name: aws.roleNames[id.key],
          description: `GitHub Actions of ${plan.repository} (${id.subject})`,
          assumeRolePolicy: providerArn.apply((arn) => JSON.stringify(githubTrustPolicy(arn, id.subject))),
          // An hour covers a build; GitHub tokens are short-lived too.
          maxSessionDuration: 3600,
          tags: awsTags({ ...plan.tags, Name: resourceName }),
        },
        aws.overrides,
        "ciRole",
      ),
      ctx.opts,
    );
    roles[id.key] = role;
    grants.push(...grant(plan, id, role, inputs, env, ctx));
  }
  return { provider, providerArn, roles, grants };
}
