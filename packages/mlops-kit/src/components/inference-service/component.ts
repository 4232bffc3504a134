import * as pulumi from "@pulumi/pulumi";
import { type CloudId, loadBackend } from "../../core/cloud";
import { Internals, resourcesOn } from "../../core/component";
import { resolveContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import { checkResolved, fieldPath } from "../../core/secrets";
import { parseSpec } from "../../core/spec";
import type { RegistryInfo } from "../model-registry/info";
import { networkProblems, type ResolvedNetwork, resolveNetwork } from "../network/ref";
import type { InferenceServiceResourcesOn, ServiceBackend, ServiceInputs, ServiceResult } from "./contract";
import type { InferenceServiceInfo } from "./info";
import { checkNetworkEgress, type InferenceServicePlan, planInferenceService, TYPE } from "./plan";
import { checkAwsNetwork } from "./plan-aws";
import { registerService } from "./ref";
import { withRulePriority } from "./rule-priorities";
import { checkSecretReference } from "./secret-env";
import { IMAGE_REFERENCE, type InferenceServiceArgs, type InferenceServiceSpec, inferenceServiceSchema, SINGLE_LINE } from "./spec";
import { checkKnownUserDataSize } from "./user-data";

const backends = {
  // lazy, synchronous load of one cloud's backend
  aws: () => require("./aws") as ServiceBackend,
  gcp: () => require("./gcp") as ServiceBackend,
  azure: () => require("./azure") as ServiceBackend,
} satisfies Record<CloudId, () => ServiceBackend>;

const NON_EMPTY = /\S/;

const internals = new Internals<InferenceService, { plan: InferenceServicePlan; result: ServiceResult }>(TYPE);

/**
 * A model served as an HTTPS REST API: a load balancer in the network's public tier in front of
 * an auto-scaling, self-healing group of instances in its private tier, each running the
 * container image, rolled out without downtime. AWS: ALB + Auto Scaling group; GCP: global
 * external Application Load Balancer + regional managed instance group; Azure: Application
 * Gateway v2 + VM scale set.
 */
export class InferenceService extends pulumi.ComponentResource {
  /** Where clients call the model: `https://<domain or load balancer address>`. */
  public readonly url: pulumi.Output<string>;
  /** The load balancer's DNS name or IP address. */
  public readonly address: pulumi.Output<string>;
  /** The load balancer: ALB ARN, GCP backend service id, or Application Gateway id. */
  public readonly loadBalancerId: pulumi.Output<string>;
  /** The instance group: Auto Scaling group name, managed instance group id, or VM scale set id. */
  public readonly scalingGroupId: pulumi.Output<string>;
  /** The neutral description other components take (`services: [api.info]`). */
  public readonly info: pulumi.Output<InferenceServiceInfo>;

  constructor(name: string, args: InferenceServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject the spec runs before anything registers.
    const { spec, plan, network } = planService(name, args);
    super(`mlops:index:${TYPE}`, name, {}, opts);
    const inputs = serviceInputs(name, spec, plan, network);
    const result = loadBackend(backends, plan.cloud).provision(plan, inputs, { parent: this, opts: { parent: this } });
    internals.set(this, { plan, result });

    const { scheme, hostName } = plan.endpoint;
    this.url = hostName !== undefined ? pulumi.output(`${scheme}://${hostName}`) : pulumi.interpolate`${scheme}://${result.address}`;
    this.address = result.address;
    this.loadBalancerId = result.loadBalancerId;
    this.scalingGroupId = result.scalingGroupId;
    this.info = serviceInfo(plan, this.url, result);
    registerService(this.info, {
      cloud: plan.cloud,
      name: plan.name,
      scheme: plan.loadBalancer.scheme,
      minInstances: plan.scaling.min,
      maxInstances: plan.scaling.max,
    });
    this.registerOutputs({
      info: this.info,
      url: this.url,
      address: this.address,
      loadBalancerId: this.loadBalancerId,
      scalingGroupId: this.scalingGroupId,
    });
  }

  /** Every decision made for this service: machine type, counts, health check, TLS mode, rollout. */
  get plan(): InferenceServicePlan {
    return internals.get(this).plan;
  }

  get cloud(): CloudId {
    return internals.get(this).plan.cloud;
  }

  /** The AWS resources (escape hatch). Throws on other clouds. */
  get aws(): InferenceServiceResourcesOn<"aws"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "aws") as InferenceServiceResourcesOn<"aws">;
  }

  /** The GCP resources (escape hatch). Throws on other clouds. */
  get gcp(): InferenceServiceResourcesOn<"gcp"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "gcp") as InferenceServiceResourcesOn<"gcp">;
  }

  /** The Azure resources (escape hatch). Throws on other clouds. */
  get azure(): InferenceServiceResourcesOn<"azure"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "azure") as InferenceServiceResourcesOn<"azure">;
  }
}

const TIERS = ["public", "private"] as const;

function serviceInfo(plan: InferenceServicePlan, url: pulumi.Output<string>, result: ServiceResult): pulumi.Output<InferenceServiceInfo> {
  return pulumi
    .all([url, result.address, result.loadBalancerId, result.scalingGroupId, result.metrics])
    .apply(([url, address, loadBalancerId, scalingGroupId, metrics]) => ({
      cloud: plan.cloud,
      name: plan.name,
      url,
      address,
      scheme: plan.loadBalancer.scheme,
      healthCheckPath: plan.healthCheck.path,
      minInstances: plan.scaling.min,
      maxInstances: plan.scaling.max,
      loadBalancerId,
      scalingGroupId,
      metrics,
    }));
}

/** The spec validated, planned and checked against what is known of the network, before anything registers. */
function planService(
  name: string,
  args: InferenceServiceArgs,
): { spec: InferenceServiceSpec; plan: InferenceServicePlan; network: ResolvedNetwork } {
  const spec = parseSpec(inferenceServiceSchema, TYPE, name, args);
  const ctx = resolveContext(TYPE, name, spec);
  const planned = planInferenceService(name, spec, ctx);
  checkKnownUserDataSize(planned, spec.image, spec.env ?? {});
  for (const [variable, ref] of Object.entries(spec.secretEnv ?? {})) {
    if (typeof ref === "string") checkSecretReference(planned, variable, ref);
  }
  const network = resolveNetwork(spec.network);
  // A network given as a plain value is checked now (`network: {}` registers nothing).
  const plain = !pulumi.Output.isInstance(spec.network) && !(spec.network instanceof Promise);
  const shape = plain ? networkProblems(spec.network, TIERS) : [];
  if (shape.length > 0) throw new SpecError(TYPE, name, shape);
  if (network.known && network.known.cloud !== ctx.cloud) {
    throw new SpecError(TYPE, name, [
      { path: "network", message: `is MlopsVpc "${network.known.name}" on ${network.known.cloud}; this service is on ${ctx.cloud}` },
    ]);
  }
  if (network.known?.zones !== undefined && ctx.cloud === "aws") {
    checkAwsNetwork(name, { zones: network.known.zones, natMode: network.known.natMode }, spec.image, TYPE);
  }
  if (network.known) checkNetworkEgress(planned, network.known);
  // NSG priorities on Azure are handed out among the services of this program on one network.
  const plan = withRulePriority(planned, network.known ? network.subnetIds : undefined);
  return { spec, plan, network };
}

/**
 * What the backend takes besides the plan: the network and the identity-carrying fields, each
 * output checked when it resolves in the words a plain value was checked in with the spec.
 */
function serviceInputs(name: string, spec: InferenceServiceSpec, plan: InferenceServicePlan, network: ResolvedNetwork): ServiceInputs {
  const networkInfo = checkedNetworkInfo(name, plan.cloud, spec.image, network);
  const checked = checker(name);
  const env = Object.fromEntries(
    Object.entries(spec.env ?? {}).map(([k, v]) => [
      k,
      checked(fieldPath(["env", k]), v, SINGLE_LINE, "must be a single line (no line breaks or NUL)"),
    ]),
  );
  const certificateId = spec.loadBalancer.tls.certificateId;
  const keyVaultId = spec.azure?.keyVaultId;
  const allowed = plan.loadBalancer.allowedCidrs;
  return {
    // A network known now was checked above; any other is checked as each field resolves.
    network: network.known ? network : { ...network, info: networkInfo, field: (key) => networkInfo.apply((n) => n[key]) },
    networkInfo,
    image: checked("image", spec.image, IMAGE_REFERENCE, "must be a container image reference"),
    registry: spec.registry === undefined ? undefined : checkedRegistry(name, plan.cloud, spec.registry),
    env,
    secretEnv: spec.secretEnv ?? {},
    allowedCidrs: allowed ? pulumi.output(allowed) : networkInfo.apply((n) => [n.cidr]),
    certificateId:
      certificateId === undefined ? undefined : checked("loadBalancer.tls.certificateId", certificateId, NON_EMPTY, "must not be empty"),
    keyVaultId: keyVaultId === undefined ? undefined : checked("azure.keyVaultId", keyVaultId, NON_EMPTY, "must not be empty"),
    hostedZoneId: spec.aws?.hostedZoneId,
  };
}

/** A network known only once it resolves (a stack reference, say) is checked then, in the same words. */
function checkedNetworkInfo(name: string, cloud: CloudId, image: InferenceServiceSpec["image"], network: ResolvedNetwork) {
  return checkResolved(network.info, (info, show) => {
    const problems = networkProblems(info, TIERS, show);
    if (problems.length > 0) return new SpecError(TYPE, name, problems);
    if (info.cloud !== cloud) {
      return new SpecError(TYPE, name, [
        { path: "network", message: `is on ${show(info.cloud).replace(/^"|"$/g, "")}; this service is on ${cloud}` },
      ]);
    }
    if (cloud === "aws" && network.known?.zones === undefined) {
      const zones = Array.isArray(info.zones) ? info.zones.length : undefined;
      checkAwsNetwork(name, { zones, natMode: info.natMode }, image, TYPE);
    }
    return undefined;
  });
}

/**
 * Plain values were checked with the spec; outputs are checked when they resolve, in the same
 * words, with a secret output's value shown as [secret].
 */
function checker(name: string) {
  return (path: string, value: pulumi.Input<string>, ok: RegExp, message: string): pulumi.Input<string> =>
    typeof value === "string"
      ? value
      : checkResolved(value, (v, show) => {
          if (typeof v === "string" && ok.test(v)) return undefined;
          const what = typeof v === "string" ? message : `must be a string (${message.replace(/^must be /, "")})`;
          return new SpecError(TYPE, name, [{ path, message: `(${show(v)}) ${what}` }]);
        });
}

/** A registry on another cloud cannot be granted to these instances: said in the spec's words when it resolves. */
function checkedRegistry(name: string, cloud: CloudId, registry: pulumi.Input<RegistryInfo>): pulumi.Output<RegistryInfo> {
  return checkResolved(registry, (r, show) =>
    typeof r !== "object" || r === null || r.cloud !== cloud
      ? new SpecError(TYPE, name, [
          { path: "registry", message: `(${show(r?.cloud)}) must be a ModelRegistry's \`info\` on ${cloud}, the service's cloud` },
        ])
      : undefined,
  );
}
