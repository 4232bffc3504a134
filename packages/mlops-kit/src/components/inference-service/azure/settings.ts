import type { InferenceServicePlan } from "../plan";

// The plan in the terms of Virtual Machine Scale Sets and Azure Monitor autoscale: the values,
// units and limits their APIs take, worked out without the SDK. The backend passes them to its
// resources.

/** Ubuntu 22.04 LTS, generation 2, the newest build at each deployment. */
export const UBUNTU_IMAGE = {
  publisher: "Canonical",
  offer: "0001-com-ubuntu-server-jammy",
  sku: "22_04-lts-gen2",
  version: "latest",
} as const;

/** Automatic instance repairs wait 10 to 90 minutes after an instance changes state. */
const REPAIR_GRACE_MINUTES = { min: 10, max: 90 } as const;
/**
 * The Application Health extension's public settings schema: probes every 5 to 60 seconds, 1 to 24
 * probes, a grace period of 5 to 14400 seconds. A value outside it fails the extension's enable
 * ("invalid public settings JSON"), and with it every instance
 * (github.com/Azure/applicationhealth-extension-linux, main/schema.go; integration-test/test/4_grace-period.bats).
 */
const HEALTH_INTERVAL_SECONDS = { min: 5, max: 60 } as const;
const HEALTH_GRACE_SECONDS = { min: 5, max: 14_400 } as const;
/** Rolling upgrade batches and unhealthy limits are percentages from 5 to 100. */
const MIN_BATCH_PERCENT = 5;
/** Autoscale cooldowns are whole minutes, at least one. */
const MIN_COOLDOWN_MINUTES = 1;

/**
 * A public key whose private key no one holds, so the scale set needs no login credential of
 * ours. Azure insists on a password or an SSH key for a Linux VM; this key is the RSA-2048
 * Factoring Challenge modulus RSA Laboratories published in 1991, whose factors were never
 * disclosed and are unknown, with exponent 65537. Operators reach instances through Run Command
 * (RBAC-controlled and logged) rather than SSH.
 */
export const NO_LOGIN_PUBLIC_KEY = sshRsaPublicKey(
  BigInt(
    "2519590847565789349402718324004839857142928212620403202777713783604366202070" +
      "7595556264018525880784406918290641249515082189298559149176184502808489120072" +
      "8449926873928072877767359714183472702618963750149718246911650776133798590957" +
      "0009733045974880842840179742910064245869181719511874612151517265463228221686" +
      "9987549182422433637259085141865462043576798423387184774447920739934236584823" +
      "8242811981638150106748104516603773060562016196762561338441436038339044149526" +
      "3443219011465754445417842402092461651572335077870774981712577246796292638635" +
      "6373289912154831438167899885040445364023527381951378636564391212010397122822" +
      "120720357",
  ),
  65537n,
  "no-login",
);

/** The local administrator the SSH key is attached to; no one logs in as it. */
export const ADMIN_USERNAME = "mlops";

/**
 * Trusted Launch (Secure Boot and a virtual TPM), set explicitly so that a change of the
 * platform's default cannot change an existing set. Secure Boot refuses unsigned kernel modules,
 * and the NVIDIA extension builds its driver on the instance (DKMS, unsigned): it is off on GPU
 * instances, the vTPM stays on. Encryption at host covers the temp disk and caches too. Every
 * size in the catalog supports Trusted Launch (Dsv5, Esv5, Fsv2, NCasT4_v3, NC_A100_v4; not the
 * ND A100 sizes, which are left out): learn.microsoft.com/azure/virtual-machines/trusted-launch,
 * "Virtual machines sizes".
 */
export function securityProfile(plan: InferenceServicePlan) {
  return {
    securityType: "TrustedLaunch" as const,
    uefiSettings: { secureBootEnabled: plan.compute.gpu === undefined, vTpmEnabled: true },
    encryptionAtHost: true,
  };
}

/** The extensions every instance runs: the health probe, and with GPUs the NVIDIA driver. */
export function scaleSetExtensions(plan: InferenceServicePlan) {
  const hc = plan.healthCheck;
  return [
    {
      // The instance's own view of the model's health, which rolling upgrades and automatic
      // repairs act on. It probes the container from the instance itself.
      name: "health",
      publisher: "Microsoft.ManagedServices",
      type: "ApplicationHealthLinux",
      // 1.0 ("binary" health) counts any 2xx answer as Healthy, the health check's contract on
      // every cloud. 2.0 ("rich" health) counts an instance Healthy only when the body is
      // {"ApplicationHealthState":"Healthy"}: a plain 200 is Unknown there, so automatic repairs
      // would replace every instance and rolling upgrades would stop; only when the spec asks.
      // (learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-health-extension,
      // "Binary versus Rich Health States")
      typeHandlerVersion: plan.azure.healthExtensionVersion,
      autoUpgradeMinorVersion: true,
      settings: {
        protocol: "http",
        port: plan.container.port,
        requestPath: hc.path,
        intervalInSeconds: clamp(hc.intervalSeconds, HEALTH_INTERVAL_SECONDS.min, HEALTH_INTERVAL_SECONDS.max),
        numberOfProbes: hc.unhealthyThreshold,
        // Booting, pulling the image and loading the model: "initializing", not "unhealthy". A
        // grace period of 0 (allowed by the spec) is the extension's shortest, 5 s.
        gracePeriod: clamp(hc.gracePeriodSeconds, HEALTH_GRACE_SECONDS.min, HEALTH_GRACE_SECONDS.max),
      },
    },
    ...(plan.azure.gpuDriver === "extension"
      ? [
          {
            name: "nvidia-driver",
            publisher: "Microsoft.HpcCompute",
            type: "NvidiaGpuDriverLinux",
            typeHandlerVersion: "1.6",
            autoUpgradeMinorVersion: true,
            settings: {},
          },
        ]
      : []),
  ];
}

/** How long automatic repairs wait after an instance changes state: the grace period, within Azure's range. */
export function repairGracePeriod(plan: InferenceServicePlan): string {
  return `PT${clamp(Math.ceil(plan.healthCheck.gracePeriodSeconds / 60), REPAIR_GRACE_MINUTES.min, REPAIR_GRACE_MINUTES.max)}M`;
}

/**
 * Surge when the rollout allows it: each batch creates new instances before the old ones go
 * (maxSurge), so capacity never drops. Without surge, batches of the unavailable share are
 * upgraded in place. A batch in flight counts as unhealthy, so the unhealthy limit is never below
 * one batch; an upgraded instance that fails its health check stops the rollout (and rolls it
 * back when asked) unless the rollout tolerates that many out of service.
 */
export function rollingUpgradePolicy(plan: InferenceServicePlan) {
  const r = plan.rollout;
  const surge = r.maxSurgePercent > 0;
  const batch = clamp(surge ? r.maxSurgePercent : r.maxUnavailablePercent, MIN_BATCH_PERCENT, 100);
  return {
    maxSurge: surge,
    maxBatchInstancePercent: batch,
    maxUnhealthyInstancePercent: clamp(Math.max(r.maxUnavailablePercent, batch), MIN_BATCH_PERCENT, 100),
    maxUnhealthyUpgradedInstancePercent: clamp(r.maxUnavailablePercent, 0, 100),
    // Long enough for the gateway to count the batch's instances healthy before the next starts.
    pauseTimeBetweenBatches: `PT${plan.healthCheck.healthyThreshold * plan.healthCheck.intervalSeconds}S`,
    prioritizeUnhealthyInstances: true,
    // No rollbackFailedInstancesOnPolicyBreach: it applies to Uniform orchestration only, and this
    // set is Flexible; a failed rollout stops and rolls forward (rollout.autoRollback is refused).
  };
}

/**
 * Out when CPU stays above the target for five minutes, in when it stays under the plan's
 * scale-in threshold (`azure.scaleIn`). With a request target, also out and in on the gateway's
 * requests per healthy instance per minute, the unit of the spec.
 */
export function autoscaleRules<Id>(plan: InferenceServicePlan, scaleSetId: Id, gatewayId: Id) {
  const s = plan.scaling;
  const scaleIn = plan.azure.scaleIn;
  const cooldown = (seconds: number) => `PT${Math.max(MIN_COOLDOWN_MINUTES, Math.ceil(seconds / 60))}M`;
  const out = { direction: "Increase" as const, type: "ChangeCount" as const, value: "1", cooldown: cooldown(s.scaleOutCooldownSeconds) };
  const inward = { direction: "Decrease" as const, type: "ChangeCount" as const, value: "1", cooldown: cooldown(s.scaleInCooldownSeconds) };
  const trigger = (metricResourceUri: Id, metricName: string, metricNamespace: string) => ({
    metricResourceUri,
    metricName,
    metricNamespace,
    timeGrain: "PT1M",
    statistic: "Average" as const,
    timeWindow: "PT5M",
    timeAggregation: "Average" as const,
  });
  const scaleOn = (metric: ReturnType<typeof trigger>, target: number, below: number) => [
    { metricTrigger: { ...metric, operator: "GreaterThan" as const, threshold: target }, scaleAction: out },
    { metricTrigger: { ...metric, operator: "LessThan" as const, threshold: below }, scaleAction: inward },
  ];
  const rate = s.targetRequestsPerInstance;
  return [
    ...scaleOn(trigger(scaleSetId, "Percentage CPU", "microsoft.compute/virtualmachinescalesets"), s.targetCpuPercent, scaleIn.cpuPercent),
    ...(rate !== undefined && scaleIn.requestsPerInstance !== undefined
      ? scaleOn(
          trigger(gatewayId, "AvgRequestCountPerHealthyHost", "microsoft.network/applicationgateways"),
          rate,
          scaleIn.requestsPerInstance,
        )
      : []),
  ];
}

/** Linux computer name prefixes: 1–15 letters, digits and hyphens, not starting with a digit or hyphen. */
export function computerNamePrefix(name: string): string {
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "")
    .replace(/^[^a-z]+/, "")
    .slice(0, 15)
    .replace(/-+$/, "");
  return clean.length > 0 ? clean : "mlops";
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** An `ssh-rsa` public key in OpenSSH's one-line form, from its modulus and exponent. */
function sshRsaPublicKey(modulus: bigint, exponent: bigint, comment: string): string {
  const u32 = (n: number) => Buffer.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  const field = (b: Buffer) => Buffer.concat([u32(b.length), b]);
  const mpint = (n: bigint) => {
    let hex = n.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    const bytes = Buffer.from(hex, "hex");
    // A set top bit would read as negative: a leading zero byte keeps it positive.
    return field((bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  const blob = Buffer.concat([field(Buffer.from("ssh-rsa")), mpint(exponent), mpint(modulus)]);
  return `ssh-rsa ${blob.toString("base64")} ${comment}`;
}
