import { SecretIamMember } from "@pulumi/gcp/secretmanager/secretIamMember";
import * as pulumi from "@pulumi/pulumi";
import type { InferenceServicePlan } from "../plan";
import { checkDistinctSecrets, checkSecretReference } from "../secret-env";

// `secretEnv` on GCP: the instances' service account may access exactly the secrets named (Secret
// Manager Secret Accessor on each secret, not on the project); the instances fetch the values at
// each start (boot.ts).

const ACCESSOR = "roles/secretmanager.secretAccessor";

/** Grants the service account access to each secret; the references, checked, for the boot configuration. */
export function grantSecretReads(
  plan: InferenceServicePlan,
  secretEnv: Record<string, pulumi.Input<string>>,
  member: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<{ name: string; version: string }[]> {
  const names = Object.keys(secretEnv).sort();
  const secrets = pulumi.all(names.map((name) => pulumi.output(secretEnv[name] ?? ""))).apply((refs) => {
    const checked = names.map((name, i) => ({ name, version: checkSecretReference(plan, name, refs[i]) }));
    checkDistinctSecrets(
      plan,
      checked.map((s) => ({ name: s.name, secret: s.version.replace(/\/versions\/[^/]+$/, "") })),
    );
    return checked;
  });
  for (const name of names) {
    // projects/<project>/secrets/<secret>/versions/<version>
    const part = (i: number) => secrets.apply((s) => s.find((x) => x.name === name)?.version.split("/")[i] ?? "");
    new SecretIamMember(`${plan.name}-secret-${name}`, { project: part(1), secretId: part(3), role: ACCESSOR, member }, opts);
  }
  return secrets;
}
