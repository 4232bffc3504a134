import { BackendService, type BackendServiceArgs } from "@pulumi/gcp/compute/backendService";
import { Firewall, type FirewallArgs } from "@pulumi/gcp/compute/firewall";
import { getImageOutput } from "@pulumi/gcp/compute/getImage";
import { HealthCheck, type HealthCheckArgs } from "@pulumi/gcp/compute/healthCheck";
import { RegionAutoscaler, type RegionAutoscalerArgs } from "@pulumi/gcp/compute/regionAutoscaler";
import { RegionInstanceGroupManager, type RegionInstanceGroupManagerArgs } from "@pulumi/gcp/compute/regionInstanceGroupManager";
import { RegionInstanceTemplate, type RegionInstanceTemplateArgs } from "@pulumi/gcp/compute/regionInstanceTemplate";
import { SecurityPolicy, type SecurityPolicyArgs } from "@pulumi/gcp/compute/securityPolicy";
import { getClientConfigOutput } from "@pulumi/gcp/organizations/getClientConfig";
import { IAMMember } from "@pulumi/gcp/projects/iammember";
import { Account, type AccountArgs } from "@pulumi/gcp/serviceaccount/account";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { gcpLabels } from "../../../core/tags";
import type { ServiceInputs, ServiceResult } from "../contract";
import { type InferenceServicePlan, TYPE } from "../plan";
import type { OVERRIDE_ROLES } from "../spec";
import { renderCloudConfig } from "./boot";
import { provisionFrontend } from "./load-balancer";
import { grantSecretReads } from "./secrets";
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
} from "./settings";

export function provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult {
  const overrides = plan.gcp.overrides;
  const opts = { ...ctx.opts };
  // Roles (keys of `gcp.overrides`): see OVERRIDE_ROLES.gcp in spec.ts; forwardingRule applies to both rules.
  const role = <T extends object>(args: T, name: (typeof OVERRIDE_ROLES)["gcp"][number]): T => withOverrides(args, overrides, name);
  const labels = gcpLabels(plan.tags);
  const lb = plan.loadBalancer;
  const hc = plan.healthCheck;
  const port = plan.container.port;
  const network = inputs.networkInfo;
  const region = network.region;

  // The provider's project, asked through the component so an explicit provider is honoured.
  const project = getClientConfigOutput({ parent: ctx.parent }).project;

  // Service account ids are unique per project, shared by its stacks: the plan's id carries a hash
  // of project and stack that keeps dev and prod apart.
  const serviceAccount = new Account(
    `${plan.name}-sa`,
    role<AccountArgs>(
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
    ([suffix, iamRole]) => new IAMMember(`${plan.name}-${suffix}`, { project, role: iamRole, member: serviceAccount.member }, opts),
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
  const cos = getImageOutput({ family: "cos-stable", project: "cos-cloud" }, { parent: ctx.parent });

  const gpu = plan.compute.gpu;
  const secrets = grantSecretReads(plan, inputs.secretEnv, serviceAccount.member, opts);
  const userData = pulumi
    .all([pulumi.output(inputs.image), pulumi.output(inputs.env), secrets])
    .apply(([image, env, sec]) => renderCloudConfig({ ...plan.container, image, env, gpus: gpu?.count ?? 0, secrets: sec }, plan));

  // Regional rather than global: the template lives in the region of the group that uses it, so
  // creating instances never depends on a global control plane, and the user-data (which carries
  // the container's environment) is not stored outside that region. Templates are immutable;
  // Pulumi's autonaming gives each replacement a fresh name, so the new one is created and the
  // group moved to it before the old one is deleted.
  const instanceTemplate = new RegionInstanceTemplate(
    `${plan.name}-template`,
    role<RegionInstanceTemplateArgs>(
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

  const healthCheck = new HealthCheck(
    `${plan.name}-health`,
    role<HealthCheckArgs>(
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
  const firewall = new Firewall(
    `${plan.name}-allow-lb`,
    role<FirewallArgs>(
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
  const instanceGroupManager = new RegionInstanceGroupManager(
    `${plan.name}-group`,
    role<RegionInstanceGroupManagerArgs>(
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

  const autoscaler = new RegionAutoscaler(
    `${plan.name}-autoscaler`,
    role<RegionAutoscalerArgs>(
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
    : new SecurityPolicy(
        `${plan.name}-allowlist`,
        role<SecurityPolicyArgs>(
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

  const backendService = new BackendService(
    `${plan.name}-backend`,
    role<BackendServiceArgs>(
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

  const frontend = provisionFrontend(plan, inputs, ctx, { backendService, project, labels, role });
  const { address } = frontend;

  const ip = address.address;

  return {
    cloud: "gcp",
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
      ...frontend,
    },
  };
}

export type { GcpInferenceService } from "./resources";
