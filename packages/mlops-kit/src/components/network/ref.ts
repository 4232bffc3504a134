import * as pulumi from "@pulumi/pulumi";
import { CLOUD_IDS, type CloudId } from "../../core/cloud";
import type { SpecIssue } from "../../core/errors";
import { showValue } from "../../core/secrets";
import type { NetworkFields } from "./contract";
import type { NetworkInfo } from "./info";
import type { Tier } from "./plan";
import type { NatMode } from "./spec";

/** What a component in the same program knows about an MlopsVpc beyond its `network` output. */
export interface KnownNetwork {
  cloud: CloudId;
  name: string;
  cidr: string;
  /** How many zones the network spans. */
  zones?: number;
  /** How the private tier reaches the internet ("none": it does not). Absent from older copies of this module. */
  natMode?: NatMode;
  /** Per-tier subnet ids that wait only for their own tier. */
  subnetIds: Record<Tier, pulumi.Output<string[]>>;
  /**
   * Fields of the network output, each waiting only for what it comes from. Absent when the
   * network was registered by another copy of this module that predates them.
   */
  fields?: NetworkFields;
}

// Shared through the global registry, so a second copy of this module (two installs of the
// library in one program) still recognises the other's networks.
const REGISTRY_KEY = Symbol.for("mlops-kit.networks");
type Registry = WeakMap<object, KnownNetwork>;
function registry(): Registry {
  const g = globalThis as { [REGISTRY_KEY]?: Registry };
  g[REGISTRY_KEY] ??= new WeakMap();
  return g[REGISTRY_KEY];
}

/** Called by MlopsVpc for its `network` output. */
export function registerNetwork(info: pulumi.Output<NetworkInfo>, known: KnownNetwork): void {
  registry().set(info, known);
}

/** Fields every network has, as non-empty text (an output in a field is taken as it is). */
const TEXT_FIELDS = ["name", "networkId", "cidr", "region"] as const;
const TIER_FIELDS: Record<Tier, keyof NetworkInfo> = {
  public: "publicSubnetIds",
  private: "privateSubnetIds",
  isolated: "isolatedSubnetIds",
};

function isOutputLike(v: unknown): boolean {
  return typeof v === "object" && v !== null && ("apply" in v || v instanceof Promise);
}

/**
 * What is wrong with a network value (`network: {}`, a network without subnets in a tier the
 * consumer places something in), as issues on `network`. A field that is itself an output is not
 * known yet and is let through; the whole value is checked again when it resolves.
 */
export function networkProblems(value: unknown, tiers: readonly Tier[], show: (v: unknown) => string = showValue): SpecIssue[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{ path: "network", message: `(${show(value)}) must be a network: pass an MlopsVpc's \`network\`` }];
  }
  const v = value as Record<string, unknown>;
  const issues: SpecIssue[] = [];
  const at = (field: string, message: string) => issues.push({ path: `network.${field}`, message });
  if (!isOutputLike(v.cloud) && !CLOUD_IDS.includes(v.cloud as CloudId)) {
    at(
      "cloud",
      v.cloud === undefined ? "is required: pass an MlopsVpc's `network`" : `(${show(v.cloud)}) must be one of ${CLOUD_IDS.join(", ")}`,
    );
  }
  for (const field of TEXT_FIELDS) {
    const f = v[field];
    if (isOutputLike(f)) continue;
    if (typeof f !== "string" || f.length === 0) at(field, f === undefined ? "is required" : `(${show(f)}) must be a non-empty string`);
  }
  for (const tier of tiers) {
    const field = TIER_FIELDS[tier];
    const ids = v[field];
    if (isOutputLike(ids)) continue;
    if (!Array.isArray(ids) || ids.length === 0) {
      at(field, `${ids === undefined ? "is missing" : "is empty"}: the ${tier} tier needs at least one subnet`);
    } else if (ids.some((id) => !isOutputLike(id) && (typeof id !== "string" || id.length === 0))) {
      at(field, "must hold subnet ids (non-empty strings)");
    }
  }
  return issues;
}

/** A network as a consumer sees it: plain facts when they are known now, outputs always. */
export interface ResolvedNetwork {
  /** Present when the network is an MlopsVpc of this program (or a plain value), so the cloud and CIDR can be checked before registering anything. */
  known: { cloud: CloudId; cidr: string; name: string; zones?: number; natMode?: string } | undefined;
  info: pulumi.Output<NetworkInfo>;
  subnetIds: Record<Tier, pulumi.Output<string[]>>;
  /**
   * One field of the network, waiting only for what that field comes from when the network is an
   * MlopsVpc of this program (the resource group, not every subnet), else for the whole network.
   * Resources that need one fact of the network take it here, so they start as early as they can.
   */
  field<K extends keyof NetworkInfo>(key: K): pulumi.Output<NetworkInfo[K]>;
}

/**
 * Resolves a component's `network` argument: an MlopsVpc's `network` output (the usual case), a
 * plain NetworkInfo, or any output of one (a stack reference, say).
 */
export function resolveNetwork(input: pulumi.Input<NetworkInfo>): ResolvedNetwork {
  const known = typeof input === "object" && input !== null ? registry().get(input) : undefined;
  const info = pulumi.output(input) as pulumi.Output<NetworkInfo>;
  const whole = <K extends keyof NetworkInfo>(key: K) => info.apply((i) => i[key]);
  if (known) {
    return {
      known: {
        cloud: known.cloud,
        cidr: known.cidr,
        name: known.name,
        natMode: known.natMode,
        ...(known.zones !== undefined ? { zones: known.zones } : {}),
      },
      info,
      subnetIds: known.subnetIds,
      field: (key) => known.fields?.[key] ?? whole(key),
    };
  }
  const plain = !pulumi.Output.isInstance(input) && !(input instanceof Promise) ? (input as NetworkInfo) : undefined;
  return {
    known:
      plain && typeof plain.cloud === "string"
        ? {
            cloud: plain.cloud,
            cidr: plain.cidr,
            name: plain.name,
            ...(Array.isArray(plain.zones) ? { zones: plain.zones.length } : {}),
            ...(plain.natMode !== undefined ? { natMode: plain.natMode } : {}),
          }
        : undefined,
    info,
    subnetIds: {
      public: info.publicSubnetIds,
      private: info.privateSubnetIds,
      isolated: info.isolatedSubnetIds,
    },
    field: whole,
  };
}
