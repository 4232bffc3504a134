import type { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import * as pulumi from "@pulumi/pulumi";
import type { InferenceServicePlan } from "../plan";
import { checkSecretReference } from "../secret-env";

// `secretEnv` on AWS: the instance role may read exactly the secrets named, and nothing else of
// Secrets Manager; the instances fetch the values at each start (boot.ts).

/**
 * Grants the instance role `secretsmanager:GetSecretValue` on each secret. Returns the references,
 * checked, for the boot configuration, and the grant (none without `secretEnv`), which instances
 * must not start before.
 */
export function grantSecretReads(
  plan: InferenceServicePlan,
  secretEnv: Record<string, pulumi.Input<string>>,
  role: Role,
  opts: pulumi.CustomResourceOptions,
): { references: pulumi.Output<{ name: string; arn: string }[]>; grant: RolePolicy | undefined } {
  const names = Object.keys(secretEnv).sort();
  const secrets = pulumi
    .all(names.map((name) => pulumi.output(secretEnv[name] ?? "")))
    .apply((refs) => names.map((name, i) => ({ name, arn: checkSecretReference(plan, name, refs[i]) })));
  const grant =
    names.length === 0
      ? undefined
      : new RolePolicy(
          `${plan.name}-secrets`,
          {
            role: role.id,
            policy: secrets.apply((s) =>
              JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                  {
                    Sid: "ReadSecretEnv",
                    Effect: "Allow",
                    Action: ["secretsmanager:GetSecretValue"],
                    Resource: [...new Set(s.map((x) => x.arn))].sort(),
                  },
                ],
              }),
            ),
          },
          opts,
        );
  return { references: secrets, grant };
}
