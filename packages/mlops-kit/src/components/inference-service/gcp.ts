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
import { renderCloudConfig } from "./gcp-boot";
import {
  allowlistRules,
  autoscalingPolicy,
  backendServiceSettings,
  clip,
  GOOGLE_FRONT_END_RANGES,
  PORT_NAME,
  regionalRolloutLimits,
  SERVICE_ACCOUNT_ROLES,
  schedulingOf,
} from "./gcp-settings";
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

const TYPE = "InferenceService";

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

  // The template only names the subnetwork; the instances, which pull their image through Cloud
  // NAT, come with the group, which waits for NAT (below). So the template does not.
  const subnetwork = inputs.networkInfo.privateSubnetIds.apply((ids) => {
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
  const userData = pulumi
    .all([pulumi.output(inputs.image), pulumi.output(inputs.env)])
    .apply(([image, env]) => renderCloudConfig({ ...plan.container, image, env, gpus: gpu?.count ?? 0 }));

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
        // The private tier's subnet ids carry the wait for Cloud NAT, and nothing else of the network.
        distributionPolicyZones: pulumi.all([network.zones, inputs.network.subnetIds.private]).apply(([zones]) => zones),
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

  const autoscaler = new compute.RegionAutoscaler(
    `${plan.name}-autoscaler`,
    role<compute.RegionAutoscalerArgs>(
      {
        description: `Scales the model servers of ${plan.name}`,
        region,
        target: instanceGroupManager.id,
        autoscalingPolicy: autoscalingPolicy(plan),
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

  const backendService = new compute.BackendService(
    `${plan.name}-backend`,
    role<compute.BackendServiceArgs>(
      {
        description: `Model servers of ${plan.name}`,
        loadBalancingScheme: "EXTERNAL_MANAGED",
        protocol: "HTTP",
        portName: PORT_NAME,
        healthChecks: healthCheck.id,
        ...backendServiceSettings(plan, instanceGroupManager.instanceGroup),
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

declare module "./component" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface InferenceServiceCloudResources {
    gcp: GcpInferenceService;
  }
}
