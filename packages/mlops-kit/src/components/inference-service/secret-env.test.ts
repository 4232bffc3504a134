import { type Plan, resourcesOfType, synth } from "@mlops-kit/testing";
import { defaultCall, defaultNewResource } from "@mlops-kit/testing/src/mocks";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { MlopsVpc } from "../network/component";
import { parseCloudConfig } from "./boot-fixtures";
import { InferenceService } from "./component";
import { FETCH_SECRETS, SECRET_ENV_FILE, SECRET_LIST } from "./secret-env";
import type { InferenceServiceArgs } from "./spec";

// `secretEnv` on every cloud: a read grant on exactly the secrets named, for the instances' own
// identity; only references in the user data; the values fetched at each start into a tmpfs env file.

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "us-east-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme-ml" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};
const REFS: Record<CloudId, [string, string]> = {
  aws: [
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token-AbCdEf",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:team/db-password-123456",
  ],
  gcp: ["projects/acme-ml/secrets/api-token/versions/latest", "projects/shared-sec/secrets/db_password/versions/3"],
  azure: [
    "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/sec/providers/Microsoft.KeyVault/vaults/acme-kv/secrets/api-token",
    "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/sec/providers/Microsoft.KeyVault/vaults/acme-kv/secrets/db-password",
  ],
};
const GRANT: Record<CloudId, string> = {
  aws: "aws:iam/rolePolicy:RolePolicy",
  gcp: "gcp:secretmanager/secretIamMember:SecretIamMember",
  azure: "azure-native:authorization:RoleAssignment",
};

type ServiceArgs = Omit<InferenceServiceArgs, "network">;
const ARGS: ServiceArgs = {
  image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/acme/model:1",
  compute: { cpu: 2, memoryGiB: 8 },
  loadBalancer: { tls: { enabled: false } },
};

async function attempt(cloud: CloudId, args: ServiceArgs): Promise<{ plan: Plan | undefined; error: unknown; serviceTypes: string[] }> {
  const registered: { type: string; name: string }[] = [];
  const call = defaultCall(CONFIG[cloud]);
  let plan: Plan | undefined;
  let error: unknown;
  try {
    plan = await synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        new InferenceService("api", { ...args, network: vpc.network });
      },
      {
        project: "p",
        stack: "dev",
        config: CONFIG[cloud],
        mocks: {
          // Key Vault answers with its own URI (the public cloud's suffix here).
          call: (a) =>
            a.token === "azure-native:keyvault:getVault"
              ? { name: a.inputs.vaultName, properties: { vaultUri: `https://${a.inputs.vaultName}.vault.azure.net/` } }
              : call(a),
          newResource: (a) => {
            registered.push({ type: a.type, name: a.name });
            if (a.type === "gcp:serviceaccount/account:Account") {
              const r = defaultNewResource(a);
              return { ...r, state: { ...r.state, member: "serviceAccount:api-sa@acme-ml.iam" } };
            }
            if (a.type === "azure-native:managedidentity:UserAssignedIdentity") {
              const r = defaultNewResource(a);
              return { ...r, state: { ...r.state, clientId: "client-1", principalId: "principal-1" } };
            }
            return defaultNewResource(a);
          },
        },
      },
    );
  } catch (err) {
    error = err;
  }
  return { plan, error, serviceTypes: registered.filter((r) => r.name.startsWith("api")).map((r) => r.type) };
}

/** The user data of the plan's instance template, decoded. */
function userData(cloud: CloudId, plan: Plan): string {
  const [type, pick] = {
    aws: [
      "aws:ec2/launchTemplate:LaunchTemplate",
      (i: Record<string, unknown>) => Buffer.from(String(i.userData), "base64").toString("utf8"),
    ],
    gcp: [
      "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
      (i: Record<string, unknown>) => String((i.metadata as Record<string, unknown>)["user-data"]),
    ],
    azure: [
      "azure-native:compute:VirtualMachineScaleSet",
      (i: Record<string, unknown>) =>
        Buffer.from(String((i.virtualMachineProfile as { osProfile: { customData: string } }).osProfile.customData), "base64").toString(
          "utf8",
        ),
    ],
  }[cloud] as [string, (i: Record<string, unknown>) => string];
  const [r] = resourcesOfType(plan, type);
  if (!r) throw new Error(`no ${type} in the plan`);
  return pick(r.inputs);
}

describe.each(["aws", "gcp", "azure"] as const)("secretEnv on %s", (cloud) => {
  it("GIVEN two secret variables WHEN synthesized THEN the instances may read exactly those secrets, and only the references reach the user data", async () => {
    const [a, b] = REFS[cloud];
    const { plan, error } = await attempt(cloud, { ...ARGS, env: { PLAIN: "1" }, secretEnv: { API_TOKEN: a, DB_PASSWORD: b } });
    expect(error).toBeUndefined();
    if (!plan) throw new Error("no plan");
    const grants = resourcesOfType(plan, GRANT[cloud]).filter((r) => r.name.startsWith("api-secret"));
    if (cloud === "aws") {
      expect(grants.map((g) => g.name)).toEqual(["api-secrets"]);
      expect(JSON.parse(String(grants[0]?.inputs.policy))).toEqual({
        Version: "2012-10-17",
        Statement: [{ Sid: "ReadSecretEnv", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [b, a].sort() }],
      });
      // Instances read their secrets at first start: the group waits for the grant.
      const group = resourcesOfType(plan, "aws:autoscaling/group:Group")[0];
      expect(group?.dependsOn).toContain(grants[0]?.urn);
    } else if (cloud === "gcp") {
      expect(grants.map((g) => [g.name, g.inputs.project, g.inputs.secretId, g.inputs.role])).toEqual([
        ["api-secret-API_TOKEN", "acme-ml", "api-token", "roles/secretmanager.secretAccessor"],
        ["api-secret-DB_PASSWORD", "shared-sec", "db_password", "roles/secretmanager.secretAccessor"],
      ]);
      // The member is the instances' own service account.
      expect(grants.map((g) => g.inputs.member)).toEqual(["serviceAccount:api-sa@acme-ml.iam", "serviceAccount:api-sa@acme-ml.iam"]);
    } else {
      expect(grants.map((g) => [g.name, g.inputs.scope, g.inputs.principalId, g.inputs.principalType])).toEqual([
        ["api-secret-API_TOKEN", a, "principal-1", "ServicePrincipal"],
        ["api-secret-DB_PASSWORD", b, "principal-1", "ServicePrincipal"],
      ]);
      expect(grants[0]?.inputs.roleDefinitionId).toBe(
        "/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
      );
    }
    const config = parseCloudConfig(userData(cloud, plan));
    const expectedList = {
      aws: `API_TOKEN\t${a}\nDB_PASSWORD\t${b}\n`,
      gcp: `API_TOKEN\t${a}\nDB_PASSWORD\t${b}\n`,
      azure:
        "API_TOKEN\thttps://acme-kv.vault.azure.net/secrets/api-token\thttps://vault.azure.net\nDB_PASSWORD\thttps://acme-kv.vault.azure.net/secrets/db-password\thttps://vault.azure.net\n",
    }[cloud];
    expect(config.file(SECRET_LIST)).toBe(expectedList);
    const unit = config.file("/etc/systemd/system/mlops-model.service");
    expect(unit).toMatch(new RegExp(`^ExecStartPre=/bin/sh ${FETCH_SECRETS}( "client-1")?$`, "m"));
    expect(unit).toMatch(new RegExp(`^ExecStart=.* --env-file=${SECRET_ENV_FILE} `, "m"));
    expect(config.file("/etc/mlops/model.env")).toBe("PLAIN=1\n");
  });

  it("GIVEN no secretEnv WHEN synthesized THEN there is no secret grant and no fetch", async () => {
    const { plan } = await attempt(cloud, ARGS);
    if (!plan) throw new Error("no plan");
    expect(resourcesOfType(plan, GRANT[cloud]).filter((r) => r.name.startsWith("api-secret"))).toEqual([]);
    expect(parseCloudConfig(userData(cloud, plan)).files.map((f) => f.path)).not.toContain(SECRET_LIST);
  });

  it("GIVEN a reference of another cloud WHEN constructed THEN it is a SpecError naming the variable, before any of the service's resources registers", async () => {
    const other = cloud === "aws" ? REFS.gcp[0] : REFS.aws[0];
    const { error, serviceTypes } = await attempt(cloud, { ...ARGS, secretEnv: { TOKEN: other } });
    expect(String(error)).toMatch(/InferenceService "api": secretEnv\.TOKEN \(".*"\) must be /);
    expect(serviceTypes).toEqual([]);
  });

  it("GIVEN a variable in env and in secretEnv WHEN constructed THEN it is a SpecError", async () => {
    const { error } = await attempt(cloud, { ...ARGS, env: { TOKEN: "x" }, secretEnv: { TOKEN: REFS[cloud][0] } });
    expect(String(error)).toMatch(/InferenceService "api": secretEnv\.TOKEN \(.*\) is also in env/);
  });
});

describe.each(["gcp", "azure"] as const)("secretEnv on %s", (cloud) => {
  it("GIVEN two variables naming one secret WHEN deployed THEN it is a SpecError (two grants of one role on one secret conflict)", async () => {
    const { error } = await attempt(cloud, { ...ARGS, secretEnv: { A: REFS[cloud][1], B: REFS[cloud][1] } });
    expect(String(error)).toMatch(/InferenceService "api": secretEnv\.B names the same secret as secretEnv\.A/);
  });
});
