/**
 * Resource types free on every cloud: they are not billed by themselves. Consulted before a cloud's
 * own `free` list, so no cloud table needs to repeat them.
 */
const FREE_PREFIXES: readonly { prefix: string; reason: string }[] = [
  { prefix: "pulumi:providers:", reason: "a provider configuration is not a cloud resource" },
  { prefix: "kubernetes:", reason: "Kubernetes objects run on nodes that are priced already" },
];

/** Why a resource of this type costs nothing on any cloud, or undefined when it may be billed. */
export function freeEverywhere(type: string): string | undefined {
  return FREE_PREFIXES.find((f) => type.startsWith(f.prefix))?.reason;
}
