import type { CloudId } from "../../../core/cloud";
import {
  type BootFile,
  type ContainerSpec,
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
import { FETCH_SECRETS, fetchSecretsScript, SECRET_ENV_FILE, secretListFile } from "../secret-env";

// Boot configuration: cloud-init on Ubuntu, once per instance. The container runs as a systemd
// unit, restarted whenever it stops, so it also comes back after a reboot (the GPU driver
// extension reboots the instance once its driver is in).

/** Logs Docker in to an Azure Container Registry with the instance's identity. */
export const REGISTRY_LOGIN = "/usr/local/sbin/mlops-registry-login";
/** Installs the NVIDIA Container Toolkit, so `docker run --gpus` reaches the driver. */
export const GPU_SETUP = "/usr/local/sbin/mlops-gpu-setup";

export interface ContainerConfig extends ContainerSpec {
  env: Record<string, string>;
  gpu: boolean;
  /** The client id of the instances' user-assigned identity (IMDS picks the only one when absent). */
  identityClientId: string | undefined;
  /** `secretEnv`: each variable's Key Vault secret URL and the vault's token audience. */
  secrets?: readonly { name: string; url: string; audience: string }[];
}

/**
 * The `#cloud-config` that installs Docker (and the NVIDIA Container Toolkit) and runs the container.
 * Given the service, a document over the custom data limit is a SpecError.
 */
export function renderCloudConfig(c: ContainerConfig, service?: { name: string; cloud: CloudId }): string {
  const registry = azureRegistry(c.image);
  const files: BootFile[] = [envBootFile(c.env)];
  const secrets = c.secrets ?? [];
  if (secrets.length > 0) {
    files.push(secretListFile(secrets.map((s) => [s.name, s.url, s.audience])));
    files.push({ path: FETCH_SECRETS, permissions: "0700", content: fetchSecrets() });
  }
  if (registry) files.push({ path: REGISTRY_LOGIN, permissions: "0755", content: registryLoginScript() });
  if (c.gpu) files.push({ path: GPU_SETUP, permissions: "0755", content: gpuSetupScript() });
  files.push(unitFile(SERVICE_UNIT, serviceUnit(c, registry)));
  const text = cloudConfig({
    head: { package_update: true, packages: ["docker.io"] },
    files,
    owner: "root:root",
    runcmd: [...(c.gpu ? [GPU_SETUP] : []), "systemctl daemon-reload", `systemctl enable --now ${SERVICE_UNIT}`],
  });
  return service ? checkUserDataSize(service, text) : text;
}

function serviceUnit(c: ContainerConfig, registry: string | undefined): string {
  const login = [REGISTRY_LOGIN, ...[registry ?? "", c.identityClientId ?? ""].filter((a) => a !== "").map(systemdArg)];
  const secrets = (c.secrets ?? []).length > 0;
  const flags = [...(secrets ? [`--env-file=${SECRET_ENV_FILE}`] : []), ...(c.gpu ? ["--gpus=all"] : [])];
  return systemdUnit({
    Unit: [
      "Description=Model server container",
      "Wants=network-online.target",
      "After=network-online.target docker.service",
      "Requires=docker.service",
    ],
    Service: [
      // A registry token lasts hours: logging in before every start keeps restarts working.
      ...(registry ? [`ExecStartPre=${login.join(" ")}`] : []),
      // Fetched at every start: a restart picks up a new version of the secret.
      ...(secrets
        ? [[`ExecStartPre=/bin/sh ${FETCH_SECRETS}`, ...(c.identityClientId ? [systemdArg(c.identityClientId)] : [])].join(" ")]
        : []),
      // Until the GPU driver extension has finished, `--gpus` fails: the unit retries until it works.
      ...containerServiceLines("/usr/bin/docker", c, flags),
    ],
    Install: ["WantedBy=multi-user.target"],
  });
}

/**
 * Exchanges a token of the instance's identity (from the instance metadata service) for a
 * registry refresh token, the way `az acr login --identity` does, without installing the CLI.
 */
function registryLoginScript(): string {
  return [
    "#!/bin/sh",
    "set -eu",
    'registry="$1"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'client_id="${2:-}"',
    'json() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }',
    // The registry's own audience: registries that refuse ARM-audience tokens (an Azure Landing Zones
    // policy, `azureADAuthenticationAsArmPolicy` disabled) still take it.
    // (built-in policy "Container registries should have ARM audience token authentication disabled", https://aka.ms/acr/authentication)
    'imds="http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://containerregistry.azure.net"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'aad=$(curl -fsS -H Metadata:true "$imds${client_id:+&client_id=$client_id}" | json access_token)',
    'refresh=$(curl -fsS -X POST --data-urlencode grant_type=access_token --data-urlencode "service=$registry" --data-urlencode "access_token=$aad" "https://$registry/oauth2/exchange" | json refresh_token)',
    'printf %s "$refresh" | docker login --username 00000000-0000-0000-0000-000000000000 --password-stdin "$registry"',
    "",
  ].join("\n");
}

/**
 * NVIDIA's documented apt installation of the Container Toolkit, and Docker configured to use it.
 * The NVIDIA driver extension installs its driver with apt at the same time, so apt may find the
 * dpkg lock taken ("Could not get lock /var/lib/dpkg/lock-frontend": MicrosoftDocs/azure-docs#111614,
 * Azure/aks-engine#1538): every apt step waits for the lock (DPkg::Lock::Timeout, apt >= 1.9.11) and
 * is retried, and Docker is installed here again in case cloud-init's own install lost that race.
 */
function gpuSetupScript(): string {
  const keyring = "/usr/share/keyrings/nvidia-container-toolkit-keyring.gpg";
  const apt = "apt-get -o DPkg::Lock::Timeout=600";
  return [
    "#!/bin/sh",
    "set -eu",
    // Up to an hour: the driver extension's own install and its reboot take minutes.
    'retry() { n=0; until "$@"; do n=$((n + 1)); [ "$n" -lt 60 ] || return 1; sleep 60; done; }',
    "export DEBIAN_FRONTEND=noninteractive",
    `retry ${apt} install -y docker.io`,
    `retry sh -c 'curl -fsSL https://nvidia.github.io/libnvidia-container/gpgkey | gpg --batch --yes --dearmor -o ${keyring}'`,
    "retry sh -c 'curl -fsSL https://nvidia.github.io/libnvidia-container/stable/deb/nvidia-container-toolkit.list \\",
    `  | sed "s#deb https://#deb [signed-by=${keyring}] https://#g" > /etc/apt/sources.list.d/nvidia-container-toolkit.list'`,
    `retry ${apt} update`,
    `retry ${apt} install -y nvidia-container-toolkit`,
    "nvidia-ctk runtime configure --runtime=docker",
    "systemctl restart docker",
    "",
  ].join("\n");
}

/** The registry host when the image is in an Azure Container Registry. */
function azureRegistry(image: string): string | undefined {
  const host = registryHost(image)?.toLowerCase();
  return host !== undefined && /^[a-z0-9]+\.azurecr\.(io|cn|us)$/.test(host) ? host : undefined;
}

/**
 * Reads each secret's current version with the instance's identity: a token for the vault's audience
 * from the instance metadata service, then Key Vault's REST API (Get Secret, api-version 7.4).
 */
function fetchSecrets(): string {
  return fetchSecretsScript(
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
      'client_id="${1:-}"',
      'json() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }',
    ],
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
      'token=$(curl -fsS -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=$extra${client_id:+&client_id=$client_id}" | json access_token)',
      'value=$(curl -fsS -H "Authorization: Bearer $token" "$ref?api-version=7.4" | json value)',
    ],
  );
}
