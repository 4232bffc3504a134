import * as compute from "@pulumi/gcp/compute";
import * as logging from "@pulumi/gcp/logging";
import * as organizations from "@pulumi/gcp/organizations";
import * as projects from "@pulumi/gcp/projects";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../core/backend";
import { SpecError } from "../../core/errors";
import { gcpLabels } from "../../core/tags";
import type { ServiceInputs, ServiceResult } from "./component";
import type { InferenceServicePlan } from "./plan";

/**
 * The GCP resources of an {@link InferenceService} (the escape hatch): a global external
 * Application Load Balancer in front of a regional managed instance group of Container-Optimized
 * OS VMs, each running the model's container.
 *
 * What GCP does not offer, and so is not here: automatic rollback of a failed rollout (a managed
 * instance group only stops replacing instances that fail their health check); a scale-out
 * cooldown (the autoscaler's initialization period keeps new instances out of its decisions
 * instead); and a group that mixes spot and standard VMs.
 */
export interface GcpInferenceService {
  /** The instances' identity. */
  serviceAccount: serviceaccount.Account;
  /** Its project roles: writing logs and metrics, pulling images from Artifact Registry. */
  serviceAccountRoles: projects.IAMMember[];
  /** What every instance is made from; replaced (under a new name) whenever anything in it changes. */
  instanceTemplate: compute.RegionInstanceTemplate;
  /** Used by both the load balancer and the group's autohealing. */
  healthCheck: compute.HealthCheck;
  /** Admits Google's health checkers and load balancer proxies to the container's port. */
  firewall: compute.Firewall;
  instanceGroupManager: compute.RegionInstanceGroupManager;
  autoscaler: compute.RegionAutoscaler;
  backendService: compute.BackendService;
  /** Present when `loadBalancer.allowedCidrs` does not admit everyone: a Cloud Armor allowlist. */
  securityPolicy?: compute.SecurityPolicy;
  /** Routes every request to the backend service. */
  urlMap: compute.URLMap;
  /** The reserved global IPv4 address the forwarding rules share. */
  address: compute.GlobalAddress;
  /** Present when TLS uses a Google-managed certificate for `loadBalancer.tls.domain`. */
  certificate?: compute.ManagedSslCertificate;
  /** Present unless TLS is off. */
  sslPolicy?: compute.SSLPolicy;
  /** Present unless TLS is off. */
  httpsProxy?: compute.TargetHttpsProxy;
  /** Present unless TLS is off: port 443. */
  httpsForwardingRule?: compute.GlobalForwardingRule;
  /** Present when plain HTTP is redirected to HTTPS. */
  redirectUrlMap?: compute.URLMap;
  /** Present when port 80 is served: the redirect, or the service itself when TLS is off. */
  httpProxy?: compute.TargetHttpProxy;
  /** Present when port 80 is served. */
  httpForwardingRule?: compute.GlobalForwardingRule;
  /** Present when access logs are on: keeps them for `loadBalancer.accessLogs.retentionDays`. */
  accessLogBucket?: logging.ProjectBucketConfig;
  /** Present when access logs are on: routes this load balancer's request logs into the bucket. */
  accessLogSink?: logging.ProjectSink;
}

/**
 * Where Google Front Ends connect from: the health checkers, and the global external Application
 * Load Balancer's proxies that forward client requests. Nothing else needs to reach an instance.
 */
export const GOOGLE_FRONT_END_RANGES = ["35.191.0.0/16", "130.211.0.0/22"] as const;

/**
 * The instances' project roles, by child-name suffix. Containers log to stdout and the COS agents
 * ship logs and metrics; images come from Artifact Registry. No primitive role, nothing that
 * writes beyond logs and metrics.
 */
export const SERVICE_ACCOUNT_ROLES = {
  "log-writer": "roles/logging.logWriter",
  "metric-writer": "roles/monitoring.metricWriter",
  "image-reader": "roles/artifactregistry.reader",
} as const;

/** The instance group's named port, which the backend service sends traffic to. */
export const PORT_NAME = "http";

/**
 * The load-balancing utilisation the autoscaler holds when it scales on request rate (Google's own
 * default). It is a fraction of the backend's `maxRatePerInstance`, so that rate is set to the
 * target divided by this: instances then settle at exactly the requested rate, and the load
 * balancer sees 20% headroom before it counts them as full.
 */
export const LB_UTILIZATION_TARGET = 0.8;

/** Cloud Armor's basic match condition takes at most this many ranges per rule. */
const RANGES_PER_RULE = 10;
/** Cloud Armor's default rule: the lowest priority there is, matching what no other rule did. */
const DEFAULT_RULE_PRIORITY = 2_147_483_647;
/** Connection draining stops at one hour. */
const MAX_DRAINING_SECONDS = 3600;

const TYPE = "InferenceService";

const LOCALITY_POLICY: Record<InferenceServicePlan["loadBalancer"]["algorithm"], string> = {
  roundRobin: "ROUND_ROBIN",
  leastRequests: "LEAST_REQUEST",
};

export function provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult {
  const overrides = plan.gcp.overrides;
  const opts = { ...ctx.opts };
  // Roles (keys of `gcp.overrides`): see OVERRIDE_ROLES.gcp in spec.ts; forwardingRule applies to both rules.
  const role = <T extends object>(args: T, name: string): T => withOverrides(args, overrides, name);
  const labels = gcpLabels(plan.tags);
  const lb = plan.loadBalancer;
  const hc = plan.healthCheck;
  const port = plan.container.port;
  const network = inputs.networkInfo;
  const region = network.region;

  // The provider's project, asked through the component so an explicit provider is honoured.
  const project = organizations.getClientConfigOutput({ parent: ctx.parent }).project;

  // Service account ids are unique per project, shared by its stacks: the plan's id carries a hash
  // of project and stack that keeps dev and prod apart.
  const serviceAccount = new serviceaccount.Account(
    `${plan.name}-sa`,
    role<serviceaccount.AccountArgs>(
      {
        project,
        accountId: plan.gcp.serviceAccountId,
        displayName: clip(`mlops-kit model server ${plan.name}`, 100),
        description: clip(`Identity of the instances of InferenceService ${plan.name}`, 256),
      },
      "serviceAccount",
    ),
    opts,
  );
  const serviceAccountRoles = Object.entries(SERVICE_ACCOUNT_ROLES).map(
    ([suffix, iamRole]) =>
      new projects.IAMMember(`${plan.name}-${suffix}`, { project, role: iamRole, member: serviceAccount.member }, opts),
  );

  // Network tags are how firewall rules find instances; one per service, so the health-check rule
  // opens this service's port on this service's instances only.
  const networkTag = plan.gcp.networkTag;

  // Cloud NAT must exist before an instance boots: it pulls its image through it. The private
  // subnet ids carry exactly that dependency (and no other part of the network).
  const subnetwork = inputs.network.subnetIds.private.apply((ids) => {
    const id = ids[0];
    if (id === undefined) {
      throw new SpecError(TYPE, plan.name, [{ path: "network", message: "has no private subnetwork to place the instances in" }]);
    }
    return id;
  });

  // Container-Optimized OS: a minimal, locked-down image with Docker, the GPU driver installer and
  // the logging and monitoring agents built in. The family's newest image is taken at each
  // deployment, so a `pulumi up` after a COS release rolls the patched image out.
  const cos = compute.getImageOutput({ family: "cos-stable", project: "cos-cloud" }, { parent: ctx.parent });

  const gpu = plan.compute.gpu;
  const userData = pulumi.all([pulumi.output(inputs.image), pulumi.output(inputs.env)]).apply(([image, env]) =>
    renderCloudConfig({
      image,
      env,
      port,
      command: plan.container.command,
      args: plan.container.args,
      gpus: gpu?.count ?? 0,
    }),
  );

  // Regional rather than global: the template lives in the region of the group that uses it, so
  // creating instances never depends on a global control plane, and the user-data (which carries
  // the container's environment) is not stored outside that region. Templates are immutable;
  // Pulumi's autonaming gives each replacement a fresh name, so the new one is created and the
  // group moved to it before the old one is deleted.
  const instanceTemplate = new compute.RegionInstanceTemplate(
    `${plan.name}-template`,
    role<compute.RegionInstanceTemplateArgs>(
      {
        description: `mlops-kit InferenceService ${plan.name}`,
        region,
        machineType: plan.compute.machineType,
        labels,
        tags: [networkTag],
        canIpForward: false,
        disks: [
          {
            boot: true,
            autoDelete: true,
            sourceImage: cos.selfLink,
            diskSizeGb: plan.diskGiB,
            diskType: "pd-balanced",
            labels,
            // Encrypted at rest with Google-managed keys. A customer-managed key would go in
            // `diskEncryptionKey` (with the Compute Engine service agent allowed to use it), through
            // an instanceTemplate override of `disks`.
          },
        ],
        // No access config: no external IP. Egress goes through Cloud NAT; ingress only through
        // the load balancer.
        networkInterfaces: [{ subnetwork }],
        guestAccelerators: gpu && plan.compute.accelerator ? [{ type: plan.compute.accelerator, count: gpu.count }] : undefined,
        scheduling: schedulingOf(plan),
        shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
        // With a dedicated service account the scope grants nothing by itself: its IAM roles decide.
        serviceAccount: { email: serviceAccount.email, scopes: ["cloud-platform"] },
        metadata: {
          "user-data": userData,
          "google-logging-enabled": "true",
          "google-monitoring-enabled": "true",
          "enable-oslogin": "TRUE",
          "block-project-ssh-keys": "TRUE",
          // An instance never changes in place: a new COS image reaches it as a new template.
          "cos-update-strategy": "update_disabled",
        },
      },
      "instanceTemplate",
    ),
    opts,
  );

  const healthCheck = new compute.HealthCheck(
    `${plan.name}-health`,
    role<compute.HealthCheckArgs>(
      {
        description: `Readiness of the model server of ${plan.name}`,
        checkIntervalSec: hc.intervalSeconds,
        timeoutSec: hc.timeoutSeconds,
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
        httpHealthCheck: { port, requestPath: hc.path },
        logConfig: { enable: true },
      },
      "healthCheck",
    ),
    opts,
  );

  // Beats the network's logged deny-all ingress rule (a higher priority number) and opens nothing
  // else: no SSH, nothing from the network itself.
  const firewall = new compute.Firewall(
    `${plan.name}-allow-lb`,
    role<compute.FirewallArgs>(
      {
        description: `Admit Google's health checkers and load balancer proxies to the model server of ${plan.name}`,
        network: network.networkId,
        direction: "INGRESS",
        priority: 1000,
        sourceRanges: [...GOOGLE_FRONT_END_RANGES],
        allows: [{ protocol: "tcp", ports: [String(port)] }],
        targetTags: [networkTag],
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
      },
      "firewall",
    ),
    opts,
  );

  // No target size: the autoscaler owns it. The group waits for the service account's roles, or
  // its first instances would boot unable to pull the image or write logs.
  const instanceGroupManager = new compute.RegionInstanceGroupManager(
    `${plan.name}-group`,
    role<compute.RegionInstanceGroupManagerArgs>(
      {
        description: `Model servers of ${plan.name}`,
        region,
        baseInstanceName: plan.gcp.baseInstanceName,
        distributionPolicyZones: network.zones,
        versions: [{ instanceTemplate: instanceTemplate.selfLink }],
        namedPorts: [{ name: PORT_NAME, port }],
        autoHealingPolicies: { healthCheck: healthCheck.id, initialDelaySec: hc.gracePeriodSeconds },
        updatePolicy: network.zones.apply((zones) => ({
          type: "PROACTIVE",
          minimalAction: "REPLACE",
          // New instances with new names come up before old ones go, so capacity holds.
          replacementMethod: "SUBSTITUTE",
          ...regionalRolloutLimits(plan.rollout, zones.length),
        })),
        waitForInstances: false,
      },
      "instanceGroupManager",
    ),
    { ...opts, dependsOn: serviceAccountRoles },
  );

  const scaling = plan.scaling;
  const scaleOnRate = scaling.targetRequestsPerInstance !== undefined;
  const autoscaler = new compute.RegionAutoscaler(
    `${plan.name}-autoscaler`,
    role<compute.RegionAutoscalerArgs>(
      {
        description: `Scales the model servers of ${plan.name}`,
        region,
        target: instanceGroupManager.id,
        autoscalingPolicy: {
          mode: "ON",
          minReplicas: scaling.min,
          maxReplicas: scaling.max,
          // The initialization period: a booting instance (image pull, model load) would report
          // misleading CPU, so the autoscaler ignores it for as long as it is allowed to boot.
          cooldownPeriod: hc.gracePeriodSeconds,
          // How long load must stay low before the group shrinks: the scale-in cooldown.
          stabilizationPeriod: scaling.scaleInCooldownSeconds,
          cpuUtilization: { target: scaling.targetCpuPercent / 100 },
          // Several signals: the autoscaler keeps the largest size any of them asks for.
          loadBalancingUtilization: scaleOnRate ? { target: LB_UTILIZATION_TARGET } : undefined,
        },
      },
      "autoscaler",
    ),
    opts,
  );

  // Cloud Armor enforces the client allowlist at Google's edge; a list that admits everyone needs
  // no policy at all.
  const admitsAll = (lb.allowedCidrs ?? []).includes("0.0.0.0/0");
  const securityPolicy = admitsAll
    ? undefined
    : new compute.SecurityPolicy(
        `${plan.name}-allowlist`,
        role<compute.SecurityPolicyArgs>(
          {
            description: `Clients admitted to ${plan.name}`,
            type: "CLOUD_ARMOR",
            labels,
            rules: inputs.allowedCidrs.apply(allowlistRules),
          },
          "securityPolicy",
        ),
        opts,
      );

  const rate = scaling.targetRequestsPerInstance;
  const backendService = new compute.BackendService(
    `${plan.name}-backend`,
    role<compute.BackendServiceArgs>(
      {
        description: `Model servers of ${plan.name}`,
        loadBalancingScheme: "EXTERNAL_MANAGED",
        protocol: "HTTP",
        portName: PORT_NAME,
        healthChecks: healthCheck.id,
        backends: [
          rate === undefined
            ? { group: instanceGroupManager.instanceGroup, balancingMode: "UTILIZATION", capacityScaler: 1 }
            : {
                group: instanceGroupManager.instanceGroup,
                // Per second, where the spec counts per minute.
                balancingMode: "RATE",
                maxRatePerInstance: rate / 60 / LB_UTILIZATION_TARGET,
                capacityScaler: 1,
              },
        ],
        localityLbPolicy: LOCALITY_POLICY[lb.algorithm],
        sessionAffinity: lb.stickiness.enabled ? "GENERATED_COOKIE" : "NONE",
        affinityCookieTtlSec: lb.stickiness.enabled ? lb.stickiness.durationSeconds : undefined,
        // The longest a request may wait for its response; draining as long lets every request in
        // flight on a departing instance finish.
        timeoutSec: lb.idleTimeoutSeconds,
        connectionDrainingTimeoutSec: Math.min(lb.idleTimeoutSeconds, MAX_DRAINING_SECONDS),
        logConfig: lb.accessLogs.enabled ? { enable: true, sampleRate: 1.0 } : { enable: false },
        securityPolicy: securityPolicy?.selfLink,
        enableCdn: false,
      },
      "backendService",
    ),
    opts,
  );

  const urlMap = new compute.URLMap(
    `${plan.name}-urls`,
    role<compute.URLMapArgs>({ description: `Routes ${plan.name}`, defaultService: backendService.id }, "urlMap"),
    opts,
  );

  // Deletion protection guards what clients and DNS point at: the address and the rules on it.
  const deletionPolicy = lb.deletionProtection ? "PREVENT" : undefined;
  const address = new compute.GlobalAddress(
    `${plan.name}-address`,
    role<compute.GlobalAddressArgs>(
      { description: `Public address of ${plan.name}`, addressType: "EXTERNAL", ipVersion: "IPV4", labels, deletionPolicy },
      "address",
    ),
    opts,
  );

  const forwardingRule = (suffix: string, target: pulumi.Input<string>, portRange: string): compute.GlobalForwardingRule =>
    new compute.GlobalForwardingRule(
      `${plan.name}-${suffix}`,
      role<compute.GlobalForwardingRuleArgs>(
        {
          description: `${plan.name} on port ${portRange}`,
          loadBalancingScheme: "EXTERNAL_MANAGED",
          ipProtocol: "TCP",
          ipAddress: address.id,
          portRange,
          target,
          labels,
          deletionPolicy,
        },
        "forwardingRule",
      ),
      opts,
    );

  let certificate: compute.ManagedSslCertificate | undefined;
  let sslPolicy: compute.SSLPolicy | undefined;
  let httpsProxy: compute.TargetHttpsProxy | undefined;
  let httpsForwardingRule: compute.GlobalForwardingRule | undefined;
  let redirectUrlMap: compute.URLMap | undefined;
  let httpProxy: compute.TargetHttpProxy | undefined;
  let httpForwardingRule: compute.GlobalForwardingRule | undefined;

  if (lb.tls.mode === "off") {
    httpProxy = new compute.TargetHttpProxy(
      `${plan.name}-http`,
      role<compute.TargetHttpProxyArgs>({ description: `${plan.name} over plain HTTP`, urlMap: urlMap.id }, "httpProxy"),
      opts,
    );
    httpForwardingRule = forwardingRule("http", httpProxy.id, "80");
  } else {
    let certificates: pulumi.Input<string>[];
    if (lb.tls.mode === "managed") {
      const domain = lb.tls.domain;
      if (domain === undefined) throw new Error(`${TYPE} "${plan.name}": the plan asks for a managed certificate without a domain`);
      // Google issues it once the domain's DNS points at the address; autonamed, so a new domain
      // gets a new certificate before the old one is released.
      certificate = new compute.ManagedSslCertificate(
        `${plan.name}-cert`,
        role<compute.ManagedSslCertificateArgs>(
          { description: `Certificate for ${domain}`, type: "MANAGED", managed: { domains: [domain] } },
          "certificate",
        ),
        opts,
      );
      certificates = [certificate.id];
    } else {
      const certificateId = inputs.certificateId;
      if (certificateId === undefined) throw new Error(`${TYPE} "${plan.name}": the plan asks for a certificate without a certificateId`);
      certificates = [certificateId];
    }
    // MODERN with TLS 1.2 at least: forward-secret ciphers only, and every current client.
    sslPolicy = new compute.SSLPolicy(
      `${plan.name}-tls`,
      role<compute.SSLPolicyArgs>(
        { description: `TLS settings of ${plan.name}`, profile: "MODERN", minTlsVersion: "TLS_1_2" },
        "sslPolicy",
      ),
      opts,
    );
    httpsProxy = new compute.TargetHttpsProxy(
      `${plan.name}-https`,
      role<compute.TargetHttpsProxyArgs>(
        { description: `${plan.name} over HTTPS`, urlMap: urlMap.id, sslCertificates: certificates, sslPolicy: sslPolicy.id },
        "httpsProxy",
      ),
      opts,
    );
    httpsForwardingRule = forwardingRule("https", httpsProxy.id, "443");

    if (lb.tls.redirectHttp) {
      // Port 80 on the same address answers every request with a permanent redirect to HTTPS;
      // it never reaches the instances.
      redirectUrlMap = new compute.URLMap(
        `${plan.name}-redirect`,
        role<compute.URLMapArgs>(
          {
            description: `Redirects plain HTTP to HTTPS for ${plan.name}`,
            defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
          },
          "redirectUrlMap",
        ),
        opts,
      );
      httpProxy = new compute.TargetHttpProxy(
        `${plan.name}-http`,
        role<compute.TargetHttpProxyArgs>({ description: `${plan.name}: redirect to HTTPS`, urlMap: redirectUrlMap.id }, "httpProxy"),
        opts,
      );
      httpForwardingRule = forwardingRule("http", httpProxy.id, "80");
    }
  }

  let accessLogBucket: logging.ProjectBucketConfig | undefined;
  let accessLogSink: logging.ProjectSink | undefined;
  if (lb.accessLogs.enabled) {
    // Request logs land in the _Default bucket, which keeps them 30 days whatever we ask; the
    // plan's retention needs a bucket of its own. Google-managed encryption at rest.
    accessLogBucket = new logging.ProjectBucketConfig(
      `${plan.name}-access-logs`,
      role<logging.ProjectBucketConfigArgs>(
        {
          project,
          bucketId: plan.gcp.accessLogBucketId,
          location: "global",
          retentionDays: lb.accessLogs.retentionDays,
          description: `Load balancer request logs of ${plan.name}`,
        },
        "accessLogBucket",
      ),
      { ...opts, retainOnDelete: plan.retainLogs },
    );
    // A sink into a log bucket of its own project needs no IAM grant for its writer identity.
    accessLogSink = new logging.ProjectSink(
      `${plan.name}-access-logs-sink`,
      role<logging.ProjectSinkArgs>(
        {
          project,
          description: `Route the request logs of ${plan.name} to its access log bucket`,
          destination: pulumi.interpolate`logging.googleapis.com/projects/${accessLogBucket.project}/locations/${accessLogBucket.location}/buckets/${accessLogBucket.bucketId}`,
          filter: pulumi.interpolate`resource.type="http_load_balancer" AND resource.labels.backend_service_name="${backendService.name}"`,
        },
        "accessLogSink",
      ),
      opts,
    );
  }

  const ip = address.address;
  const scheme = lb.tls.mode === "off" ? "http" : "https";
  const host = lb.tls.mode === "managed" && lb.tls.domain !== undefined ? pulumi.output(lb.tls.domain) : ip;

  return {
    cloud: "gcp",
    url: pulumi.interpolate`${scheme}://${host}`,
    address: ip,
    loadBalancerId: backendService.id,
    scalingGroupId: instanceGroupManager.id,
    resources: {
      serviceAccount,
      serviceAccountRoles,
      instanceTemplate,
      healthCheck,
      firewall,
      instanceGroupManager,
      autoscaler,
      backendService,
      securityPolicy,
      urlMap,
      address,
      certificate,
      sslPolicy,
      httpsProxy,
      httpsForwardingRule,
      redirectUrlMap,
      httpProxy,
      httpForwardingRule,
      accessLogBucket,
      accessLogSink,
    },
  };
}

/**
 * The rollout limits of a regional managed instance group. GCP takes fixed counts there (percentages
 * only for groups of 10 or more), and each must be 0 or at least the number of zones, so that every
 * zone can move at once.
 *
 * The surge is raised to the zone count: a few minutes of extra instances cost money, not
 * availability. The unavailable count is never raised above what was asked (it is a promise about
 * capacity): below the zone count it becomes 0 and the rollout proceeds by surge alone. Only when
 * the spec allows no surge and its unavailable share rounds below the zone count is the unavailable
 * count raised to the zone count, the least that lets a rollout happen at all.
 */
export function regionalRolloutLimits(
  rollout: Pick<InferenceServicePlan["rollout"], "maxSurgeInstances" | "maxUnavailableInstances">,
  zones: number,
): { maxSurgeFixed: number; maxUnavailableFixed: number } {
  const maxSurgeFixed = rollout.maxSurgeInstances > 0 ? Math.max(rollout.maxSurgeInstances, zones) : 0;
  let maxUnavailableFixed = rollout.maxUnavailableInstances >= zones ? rollout.maxUnavailableInstances : 0;
  if (maxSurgeFixed === 0 && maxUnavailableFixed === 0) maxUnavailableFixed = zones;
  return { maxSurgeFixed, maxUnavailableFixed };
}

function schedulingOf(plan: InferenceServicePlan): compute.RegionInstanceTemplateArgs["scheduling"] {
  if (plan.spot.enabled) {
    // Spot VMs cannot live-migrate or restart themselves. DELETE rather than STOP: the group
    // recreates a preempted instance when capacity returns, and a stopped one would only hold its
    // disk (and its bill).
    return {
      provisioningModel: "SPOT",
      preemptible: true,
      automaticRestart: false,
      onHostMaintenance: "TERMINATE",
      instanceTerminationAction: "DELETE",
    };
  }
  // VMs with GPUs cannot live-migrate: host maintenance stops them, and they restart after it.
  return { provisioningModel: "STANDARD", automaticRestart: true, onHostMaintenance: plan.compute.gpu ? "TERMINATE" : "MIGRATE" };
}

type SecurityRule = NonNullable<pulumi.Unwrap<compute.SecurityPolicyArgs["rules"]>>[number];

function allowlistRules(cidrs: string[]): SecurityRule[] {
  const rules: SecurityRule[] = [];
  for (let i = 0; i * RANGES_PER_RULE < cidrs.length; i++) {
    rules.push({
      action: "allow",
      priority: 1000 + i,
      description: "Admitted client ranges",
      match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: cidrs.slice(i * RANGES_PER_RULE, (i + 1) * RANGES_PER_RULE) } },
    });
  }
  rules.push({
    action: "deny(403)",
    priority: DEFAULT_RULE_PRIORITY,
    description: "Every other client",
    match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
  });
  return rules;
}

function clip(s: string, max: number): string {
  return [...s].slice(0, max).join("");
}

// Boot configuration. COS keeps no /etc across reboots and applies the user-data on every boot, so
// the units below are written and started again after host maintenance or a restart.

/** The systemd unit that runs the model server. */
export const SERVICE_UNIT = "mlops-model.service";
/** The systemd unit that installs the NVIDIA driver, when the instances have GPUs. */
export const GPU_UNIT = "mlops-gpu.service";
/** The container's name on the instance. */
export const CONTAINER_NAME = "model";
/** The container's environment, readable by root only. */
export const ENV_FILE = "/etc/mlops/model.env";
/** A home for Docker's credential helper to write its configuration to (COS keeps `/root` read-only). */
const HOME = "/home/mlops";

export interface ContainerConfig {
  image: string;
  env: Record<string, string>;
  port: number;
  command: string[] | undefined;
  args: string[] | undefined;
  /** GPUs per instance; 0 for none. */
  gpus: number;
}

/** The `#cloud-config` user-data that runs the container (and, with GPUs, installs the driver first). */
export function renderCloudConfig(c: ContainerConfig): string {
  const envFile = Object.entries(c.env)
    .map(([k, v]) => `${k}=${v}\n`)
    .join("");
  const files: { path: string; permissions: string; content: string; base64?: boolean }[] = [
    // Base64 keeps values exactly as given, whatever characters they hold.
    { path: ENV_FILE, permissions: "0600", content: Buffer.from(envFile, "utf8").toString("base64"), base64: true },
  ];
  if (c.gpus > 0) files.push({ path: `/etc/systemd/system/${GPU_UNIT}`, permissions: "0644", content: gpuUnit() });
  files.push({ path: `/etc/systemd/system/${SERVICE_UNIT}`, permissions: "0644", content: serviceUnit(c) });

  const lines = ["#cloud-config", "", "users:", "  - name: mlops", "    uid: 2000", "", "write_files:"];
  for (const f of files) {
    lines.push(`  - path: ${f.path}`, `    permissions: "${f.permissions}"`, "    owner: root");
    if (f.base64) {
      lines.push("    encoding: b64", `    content: "${f.content}"`);
    } else {
      lines.push("    content: |", ...f.content.split("\n").map((l) => (l === "" ? "" : `      ${l}`)));
    }
  }
  lines.push("", "runcmd:", "  - systemctl daemon-reload", `  - systemctl start ${SERVICE_UNIT}`, "");
  return lines.join("\n");
}

function serviceUnit(c: ContainerConfig): string {
  const registry = googleRegistry(c.image);
  const gpu = c.gpus > 0;
  const run = [
    "docker",
    "run",
    "--rm",
    `--name=${CONTAINER_NAME}`,
    `--publish=${c.port}:${c.port}`,
    `--env-file=${ENV_FILE}`,
    ...(gpu ? gpuDockerFlags(c.gpus) : []),
  ];
  // Like Kubernetes: `command` replaces the image's entrypoint, `args` its default arguments.
  const [entrypoint, ...commandRest] = c.command ?? [];
  if (entrypoint !== undefined) run.push("--entrypoint", systemdArg(entrypoint));
  run.push(systemdArg(c.image), ...commandRest.map(systemdArg), ...(c.args ?? []).map(systemdArg));

  return [
    "[Unit]",
    "Description=Model server container",
    "Wants=network-online.target gcr-online.target",
    `After=network-online.target gcr-online.target${gpu ? ` ${GPU_UNIT}` : ""}`,
    ...(gpu ? [`Requires=${GPU_UNIT}`] : []),
    "",
    "[Service]",
    `Environment=HOME=${HOME}`,
    // The instance's service account pulls from Artifact Registry (or Container Registry).
    ...(registry ? [`ExecStartPre=docker-credential-gcr configure-docker --registries=${registry}`] : []),
    `ExecStartPre=-docker rm --force ${CONTAINER_NAME}`,
    // Large model images can take minutes to pull: no start timeout.
    "TimeoutStartSec=0",
    `ExecStart=${run.join(" ")}`,
    `ExecStop=docker stop ${CONTAINER_NAME}`,
    "Restart=always",
    "RestartSec=10",
    "",
  ].join("\n");
}

/** Installs the COS-signed driver (Secure Boot stays on) and lets containers execute its libraries. */
function gpuUnit(): string {
  return [
    "[Unit]",
    "Description=NVIDIA driver from the Container-Optimized OS GPU extension",
    "Wants=network-online.target",
    "After=network-online.target",
    "",
    "[Service]",
    "Type=oneshot",
    "RemainAfterExit=true",
    "TimeoutStartSec=900",
    "ExecStart=cos-extensions install gpu",
    "ExecStartPost=mount --bind /var/lib/nvidia /var/lib/nvidia",
    "ExecStartPost=mount -o remount,exec /var/lib/nvidia",
    // Fails the unit, and so keeps the container down, when the driver does not answer.
    "ExecStartPost=/var/lib/nvidia/bin/nvidia-smi",
    "",
  ].join("\n");
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
  const slash = image.indexOf("/");
  if (slash < 0) return undefined;
  const host = image.slice(0, slash);
  const hostname = host.split(":")[0] ?? "";
  return /(^|\.)gcr\.io$|-docker\.pkg\.dev$/.test(hostname) ? host : undefined;
}

/**
 * One argument of a systemd command line, exactly as given: double-quoted, with backslashes,
 * quotes and control characters escaped, and `$` and `%` doubled so that systemd expands neither
 * variables nor specifiers in them.
 */
export function systemdArg(s: string): string {
  let escaped = "";
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === "\\" || ch === '"') escaped += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) escaped += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (ch === "$" || ch === "%") escaped += ch + ch;
    else escaped += ch;
  }
  return `"${escaped}"`;
}
