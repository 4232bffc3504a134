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
  systemdUnit,
  unitFile,
} from "../boot";
import { FETCH_SECRETS, fetchSecretsScript, SECRET_ENV_FILE, secretListFile } from "../secret-env";

// Boot configuration on Container-Optimized OS. COS keeps no /etc across reboots and applies the
// user-data on every boot, so the units below are written and started again after host maintenance
// or a restart.

/** The systemd unit that installs the NVIDIA driver, when the instances have GPUs. */
export const GPU_UNIT = "mlops-gpu.service";
/** A home for Docker's credential helper to write its configuration to (COS keeps `/root` read-only). */
const HOME = "/home/mlops";

export interface ContainerConfig extends ContainerSpec {
  env: Record<string, string>;
  /** GPUs per instance; 0 for none. */
  gpus: number;
  /** `secretEnv`: each variable's Secret Manager secret version. */
  secrets?: readonly { name: string; version: string }[];
}

/**
 * The `#cloud-config` user-data that runs the container (and, with GPUs, installs the driver first).
 * Given the service, a document over the metadata value limit is a SpecError.
 */
export function renderCloudConfig(c: ContainerConfig, service?: { name: string; cloud: CloudId }): string {
  const files: BootFile[] = [envBootFile(c.env)];
  const secrets = c.secrets ?? [];
  if (secrets.length > 0) {
    files.push(secretListFile(secrets.map((s) => [s.name, s.version])));
    files.push({ path: FETCH_SECRETS, permissions: "0700", content: fetchSecrets() });
  }
  if (c.gpus > 0) files.push(unitFile(GPU_UNIT, gpuUnit()));
  files.push(unitFile(SERVICE_UNIT, serviceUnit(c)));
  const text = cloudConfig({
    head: { users: [{ name: "mlops", uid: 2000 }] },
    files,
    owner: "root",
    runcmd: ["systemctl daemon-reload", `systemctl start ${SERVICE_UNIT}`],
  });
  return service ? checkUserDataSize(service, text) : text;
}

function serviceUnit(c: ContainerConfig): string {
  const registry = googleRegistry(c.image);
  const gpu = c.gpus > 0;
  const secrets = (c.secrets ?? []).length > 0;
  const flags = [...(secrets ? [`--env-file=${SECRET_ENV_FILE}`] : []), ...(gpu ? gpuDockerFlags(c.gpus) : [])];
  return systemdUnit({
    Unit: [
      "Description=Model server container",
      "Wants=network-online.target gcr-online.target",
      `After=network-online.target gcr-online.target${gpu ? ` ${GPU_UNIT}` : ""}`,
      ...(gpu ? [`Requires=${GPU_UNIT}`] : []),
    ],
    Service: [
      `Environment=HOME=${HOME}`,
      // The instance's service account pulls from Artifact Registry (or Container Registry).
      ...(registry ? [`ExecStartPre=docker-credential-gcr configure-docker --registries=${registry}`] : []),
      // Fetched at every start: a restart picks up a new version of a secret read as `latest`.
      ...(secrets ? [`ExecStartPre=/bin/sh ${FETCH_SECRETS}`] : []),
      ...containerServiceLines("docker", c, flags),
    ],
  });
}

/** Installs the COS-signed driver (Secure Boot stays on) and lets containers execute its libraries. */
function gpuUnit(): string {
  return systemdUnit({
    Unit: [
      "Description=NVIDIA driver from the Container-Optimized OS GPU extension",
      "Wants=network-online.target",
      "After=network-online.target",
    ],
    Service: [
      "Type=oneshot",
      "RemainAfterExit=true",
      "TimeoutStartSec=900",
      "ExecStart=cos-extensions install gpu",
      "ExecStartPost=mount --bind /var/lib/nvidia /var/lib/nvidia",
      "ExecStartPost=mount -o remount,exec /var/lib/nvidia",
      // Fails the unit, and so keeps the container down, when the driver does not answer.
      "ExecStartPost=/var/lib/nvidia/bin/nvidia-smi",
    ],
  });
}

/** The devices and driver libraries a container needs to use the instance's GPUs on COS. */
function gpuDockerFlags(gpus: number): string[] {
  return [
    "--volume=/var/lib/nvidia/lib64:/usr/local/nvidia/lib64",
    "--volume=/var/lib/nvidia/bin:/usr/local/nvidia/bin",
    "--device=/dev/nvidia-uvm:/dev/nvidia-uvm",
    "--device=/dev/nvidiactl:/dev/nvidiactl",
    ...Array.from({ length: gpus }, (_, i) => `--device=/dev/nvidia${i}:/dev/nvidia${i}`),
  ];
}

/** The registry host when the image is in Artifact Registry or Container Registry. */
function googleRegistry(image: string): string | undefined {
  const host = registryHost(image);
  const hostname = host?.split(":")[0] ?? "";
  return /(^|\.)gcr\.io$|-docker\.pkg\.dev$/.test(hostname) ? host : undefined;
}

/**
 * Reads each secret version with the instance's service account: a token from the metadata server,
 * then Secret Manager's REST API (`versions.access`), with what Container-Optimized OS has (curl,
 * sed, base64; no gcloud, no jq). Base64 payloads hold no quote, so sed can find them.
 */
function fetchSecrets(): string {
  return fetchSecretsScript(
    [
      'token=$(curl -fsS -H \'Metadata-Flavor: Google\' http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token | sed -n \'s/.*"access_token" *: *"\\([^"]*\\)".*/\\1/p\')',
      '[ -n "$token" ]',
    ],
    [
      `data=$(curl -fsS -H "Authorization: Bearer $token" "https://secretmanager.googleapis.com/v1/$ref:access" | tr -d ' \\n' | sed -n 's/.*"data":"\\([A-Za-z0-9+\\/=]*\\)".*/\\1/p')`,
      'value=$(printf %s "$data" | base64 -d)',
    ],
  );
}
