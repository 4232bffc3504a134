import type { RepositoryIamMember } from "@pulumi/gcp/artifactregistry/repositoryIamMember";
import { BackendService, type BackendServiceArgs } from "@pulumi/gcp/compute/backendService";
import { Firewall, type FirewallArgs } from "@pulumi/gcp/compute/firewall";
import { getImageOutput } from "@pulumi/gcp/compute/getImage";
import { HealthCheck, type HealthCheckArgs } from "@pulumi/gcp/compute/healthCheck";
import { RegionAutoscaler, type RegionAutoscalerArgs } from "@pulumi/gcp/compute/regionAutoscaler";
import { RegionBackendService, type RegionBackendServiceArgs } from "@pulumi/gcp/compute/regionBackendService";
import { RegionHealthCheck, type RegionHealthCheckArgs } from "@pulumi/gcp/compute/regionHealthCheck";
import { RegionInstanceGroupManager, type RegionInstanceGroupManagerArgs } from "@pulumi/gcp/compute/regionInstanceGroupManager";
import { RegionInstanceTemplate, type RegionInstanceTemplateArgs } from "@pulumi/gcp/compute/regionInstanceTemplate";
import { RegionSecurityPolicy, type RegionSecurityPolicyArgs } from "@pulumi/gcp/compute/regionSecurityPolicy";
import { SecurityPolicy, type SecurityPolicyArgs } from "@pulumi/gcp/compute/securityPolicy";
import { getClientConfigOutput } from "@pulumi/gcp/organizations/getClientConfig";
import { IAMMember } from "@pulumi/gcp/projects/iammember";
import { Account, type AccountArgs } from "@pulumi/gcp/serviceaccount/account";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { shortHash } from "../../../core/naming";
import { gcpLabels } from "../../../core/tags";
import { gcpProxyOnlyCidr } from "../../network/plan";
import type { ServiceInputs, ServiceResult } from "../contract";
import { GcpLoadBalancing } from "../info";
import { type InferenceServicePlan, TYPE } from "../plan";
import { type GcpGroupPlacement, placeGcpGroup } from "../plan-gcp";
import { renderCloudConfig } from "./boot";
import { grantImagePull } from "./image";
import { provisionInternalFrontend } from "./internal-load-balancer";
import { provisionFrontend } from "./load-balancer";
import { grantRegistryRead } from "./registry";
import type { GcpInferenceService } from "./resources";
import { grantSecretReads } from "./secrets";
import {
  autoscalingPolicy,
  backendServiceSettings,
  clip,
  GOOGLE_FRONT_END_RANGES,
  PORT_NAME,
  regionalRolloutLimits,
  SERVICE_ACCOUNT_ROLES,
  schedulingOf,
  securityPolicyRules,
} from "./settings";
import type { Step } from "./step";

export type { GcpInferenceService } from "./resources";

/** The service, in the order its parts are created; each step takes what the earlier ones made. */
export function provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult {
  const step: Step = {
    plan,
    inputs,
    region: inputs.networkInfo.region,
    labels: gcpLabels(plan.tags),
    opts: { ...ctx.opts },
    role: (args, name) => withOverrides(args, plan.gcp.overrides, name),
  };
  // The provider's project, asked through the component so an explicit provider is honoured.
  const project = getClientConfigOutput({ parent: ctx.parent }).project;

  const identity = createIdentity(step, project);
  const instanceTemplate = createInstanceTemplate(step, identity.serviceAccount, ctx);
  const healthCheck = createHealthCheck(step);
  const firewall = createFirewall(step);
  // The group waits for the registry's read grants as for the identity's other grants.
  const registryRead = grantRegistryRead(plan.name, inputs.registry, identity.serviceAccount.member, ctx.opts);
  const { instanceGroupManager, autoscaler } = createGroup(step, instanceTemplate, healthCheck, [...identity.grants, ...registryRead]);
  const securityPolicy = createSecurityPolicy(step);
  const backendService = createBackendService(step, instanceGroupManager, healthCheck, securityPolicy);
  const frontend =
    plan.loadBalancer.scheme === "internal"
      ? provisionInternalFrontend(step, { backendService, project })
      : provisionFrontend(step, { backendService, project });

  const resources: GcpInferenceService = {
    serviceAccount: identity.serviceAccount,
    serviceAccountRoles: identity.serviceAccountRoles,
    imageReader: identity.imageReader,
    registryRead,
    instanceTemplate,
    healthCheck,
    firewall,
    instanceGroupManager,
    autoscaler,
    backendService,
    securityPolicy,
    ...frontend,
  };
  return {
    cloud: "gcp",
    address: frontend.address.address,
    loadBalancerId: backendService.id,
    scalingGroupId: instanceGroupManager.id,
    metrics: pulumi
      .all([backendService.name, frontend.urlMap.name, instanceGroupManager.name, step.region])
      .apply(([backendServiceName, urlMapName, instanceGroupManagerName, region]) => ({
        gcp: {
          loadBalancing: plan.loadBalancer.scheme === "internal" ? GcpLoadBalancing.Regional : GcpLoadBalancing.Global,
          backendServiceName,
          urlMapName,
          instanceGroupManagerName,
          region,
        },
      })),
    resources,
  };
}

/**
 * The instances' identity: a service account of their own (its id carries a hash of project and
 * stack, which keeps dev and prod apart), its project roles (logs, metrics) and reader on the
 * image's repository. The group waits for all of them, or its first instances would boot unable
 * to pull the image or write logs.
 */
function createIdentity({ plan, inputs, opts, role }: Step, project: pulumi.Output<string>) {
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
  const imageReader = grantImagePull(plan.name, inputs.image, serviceAccount.member, opts);
  const grants: pulumi.Resource[] = [...serviceAccountRoles, ...(imageReader ? [imageReader] : [])];
  return { serviceAccount, serviceAccountRoles, imageReader: imageReader as RepositoryIamMember | undefined, grants };
}

/**
 * What every instance is made from. Regional rather than global: the template lives in the region
 * of the group that uses it, so creating instances never depends on a global control plane, and the
 * user-data (which carries the container's environment) is not stored outside that region.
 * Templates are immutable: `namePrefix` gives each replacement a fresh name, so the new one is
 * created and the group moved to it before the old one is deleted.
 */
function createInstanceTemplate({ plan, inputs, region, labels, opts, role }: Step, serviceAccount: Account, ctx: ProvisionContext) {
  // The template only names the subnetwork; the instances, which pull their image through Cloud
  // NAT, come with the group, which waits for NAT. So the template does not.
  const subnetwork = inputs.networkInfo.privateSubnetIds.apply((ids) => {
    const id = ids[0];
    if (id === undefined) {
      throw new SpecError(TYPE, plan.name, [{ path: "network", message: "has no private subnetwork to place the instances in" }]);
    }
    return id;
  });
  // Container-Optimized OS: a minimal, locked-down image with Docker, the GPU driver installer and
  // the logging and monitoring agents built in. The family moves with every COS release (every few
  // weeks): a template that followed it would replace every instance during an unrelated `pulumi
  // up`. So the image is the spec's, or the family's newest read once and kept (ignoreChanges on it
  // also holds when the template is replaced for another reason), unless `gcp.imageUpdates` is
  // `latest`.
  const image = plan.gcp.image;
  const sourceImage = image.source ?? getImageOutput({ family: "cos-stable", project: "cos-cloud" }, { parent: ctx.parent }).selfLink;
  const pinned = image.source === undefined && image.updates === "pinned";
  const gpu = plan.compute.gpu;
  const secrets = grantSecretReads(plan, inputs.secretEnv, serviceAccount.member, opts);
  const userData = pulumi
    .all([pulumi.output(inputs.image), pulumi.output(inputs.env), secrets])
    .apply(([image, env, sec]) => renderCloudConfig({ ...plan.container, image, env, gpus: gpu?.count ?? 0, secrets: sec }, plan));
  return new RegionInstanceTemplate(
    `${plan.name}-template`,
    role<RegionInstanceTemplateArgs>(
      {
        namePrefix: `${plan.gcp.names.templatePrefix}-`,
        description: `mlops-kit InferenceService ${plan.name}`,
        region,
        machineType: plan.compute.machineType,
        labels,
        tags: [plan.gcp.networkTag],
        canIpForward: false,
        disks: [
          {
            boot: true,
            autoDelete: true,
            sourceImage,
            diskSizeGb: plan.diskGiB,
            diskType: plan.gcp.bootDiskType,
            labels,
            // Encrypted at rest with Google-managed keys. A customer-managed key would go in
            // `diskEncryptionKey` (with the Compute Engine service agent allowed to use it), through
            // an instanceTemplate override of `disks`.
          },
        ],
        // No access config: no external IP. Egress goes through Cloud NAT; ingress only through the
        // load balancer. A3 machine types need gVNIC (the plan's nicType).
        networkInterfaces: [{ subnetwork, nicType: plan.gcp.nicType }],
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
    pinned ? { ...opts, ignoreChanges: [PINNED_IMAGE_PATH] } : opts,
  );
}

/** The template's boot image, which a pinned template keeps from its first `pulumi up`. */
export const PINNED_IMAGE_PATH = "disks[0].sourceImage";

/**
 * Readiness of the model server, used by the load balancer and the group's autohealing. A regional
 * internal load balancer needs a regional health check; the global one, a global check.
 */
function createHealthCheck({ plan, region, opts, role }: Step): HealthCheck | RegionHealthCheck {
  const hc = plan.healthCheck;
  const args = {
    name: plan.gcp.names.healthCheck,
    description: `Readiness of the model server of ${plan.name}`,
    checkIntervalSec: hc.intervalSeconds,
    timeoutSec: hc.timeoutSeconds,
    healthyThreshold: hc.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold,
    httpHealthCheck: { port: plan.container.port, requestPath: hc.path },
    logConfig: { enable: true },
  };
  if (plan.loadBalancer.scheme === "internal") {
    return new RegionHealthCheck(`${plan.name}-health`, role<RegionHealthCheckArgs>({ ...args, region }, "healthCheck"), opts);
  }
  return new HealthCheck(`${plan.name}-health`, role<HealthCheckArgs>(args, "healthCheck"), opts);
}

/**
 * Beats the network's logged deny-all ingress rule (a higher priority number) and opens nothing
 * else: no SSH, nothing from the network itself. Health checks come from Google's front-end ranges;
 * requests come from there too (global external load balancer) or from the region's proxy-only
 * subnetwork (regional internal load balancer, whose Envoy proxies take addresses there).
 */
function createFirewall({ plan, inputs, opts, role }: Step): Firewall {
  const proxies =
    plan.loadBalancer.scheme === "internal" ? inputs.networkInfo.reservedCidr.apply((r) => [gcpProxyOnlyCidr(r)]) : pulumi.output([]);
  return new Firewall(
    `${plan.name}-allow-lb`,
    role<FirewallArgs>(
      {
        name: plan.gcp.names.firewall,
        description: `Admit Google's health checkers and load balancer proxies to the model server of ${plan.name}`,
        network: inputs.networkInfo.networkId,
        direction: "INGRESS",
        priority: 1000,
        sourceRanges: proxies.apply((p) => [...GOOGLE_FRONT_END_RANGES, ...p]),
        allows: [{ protocol: "tcp", ports: [String(plan.container.port)] }],
        targetTags: [plan.gcp.networkTag],
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
      },
      "firewall",
    ),
    opts,
  );
}

/**
 * The regional group and its autoscaler (which owns the size: the group has no target size). It
 * spans as many zones as the network: the network's own, or for a GPU the region's first zones
 * that offer it (placeGcpGroup). New zones change `distributionPolicyZones`, which replaces the
 * group, so its name carries the zone count (and a hash of the zones when they are not the
 * network's) and the new group is created (and the backend moved to it) before the old one is
 * deleted. GPU and spot groups take the BALANCED shape.
 */
function createGroup(
  { plan, inputs, region, opts, role }: Step,
  template: RegionInstanceTemplate,
  healthCheck: HealthCheck | RegionHealthCheck,
  grants: pulumi.Resource[],
) {
  const placement = placeGroup(plan, region, inputs.networkInfo.zones, opts.parent);
  const zones = placement.apply((p) => p.zones);
  const instanceGroupManager = new RegionInstanceGroupManager(
    `${plan.name}-group`,
    role<RegionInstanceGroupManagerArgs>(
      {
        name: placement.apply((p) => groupName(plan.gcp.names.group, p)),
        description: `Model servers of ${plan.name}`,
        region,
        baseInstanceName: plan.gcp.baseInstanceName,
        // The private tier's subnet ids carry the wait for Cloud NAT, and nothing else of the network.
        distributionPolicyZones: pulumi.all([zones, inputs.network.subnetIds.private]).apply(([z]) => z),
        distributionPolicyTargetShape: plan.gcp.distribution.targetShape,
        versions: [{ instanceTemplate: template.selfLink }],
        namedPorts: [{ name: PORT_NAME, port: plan.container.port }],
        autoHealingPolicies: { healthCheck: healthCheck.id, initialDelaySec: plan.healthCheck.gracePeriodSeconds },
        updatePolicy: zones.apply((z) => ({
          type: "PROACTIVE",
          minimalAction: "REPLACE",
          // New instances with new names come up before old ones go, so capacity holds.
          replacementMethod: "SUBSTITUTE",
          // BALANCED needs redistribution off (Compute Engine: "Regional MIG target distribution shape").
          instanceRedistributionType: plan.gcp.distribution.redistribution,
          ...regionalRolloutLimits(plan.rollout, z.length),
        })),
        waitForInstances: false,
      },
      "instanceGroupManager",
    ),
    { ...opts, dependsOn: grants },
  );
  const autoscaler = new RegionAutoscaler(
    `${plan.name}-autoscaler`,
    role<RegionAutoscalerArgs>(
      {
        // Follows its group: a new group (more zones) gets a new autoscaler, created before the old goes.
        name: placement.apply((p) => groupName(plan.gcp.names.autoscaler, p)),
        description: `Scales the model servers of ${plan.name}`,
        region,
        target: instanceGroupManager.id,
        autoscalingPolicy: autoscalingPolicy(plan),
      },
      "autoscaler",
    ),
    opts,
  );
  return { instanceGroupManager, autoscaler };
}

/**
 * The group's zones once the network's region and zones resolve. A region the GPU table lacks is
 * let through with a warning, as the README says; too few zones with the GPU fail the preview.
 */
function placeGroup(
  plan: InferenceServicePlan,
  region: pulumi.Output<string>,
  networkZones: pulumi.Output<string[]>,
  parent: pulumi.Resource | undefined,
): pulumi.Output<GcpGroupPlacement> {
  return pulumi.all([region, networkZones]).apply(([r, z]) => {
    const placement = placeGcpGroup(plan.name, plan.compute.gpu, r, z);
    if (placement.unchecked) {
      pulumi.log.warn(`${TYPE} "${plan.name}": compute.gpu (${plan.compute.gpu?.type}) not checked: ${placement.unchecked}`, parent);
    }
    return placement;
  });
}

/**
 * The group's (and its autoscaler's) name: the plan's, ending in the zone count, so a group on
 * more zones gets a new name; zones picked for a GPU add their hash, so other zones do too.
 */
export function groupName(planned: string, placement: Pick<GcpGroupPlacement, "zones" | "moved">): string {
  // The plan's name is at most 63 characters; room for the suffix is made by shortening its
  // readable part, never its hash.
  const { zones, moved } = placement;
  const suffix = moved ? `-z${zones.length}${shortHash(...zones)}` : `-z${zones.length}`;
  const hash = planned.slice(planned.lastIndexOf("-"));
  const head = planned
    .slice(0, planned.lastIndexOf("-"))
    .slice(0, 63 - hash.length - suffix.length)
    .replace(/-+$/, "");
  return `${head}${hash}${suffix}`;
}

/**
 * Cloud Armor in front of the backend: Google's preconfigured WAF rules (OWASP CRS) and the client
 * allow-list, as the plan decided. A regional internal load balancer takes a regional policy.
 */
function createSecurityPolicy({ plan, inputs, region, labels, opts, role }: Step): SecurityPolicy | RegionSecurityPolicy | undefined {
  const policy = plan.gcp.securityPolicy;
  if (!policy) return undefined;
  const args = {
    name: plan.gcp.names.securityPolicy,
    description: `Web application firewall and admitted clients of ${plan.name}`,
    type: "CLOUD_ARMOR",
    rules: inputs.allowedCidrs.apply((cidrs) => securityPolicyRules(policy, cidrs)),
  };
  if (plan.loadBalancer.scheme === "internal") {
    // Regional security policies take no labels.
    return new RegionSecurityPolicy(`${plan.name}-allowlist`, role<RegionSecurityPolicyArgs>({ ...args, region }, "securityPolicy"), opts);
  }
  return new SecurityPolicy(`${plan.name}-allowlist`, role<SecurityPolicyArgs>({ ...args, labels }, "securityPolicy"), opts);
}

function createBackendService(
  { plan, region, opts, role }: Step,
  group: RegionInstanceGroupManager,
  healthCheck: HealthCheck | RegionHealthCheck,
  securityPolicy: SecurityPolicy | RegionSecurityPolicy | undefined,
): BackendService | RegionBackendService {
  const args = {
    name: plan.gcp.names.backendService,
    description: `Model servers of ${plan.name}`,
    protocol: "HTTP",
    portName: PORT_NAME,
    healthChecks: healthCheck.id,
    ...backendServiceSettings(plan, group.instanceGroup),
    securityPolicy: securityPolicy?.selfLink,
  };
  if (plan.loadBalancer.scheme === "internal") {
    return new RegionBackendService(
      `${plan.name}-backend`,
      role<RegionBackendServiceArgs>({ ...args, region, healthChecks: healthCheck.id }, "backendService"),
      opts,
    );
  }
  return new BackendService(`${plan.name}-backend`, role<BackendServiceArgs>({ ...args, enableCdn: false }, "backendService"), opts);
}
