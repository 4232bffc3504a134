import type { PlanResource } from "../../../plan";
import { type CostLine, type Pricer, type PricingContext, UnpricedError } from "../../types";
import { allHours, fixed, HOURS_PER_MONTH, list, numberInput, record, related, stringInput, usage } from "./lines";
import { ec2Key } from "./prices";
import { AWS_PRICES_READ } from "./sources";

const EKS_EXTENDED_KEY = "aws:eks:cluster-extended-hour";

// Instances: an Auto Scaling group and an EKS node group are billed for the instances they run
// (the instance type and volumes their launch template gives) between their scaling bounds.

/** AWS publishes no fixed spot discount, so spot capacity is priced at the on-demand upper bound. */
export const SPOT_ASSUMPTION =
  "spot capacity priced at the on-demand rate, its upper bound: AWS publishes no fixed spot discount (spot prices move with supply and demand)";

/** The launch template a group names, or an `UnpricedError`: without it the instance is unknown. */
function launchTemplate(r: PlanResource, ctx: PricingContext): PlanResource {
  const lt = related(r, "launchTemplate", ctx);
  if (!lt) throw new UnpricedError(`${r.type} ${r.name}: its launch template is not in the plan`);
  return lt;
}

/** The provisioned-IOPS volume types, billed for their IOPS as well as their storage. */
const PROVISIONED_IOPS = new Set(["io1", "io2"]);

/** What each instance's volumes are billed for a month, per price key: GB of a type, or its provisioned IOPS. */
interface VolumePart {
  item: string;
  key: string;
  perInstance: number;
}

/**
 * The volumes of each instance, by what they are billed for. A type the table has no row for
 * (only gp3 was read) still gives its lines, for the estimator to list as not priced. A template
 * that maps no volume boots on its AMI's root volume, whose type and size the plan does not say:
 * unpriced rather than counted as no volume; so is a mapping that leaves its type to the AMI.
 */
function volumesPerInstance(lt: PlanResource): VolumePart[] {
  const mappings = list(lt.inputs.blockDeviceMappings);
  if (!mappings.some((m) => Object.keys(record(record(m).ebs)).length > 0)) {
    throw new UnpricedError(
      `${lt.type} ${lt.name}: no EBS volume in blockDeviceMappings, so the root volume is the AMI's, whose type and size are not in the plan`,
    );
  }
  const parts = new Map<string, VolumePart>();
  const add = (item: string, key: string, amount: number) => {
    const part = parts.get(key) ?? { item, key, perInstance: 0 };
    part.perInstance += amount;
    parts.set(key, part);
  };
  for (const [i, mapping] of mappings.entries()) {
    const ebs = record(record(mapping).ebs);
    if (Object.keys(ebs).length === 0) continue;
    const at = `blockDeviceMappings[${i}].ebs`;
    const type = stringInput(lt, `${at}.volumeType`, ebs.volumeType);
    add(`${type} volume storage`, `aws:ebs:${type}-gb-month`, numberInput(lt, `${at}.volumeSize`, ebs.volumeSize));
    if (PROVISIONED_IOPS.has(type)) add(`${type} provisioned IOPS`, `aws:ebs:${type}-iops-month`, numberInput(lt, `${at}.iops`, ebs.iops));
  }
  return [...parts.values()].filter((p) => p.perInstance > 0);
}

/** The instance and volume lines of `min`..`max` always-on instances. */
function instanceLines(instanceType: string, volumes: VolumePart[], min: number, max: number, assumption?: string): CostLine[] {
  return [
    fixed(`${instanceType} instance hours`, ec2Key(instanceType), min * HOURS_PER_MONTH, max * HOURS_PER_MONTH, assumption),
    ...volumes.map((v) => fixed(v.item, v.key, v.perInstance * min, v.perInstance * max)),
  ];
}

/**
 * The same for a pool that scales from zero: nothing while idle, and at its upper bound for
 * `trainingHours` a month (a volume lives only as long as its node).
 */
function burstLines(instanceType: string, volumes: VolumePart[], max: number, ctx: PricingContext, spot: boolean): CostLine[] {
  const hours = ctx.usage.trainingHours;
  const at = `trainingHours (${hours} h a month) at the upper bound of ${max} nodes, none while idle`;
  const assumption = spot ? `${at}; ${SPOT_ASSUMPTION}` : at;
  return [
    usage(`${instanceType} instance hours`, ec2Key(instanceType), 0, hours * max, assumption),
    ...volumes.map((v) => usage(v.item, v.key, 0, (v.perInstance * max * hours) / HOURS_PER_MONTH, at)),
  ];
}

/** An Auto Scaling group: its launch template's instance type and volumes, `minSize` to `maxSize`. */
export const autoscalingGroup: Pricer = (r, ctx) => {
  if (r.inputs.mixedInstancesPolicy !== undefined) {
    throw new UnpricedError(
      `${r.type} ${r.name}: a mixed instances policy launches several types; only a single launch template is priced`,
    );
  }
  const lt = launchTemplate(r, ctx);
  const instanceType = stringInput(lt, "instanceType", lt.inputs.instanceType);
  const min = numberInput(r, "minSize", r.inputs.minSize);
  const max = numberInput(r, "maxSize", r.inputs.maxSize);
  return instanceLines(instanceType, volumesPerInstance(lt), min, max);
};

/** An EKS managed node group: one instance type, `scalingConfig` bounds, volumes from its launch template. */
export const eksNodeGroup: Pricer = (r, ctx) => {
  const types = list(r.inputs.instanceTypes);
  if (types.length !== 1) {
    throw new UnpricedError(
      `${r.type} ${r.name}: instanceTypes lists ${types.length} types; the price depends on which one the group launches`,
    );
  }
  const instanceType = stringInput(r, "instanceTypes[0]", types[0]);
  const scaling = record(r.inputs.scalingConfig);
  const min = numberInput(r, "scalingConfig.minSize", scaling.minSize);
  const max = numberInput(r, "scalingConfig.maxSize", scaling.maxSize);
  const lt = related(r, "launchTemplate", ctx);
  // Without a launch template the volume's type and size are EKS's defaults, which were not read.
  if (!lt)
    throw new UnpricedError(
      `${r.type} ${r.name}: no launch template, so its volume type and size are EKS's defaults, which are not priced`,
    );
  const volumes = volumesPerInstance(lt);
  const spot = r.inputs.capacityType === "SPOT";
  if (min === 0) return burstLines(instanceType, volumes, max, ctx, spot);
  return instanceLines(instanceType, volumes, min, max, spot ? SPOT_ASSUMPTION : undefined);
};

/**
 * The last day of EKS standard support per minor version, from the EKS Kubernetes release calendar
 * (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html, transcribed at
 * https://endoflife.date/amazon-eks). Past it a cluster bills the extended-support rate
 * (aws:eks:cluster-extended-hour: $0.60 a cluster-hour instead of $0.10) unless its upgrade policy
 * says STANDARD.
 */
export const EKS_STANDARD_SUPPORT_ENDS: Readonly<Record<string, string>> = {
  "1.29": "2025-03-23",
  "1.30": "2025-07-23",
  "1.31": "2025-11-26",
  "1.32": "2026-03-23",
  "1.33": "2026-07-29",
  "1.34": "2026-12-02",
  "1.35": "2027-03-27",
};

const minor = (v: string) => v.split(".").map(Number);
const newer = (a: string, b: string) => {
  const [am = 0, an = 0] = minor(a);
  const [bm = 0, bn = 0] = minor(b);
  return am > bm || (am === bm && an > bn);
};

/**
 * Whether a version is in extended support on `day`. A version newer than every listed one came out
 * after the newest listed, so its 14 months of standard support have not run out by the day the
 * table was read; an older unlisted one has no known dates.
 */
function inExtendedSupport(r: PlanResource, version: string, day: string): boolean {
  const ends = EKS_STANDARD_SUPPORT_ENDS[version];
  if (ends !== undefined) return day > ends;
  if (Object.keys(EKS_STANDARD_SUPPORT_ENDS).every((listed) => newer(version, listed))) return false;
  throw new UnpricedError(`${r.type} ${r.name}: when EKS ${version}'s standard support ends is not in EKS_STANDARD_SUPPORT_ENDS`);
}

/**
 * The EKS control plane, billed per cluster-hour at the support tier its version is in on the day
 * the prices were read: extended support once standard support ends, unless
 * `upgradePolicy.supportType` is STANDARD ("The default value is EXTENDED. Use STANDARD to disable
 * extended support": docs.aws.amazon.com/eks/latest/APIReference/API_UpgradePolicyRequest.html).
 */
export const eksCluster: Pricer = (r) => {
  // An unset version is the newest EKS offers, in standard support.
  const version = r.inputs.version === undefined ? undefined : stringInput(r, "version", r.inputs.version);
  const supportType = record(r.inputs.upgradePolicy).supportType ?? "EXTENDED";
  if (version !== undefined && supportType !== "STANDARD" && inExtendedSupport(r, version, AWS_PRICES_READ)) {
    const why = `EKS ${version} left standard support on ${EKS_STANDARD_SUPPORT_ENDS[version]}, before the prices were read (${AWS_PRICES_READ}), and the upgrade policy keeps it on extended support`;
    return [fixed("EKS cluster hours (extended support)", EKS_EXTENDED_KEY, HOURS_PER_MONTH, HOURS_PER_MONTH, why)];
  }
  return [allHours("EKS cluster hours", "aws:eks:cluster-hour")];
};
