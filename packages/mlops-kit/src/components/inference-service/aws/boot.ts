import {
  type BootFile,
  checkUserDataSize,
  cloudConfig,
  containerServiceLines,
  envBootFile,
  registryHost,
  SERVICE_UNIT,
  systemdArg,
  systemdUnit,
  unitFile,
} from "../boot";
import type { InferenceServicePlan } from "../plan";
import { FETCH_SECRETS, fetchSecretsScript, SECRET_ENV_FILE, secretListFile } from "../secret-env";

// Boot configuration on the ECS-optimized Amazon Linux 2023 AMI, which runs cloud-init: the one
// container as a systemd unit, restarted whenever it stops (a throttled pull or a failed start is
// tried again, not left behind), pulling from ECR with the instance role and logging to CloudWatch.

/** A container image reference, and where it comes from when that is an ECR repository. */
export interface ImageRef {
  text: string;
  /** The registry host, when the reference names one (`<acct>.dkr.ecr.<region>.amazonaws.com`). */
  registry: string | undefined;
  ecr: { account: string; region: string; repository: string } | undefined;
}

// Private ECR registries, the IPv4 and dual-stack endpoints, FIPS included.
const ECR_REGISTRY = /^(\d{12})\.dkr[.-]ecr(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|on\.aws)$/;

/** Reads an image reference's registry and, for ECR, its account, region and repository (the spec checked its shape). */
export function parseImage(text: string): ImageRef {
  const registry = registryHost(text);
  const match = registry ? ECR_REGISTRY.exec(registry) : null;
  if (!match || registry === undefined) return { text, registry, ecr: undefined };
  const path = text.slice(registry.length + 1).split("@")[0] ?? "";
  const lastSlash = path.lastIndexOf("/");
  const colon = path.indexOf(":", lastSlash + 1);
  const repository = colon < 0 ? path : path.slice(0, colon);
  return { text, registry, ecr: { account: match[1] ?? "", region: match[2] ?? "", repository } };
}

/** Prepares each start: the ECR credential helper, and the instance id for the log stream's name. */
export const PREPARE = "/usr/local/sbin/mlops-prepare";
/** Written by {@link PREPARE} on every start: `MLOPS_INSTANCE_ID=i-...`. */
export const INSTANCE_ENV = "/run/mlops/instance.env";
/** Docker's client configuration for root, which the daemon's pulls use. */
export const DOCKER_CONFIG = "/root/.docker/config.json";

/** What the user data needs beyond the plan, once resolved. */
export interface UserDataValues {
  image: ImageRef;
  region: string;
  logGroup: string;
  env: readonly (readonly [string, string])[];
  /** `secretEnv`: each variable's Secrets Manager secret ARN. */
  secrets?: readonly { name: string; arn: string }[];
}

/** The `#cloud-config` user data; over EC2's 16 KB it is a SpecError. */
export function renderUserData(plan: InferenceServicePlan, v: UserDataValues): string {
  const ecr = v.image.ecr !== undefined && v.image.registry !== undefined ? v.image.registry : undefined;
  const files: BootFile[] = [envBootFile(Object.fromEntries(v.env))];
  if (ecr) {
    // ECR tokens last 12 hours: the credential helper signs every pull with the instance role instead.
    files.push({ path: DOCKER_CONFIG, permissions: "0600", content: `${JSON.stringify({ credHelpers: { [ecr]: "ecr-login" } })}\n` });
  }
  files.push({ path: PREPARE, permissions: "0755", content: prepareScript(ecr !== undefined) });
  const secrets = v.secrets ?? [];
  if (secrets.length > 0) {
    files.push(secretListFile(secrets.map((s) => [s.name, s.arn])));
    files.push({ path: FETCH_SECRETS, permissions: "0700", content: fetchSecrets() });
  }
  files.push(unitFile(SERVICE_UNIT, serviceUnit(plan, v)));
  const text = cloudConfig({
    head: {},
    files,
    owner: "root:root",
    runcmd: [
      // The ECS agent ships enabled on this AMI; with no cluster and no ECS permissions it would only restart in a loop.
      "systemctl mask --now ecs.service",
      "systemctl enable --now docker.service",
      "systemctl daemon-reload",
      `systemctl enable --now ${SERVICE_UNIT}`,
    ],
  });
  return checkUserDataSize(plan, text);
}

function serviceUnit(plan: InferenceServicePlan, v: UserDataValues): string {
  const image = v.image.text;
  const secrets = (v.secrets ?? []).length > 0;
  const flags = [
    ...(secrets ? [`--env-file=${SECRET_ENV_FILE}`] : []),
    ...(plan.compute.gpu ? ["--gpus=all"] : []),
    "--log-driver=awslogs",
    systemdArg(`--log-opt=awslogs-region=${v.region}`),
    systemdArg(`--log-opt=awslogs-group=${v.logGroup}`),
    // systemd fills the variable in from the environment file PREPARE wrote.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: systemd variable expansion
    "--log-opt=awslogs-stream=${MLOPS_INSTANCE_ID}",
  ];
  return systemdUnit({
    Unit: [
      "Description=Model server container",
      "Wants=network-online.target",
      "After=network-online.target docker.service",
      "Requires=docker.service",
      // Never give up restarting: an instance that stops trying serves nothing until it is replaced.
      "StartLimitIntervalSec=0",
    ],
    Service: [
      // Read anew before each command, so ExecStart sees what PREPARE wrote (systemd.exec, EnvironmentFile=).
      `EnvironmentFile=-${INSTANCE_ENV}`,
      `ExecStartPre=${PREPARE}`,
      // Fetched at every start: a restart picks up a rotated value.
      ...(secrets ? [`ExecStartPre=/bin/sh ${FETCH_SECRETS}`] : []),
      // A failed pull fails the start, and the unit tries again after RestartSec.
      ...containerServiceLines("/usr/bin/docker", { ...plan.container, image }, flags, [
        `ExecStartPre=/usr/bin/docker pull ${systemdArg(image)}`,
      ]),
    ],
    Install: ["WantedBy=multi-user.target"],
  });
}

/** Ours alone (no value of the spec in it): installs the ECR credential helper, records the instance id. */
function prepareScript(ecr: boolean): string {
  return [
    "#!/bin/sh",
    "set -eu",
    ...(ecr ? ["command -v docker-credential-ecr-login >/dev/null || dnf install -y amazon-ecr-credential-helper"] : []),
    // IMDSv2 only (the launch template requires tokens).
    "token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)",
    'id=$(curl -fsS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id)',
    `install -d -m 0700 ${INSTANCE_ENV.slice(0, INSTANCE_ENV.lastIndexOf("/"))}`,
    `printf 'MLOPS_INSTANCE_ID=%s\\n' "$id" > ${INSTANCE_ENV}`,
    "",
  ].join("\n");
}

/** Reads each secret's current value with the instance role (the AWS CLI, which the minimal AMI lacks, from the AL2023 repository). */
function fetchSecrets(): string {
  return fetchSecretsScript(
    ["command -v aws >/dev/null || dnf install -y awscli-2"],
    [
      // The secret's own region, from its ARN (arn:<partition>:secretsmanager:<region>:...).
      'region=$(printf %s "$ref" | cut -d: -f4)',
      'value=$(aws secretsmanager get-secret-value --region "$region" --secret-id "$ref" --query SecretString --output text)',
    ],
  );
}
