/**
 * Where a resource type's class lives in its provider SDK: `aws:ec2/vpc:Vpc` is `Vpc` of
 * `@pulumi/aws/ec2`, `azure-native:network:Subnet` is `Subnet` of `@pulumi/azure-native/network`.
 */
export function sdkModuleOf(type: string): { module: string; className: string } {
  const [pkg, mod, className] = type.split(":");
  if (!pkg || !mod || !className) throw new Error(`not a resource type token: ${type}`);
  const submodule = mod.split("/")[0] ?? mod;
  return { module: submodule === "index" ? `@pulumi/${pkg}` : `@pulumi/${pkg}/${submodule}`, className };
}

type ResourceClass = new (name: string, args: Record<string, unknown>) => unknown;

export function sdkClassOf(type: string): ResourceClass {
  const { module, className } = sdkModuleOf(type);
  // resolved at run time from the plan's types
  const Class = (require(module) as Record<string, unknown>)[className];
  if (typeof Class !== "function") throw new Error(`${module} has no class ${className} (for ${type})`);
  return Class as ResourceClass;
}
