import { CONTAINER_NAME, ENV_FILE, entrypointAndArgs, envFile, registryHost } from "../boot";
import type { InferenceServicePlan } from "../plan";

// Boot configuration on the ECS-optimized Amazon Linux AMI: a first-boot bash script that fetches
// credentials for the registry and runs the one container under Docker's own restart policy,
// logging to CloudWatch.

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

/** Single-quotes a word for bash, whatever it contains. */
export function quote(word: string): string {
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

/** The first-boot script: fetch credentials for the registry, then run the one container. */
export function renderUserData(
  plan: InferenceServicePlan,
  v: { image: ImageRef; region: string; logGroup: string; env: readonly (readonly [string, string])[] },
): string {
  const port = plan.container.port;
  const { entrypoint, args } = entrypointAndArgs(plan.container);
  const run = [
    "docker run -d",
    `--name ${CONTAINER_NAME}`,
    "--restart always",
    `-p ${port}:${port}`,
    ...(plan.compute.gpu ? ["--gpus all"] : []),
    `--env-file ${ENV_FILE}`,
    "--log-driver awslogs",
    `--log-opt awslogs-region=${quote(v.region)}`,
    `--log-opt awslogs-group=${quote(v.logGroup)}`,
    '--log-opt "awslogs-stream=$instance_id"',
    ...(entrypoint !== undefined ? [`--entrypoint ${quote(entrypoint)}`] : []),
    quote(v.image.text),
    ...args.map(quote),
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
    // A quoted delimiter: the values are written as given, nothing in them expanded.
    `cat > ${ENV_FILE} <<'MLOPS_ENV'`,
    `${envFile(v.env)}MLOPS_ENV`,
    "",
    `retry docker pull ${quote(v.image.text)}`,
    run.join(" \\\n  "),
    "",
  ];
  return lines.join("\n");
}
