import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { getVaultOutput } from "@pulumi/azure-native/keyvault/getVault";
import { PrincipalType } from "@pulumi/azure-native/types/enums/authorization";
import * as pulumi from "@pulumi/pulumi";
import type { InferenceServicePlan } from "../plan";
import { checkDistinctSecrets, checkSecretReference } from "../secret-env";
import { KEY_VAULT_SECRETS_USER } from "./gateway";

// `secretEnv` on Azure: the instances' identity is a Key Vault Secrets User on exactly the secrets
// named (a role assignment scoped to each secret, which vaults using Azure RBAC honour); the
// instances fetch the values at each start (boot.ts).

interface SecretId {
  subscription: string;
  resourceGroup: string;
  vault: string;
  secret: string;
}

/** The parts of a Key Vault secret's resource id (checked against SECRET_REFERENCE first). */
function parts(id: string): SecretId {
  const p = id.split("/");
  return { subscription: p[2] ?? "", resourceGroup: p[4] ?? "", vault: p[8] ?? "", secret: p[10] ?? "" };
}

/** Grants the identity read access to each secret; each secret's URL and the vault's token audience, for the boot configuration. */
export function grantSecretReads(
  plan: InferenceServicePlan,
  secretEnv: Record<string, pulumi.Input<string>>,
  principalId: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<{ name: string; url: string; audience: string }[]> {
  const names = Object.keys(secretEnv).sort();
  const ids = pulumi.all(names.map((name) => pulumi.output(secretEnv[name] ?? ""))).apply((refs) => {
    const checked = names.map((name, i) => ({ name, secret: checkSecretReference(plan, name, refs[i]).toLowerCase() }));
    checkDistinctSecrets(plan, checked);
    return names.map((_, i) => String(refs[i]));
  });
  const rows = names.map((name, i) => {
    const id = ids.apply((all) => all[i] ?? "");
    new RoleAssignment(
      `${plan.name}-secret-${name}`,
      {
        scope: id,
        roleDefinitionId: id.apply(
          (s) => `/subscriptions/${parts(s).subscription}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
        ),
        principalId,
        // Declared, so Azure does not look the new identity up in a directory that may not have it yet.
        principalType: PrincipalType.ServicePrincipal,
        description: `Instances of ${plan.name} read ${name}`,
      },
      opts,
    );
    // The vault's own URI, so sovereign clouds (vault.azure.cn, vault.usgovcloudapi.net) get theirs.
    const vault = getVaultOutput(
      { resourceGroupName: id.apply((s) => parts(s).resourceGroup), vaultName: id.apply((s) => parts(s).vault) },
      { parent: opts.parent },
    );
    return pulumi.all([id, vault.properties.vaultUri]).apply(([s, uri]) => {
      const base = new URL(uri);
      return {
        name,
        url: `${base.origin}/secrets/${parts(s).secret}`,
        // The token audience is the vault DNS suffix: https://vault.azure.net for <vault>.vault.azure.net.
        audience: `https://${base.hostname.slice(base.hostname.indexOf(".") + 1)}`,
      };
    });
  });
  return pulumi.all(rows);
}
