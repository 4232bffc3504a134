import * as pulumi from "@pulumi/pulumi";
import { type CloudId, loadBackend } from "../../core/cloud";
import { Internals, resourcesOn } from "../../core/component";
import { resolveContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import { parseSpec } from "../../core/spec";
import type { MlopsVpcResourcesOn, NetworkBackend, NetworkResult } from "./contract";
import type { NetworkInfo } from "./info";
import { type MlopsVpcPlan, planMlopsVpc, type Tier } from "./plan";
import { registerNetwork } from "./ref";
import { DEFAULT_PODS_CIDR, DEFAULT_SERVICES_CIDR, gcpRangeIssues, type MlopsVpcArgs, mlopsVpcSchema } from "./spec";

// Only the chosen cloud's file is loaded, and with it only that cloud's SDK.
const backends = {
  // lazy, synchronous load of one cloud's backend
  aws: () => require("./aws") as NetworkBackend,
  gcp: () => require("./gcp") as NetworkBackend,
  azure: () => require("./azure") as NetworkBackend,
} satisfies Record<CloudId, () => NetworkBackend>;

const TYPE = "MlopsVpc";

const internals = new Internals<MlopsVpc, { plan: MlopsVpcPlan; result: NetworkResult }>(TYPE);

/**
 * A network for an ML platform in three tiers — `public` (load balancers), `private` (compute,
 * egress through NAT) and `isolated` (data, no internet route) — with flow logs and private
 * paths to the cloud's APIs, on AWS (VPC), GCP (VPC network) or Azure (virtual network).
 *
 * Other components take its `network` output.
 */
export class MlopsVpc extends pulumi.ComponentResource {
  /** The neutral description other components take (`network: vpc.network`). */
  public readonly network: pulumi.Output<NetworkInfo>;
  /** AWS VPC id; GCP network self link; Azure virtual network id. */
  public readonly networkId: pulumi.Output<string>;
  /** Subnets for load balancers. */
  public readonly publicSubnetIds: pulumi.Output<string[]>;
  /** Subnets for compute. */
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  /** Subnets for data services. */
  public readonly isolatedSubnetIds: pulumi.Output<string[]>;

  constructor(name: string, args: MlopsVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject the spec runs before the component registers: a bad spec
    // leaves nothing behind, not even an empty component.
    const spec = parseSpec(mlopsVpcSchema, TYPE, name, args);
    const ctx = resolveContext(TYPE, name, spec);
    if (ctx.cloud === "gcp" && !spec.gcp) {
      const ranges = gcpRangeIssues(spec.cidr, DEFAULT_PODS_CIDR, DEFAULT_SERVICES_CIDR, false);
      if (ranges.length > 0) throw new SpecError(TYPE, name, ranges);
    }
    const plan = planMlopsVpc(name, spec, ctx);
    super(`mlops:index:${TYPE}`, name, {}, opts);
    const result = loadBackend(backends, ctx.cloud).provision(plan, { parent: this, opts: { parent: this } });
    internals.set(this, { plan, result });

    this.network = result.info;
    this.networkId = this.network.networkId;
    // Each tier's ids carry only that tier's dependencies: compute placed in the private tier
    // waits for its NAT routes, a load balancer in the public tier does not.
    const tierIds = (t: Tier): pulumi.Output<string[]> => {
      const { subnetIds, ready } = result.tiers[t];
      return pulumi.all([subnetIds, pulumi.all(ready.map((r) => r.urn))]).apply(([ids]) => ids);
    };
    this.publicSubnetIds = tierIds("public");
    this.privateSubnetIds = tierIds("private");
    this.isolatedSubnetIds = tierIds("isolated");
    registerNetwork(this.network, {
      cloud: plan.cloud,
      name: plan.name,
      cidr: plan.cidr,
      zones: plan.zones,
      natMode: plan.nat.mode,
      subnetIds: { public: this.publicSubnetIds, private: this.privateSubnetIds, isolated: this.isolatedSubnetIds },
      fields: {
        ...result.fields,
        cloud: pulumi.output(plan.cloud),
        name: pulumi.output(plan.name),
        cidr: pulumi.output(plan.cidr),
        reservedCidr: pulumi.output(plan.reservedCidr),
        publicSubnetIds: this.publicSubnetIds,
        privateSubnetIds: this.privateSubnetIds,
        isolatedSubnetIds: this.isolatedSubnetIds,
      },
    });
    this.registerOutputs({
      network: this.network,
      networkId: this.networkId,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      isolatedSubnetIds: this.isolatedSubnetIds,
    });
  }

  /** Every decision made for this network: CIDRs per tier and zone, NAT placement, retention. */
  get plan(): MlopsVpcPlan {
    return internals.get(this).plan;
  }

  /** The cloud this network is on. */
  get cloud(): CloudId {
    return internals.get(this).plan.cloud;
  }

  /** The AWS resources (escape hatch). Throws on other clouds. */
  get aws(): MlopsVpcResourcesOn<"aws"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "aws") as MlopsVpcResourcesOn<"aws">;
  }

  /** The GCP resources (escape hatch). Throws on other clouds. */
  get gcp(): MlopsVpcResourcesOn<"gcp"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "gcp") as MlopsVpcResourcesOn<"gcp">;
  }

  /** The Azure resources (escape hatch). Throws on other clouds. */
  get azure(): MlopsVpcResourcesOn<"azure"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "azure") as MlopsVpcResourcesOn<"azure">;
  }
}
