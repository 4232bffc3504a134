import * as pulumi from "@pulumi/pulumi";
import type { CloudId } from "../../core/cloud";
import type { NetworkFields } from "./contract";
import type { NetworkInfo } from "./info";
import type { Tier } from "./plan";
import type { NatMode } from "./spec";

/** What a component in the same program knows about an MlopsVpc beyond its `network` output. */
export interface KnownNetwork {
  cloud: CloudId;
  name: string;
  cidr: string;
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

/** A network as a consumer sees it: plain facts when they are known now, outputs always. */
export interface ResolvedNetwork {
  /** Present when the network is an MlopsVpc of this program (or a plain value), so the cloud and CIDR can be checked before registering anything. */
  known: { cloud: CloudId; cidr: string; name: string; natMode?: NatMode } | undefined;
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
      known: { cloud: known.cloud, cidr: known.cidr, name: known.name, natMode: known.natMode },
      info,
      subnetIds: known.subnetIds,
      field: (key) => known.fields?.[key] ?? whole(key),
    };
  }
  const plain = !pulumi.Output.isInstance(input) && !(input instanceof Promise) ? (input as NetworkInfo) : undefined;
  return {
    known: plain && typeof plain.cloud === "string" ? { cloud: plain.cloud, cidr: plain.cidr, name: plain.name } : undefined,
    info,
    subnetIds: {
      public: info.publicSubnetIds,
      private: info.privateSubnetIds,
      isolated: info.isolatedSubnetIds,
    },
    field: whole,
  };
}
