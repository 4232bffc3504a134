import type * as pulumi from "@pulumi/pulumi";
import type { CloudId } from "../../core/cloud";
import type { LoadBalancerScheme } from "./args";
import type { InferenceServiceInfo } from "./info";

/**
 * What a consumer of an InferenceService's `info` needs before it resolves (a monitoring stack
 * names its alarms after the service and checks only public services): known when the service is
 * constructed in the same program.
 */
export interface KnownService {
  cloud: CloudId;
  name: string;
  scheme: LoadBalancerScheme;
  minInstances: number;
  maxInstances: number;
}

const REGISTRY_KEY = Symbol.for("mlops-kit.inference-service.registry");
// Shared through the global registry, so a second copy of this module (two installs of the
// library in one program) still finds the services the first registered.
function registry(): WeakMap<object, KnownService> {
  const g = globalThis as unknown as Record<symbol, WeakMap<object, KnownService> | undefined>;
  g[REGISTRY_KEY] ??= new WeakMap();
  return g[REGISTRY_KEY];
}

export function registerService(info: pulumi.Output<InferenceServiceInfo>, known: KnownService): void {
  registry().set(info, known);
}

/** The plain facts of a service's `info`: registered by its component, or read off a plain value. */
export function knownService(input: pulumi.Input<InferenceServiceInfo>): KnownService | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const registered = registry().get(input);
  if (registered) return registered;
  const v = input as Partial<InferenceServiceInfo>;
  const plain = typeof v.name === "string" && typeof v.cloud === "string" && typeof v.scheme === "string";
  return plain && typeof v.minInstances === "number" && typeof v.maxInstances === "number"
    ? {
        cloud: v.cloud as CloudId,
        name: v.name as string,
        scheme: v.scheme as LoadBalancerScheme,
        minInstances: v.minInstances,
        maxInstances: v.maxInstances,
      }
    : undefined;
}
