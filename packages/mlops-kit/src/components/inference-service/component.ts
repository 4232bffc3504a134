import * as pulumi from "@pulumi/pulumi";
import { type CloudId, loadBackend } from "../../core/cloud";
import { Internals, resourcesOn } from "../../core/component";
import { resolveContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import { parseSpec } from "../../core/spec";
import { resolveNetwork } from "../network/ref";
import type { InferenceServiceResourcesOn, ServiceBackend, ServiceInputs, ServiceResult } from "./contract";
import { checkNetworkEgress, type InferenceServicePlan, planInferenceService, TYPE } from "./plan";
import { withRulePriority } from "./rule-priorities";
import { IMAGE_REFERENCE, type InferenceServiceArgs, inferenceServiceSchema, SINGLE_LINE } from "./spec";

const backends = {
  // lazy, synchronous load of one cloud's backend
  aws: () => require("./aws") as ServiceBackend,
  gcp: () => require("./gcp") as ServiceBackend,
  azure: () => require("./azure") as ServiceBackend,
} satisfies Record<CloudId, () => ServiceBackend>;

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

  constructor(name: string, args: InferenceServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject the spec runs before anything registers.
    const spec = parseSpec(inferenceServiceSchema, TYPE, name, args);
    const ctx = resolveContext(TYPE, name, spec);
    const planned = planInferenceService(name, spec, ctx);
    const network = resolveNetwork(spec.network);
    if (network.known && network.known.cloud !== ctx.cloud) {
      throw new SpecError(TYPE, name, [
        { path: "network", message: `is MlopsVpc "${network.known.name}" on ${network.known.cloud}; this service is on ${ctx.cloud}` },
      ]);
    }
    if (network.known) checkNetworkEgress(planned, network.known);
    // NSG priorities on Azure are handed out among the services of this program on one network.
    const plan = withRulePriority(planned, network.known ? network.subnetIds : undefined);
    super(`mlops:index:${TYPE}`, name, {}, opts);

    // A network whose cloud is known only once it resolves (a stack reference, say) is checked then.
    const networkInfo = network.info.apply((info) => {
      if (info.cloud !== ctx.cloud) {
        throw new SpecError(TYPE, name, [{ path: "network", message: `is on ${info.cloud}; this service is on ${ctx.cloud}` }]);
      }
      return info;
    });
    // Plain values were checked with the spec; outputs are checked when they resolve, in the same words.
    const checked = (path: string, value: pulumi.Input<string>, ok: RegExp, message: string): pulumi.Input<string> =>
      typeof value === "string"
        ? value
        : pulumi.output(value).apply((v) => {
            if (!ok.test(v)) throw new SpecError(TYPE, name, [{ path, message: `(${JSON.stringify(v)}) ${message}` }]);
            return v;
          });
    const env = Object.fromEntries(
      Object.entries(spec.env ?? {}).map(([k, v]) => [
        k,
        checked(`env.${k}`, v, SINGLE_LINE, "must be a single line (no line breaks or NUL)"),
      ]),
    );
    const allowed = plan.loadBalancer.allowedCidrs;
    const inputs: ServiceInputs = {
      // A network known now was checked above; any other is checked as each field resolves.
      network: network.known ? network : { ...network, info: networkInfo, field: (key) => networkInfo.apply((n) => n[key]) },
      networkInfo,
      image: checked("image", spec.image, IMAGE_REFERENCE, "must be a container image reference"),
      env,
      allowedCidrs: allowed ? pulumi.output(allowed) : networkInfo.apply((n) => [n.cidr]),
      certificateId: spec.loadBalancer.tls.certificateId,
      keyVaultId: spec.azure?.keyVaultId,
    };
    const result = loadBackend(backends, ctx.cloud).provision(plan, inputs, { parent: this, opts: { parent: this } });
    internals.set(this, { plan, result });

    const { scheme, hostName } = plan.endpoint;
    this.url = hostName !== undefined ? pulumi.output(`${scheme}://${hostName}`) : pulumi.interpolate`${scheme}://${result.address}`;
    this.address = result.address;
    this.loadBalancerId = result.loadBalancerId;
    this.scalingGroupId = result.scalingGroupId;
    this.registerOutputs({
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
