import * as fs from "node:fs";

const classFiles = new Map<string, Map<string, string>>();

/**
 * The files of a provider submodule's classes, from its index (`lazyLoad(exports, ["Vpc"], () =>
 * require("./vpc"))`): names are not derivable from the type token (`gcp:compute/uRLMap:URLMap`
 * lives in `compute/urlmap.js`).
 */
function filesOf(index: string): Map<string, string> {
  let files = classFiles.get(index);
  if (!files) {
    files = new Map();
    const source = fs.readFileSync(require.resolve(`${index}/index.js`), "utf8");
    for (const m of source.matchAll(/lazyLoad\(exports, \[([^\]]*)\], \(\) => require\("\.\/([^"]+)"\)\)/g)) {
      for (const name of (m[1] ?? "").matchAll(/"([^"]+)"/g)) if (name[1] && m[2]) files.set(name[1], m[2]);
    }
    classFiles.set(index, files);
  }
  return files;
}

/**
 * Where a resource type's class lives in its provider SDK, as the cheapest import a program can
 * write: the class's own module. `aws:ec2/vpc:Vpc` is `Vpc` of `@pulumi/aws/ec2/vpc`,
 * `azure-native:network:Subnet` is `Subnet` of `@pulumi/azure-native/network/subnet`.
 */
export function sdkModuleOf(type: string): { module: string; className: string } {
  const [pkg, mod, className] = type.split(":");
  if (!pkg || !mod || !className) throw new Error(`not a resource type token: ${type}`);
  // Kubernetes groups are DNS names (`helm.sh/v3`, `networking.k8s.io/v1`); the SDK's folder is the first label.
  const group = mod.split("/")[0] ?? mod;
  const submodule = pkg === "kubernetes" ? (group.split(".")[0] ?? group) : group;
  const index = submodule === "index" ? `@pulumi/${pkg}` : `@pulumi/${pkg}/${submodule}`;
  const file = filesOf(index).get(className);
  return { module: file ? `${index}/${file}` : index, className };
}

type ResourceClass = new (name: string, args: Record<string, unknown>) => unknown;

export function sdkClassOf(type: string): ResourceClass {
  const { module, className } = sdkModuleOf(type);
  // resolved at run time from the plan's types
  const Class = (require(module) as Record<string, unknown>)[className];
  if (typeof Class !== "function") throw new Error(`${module} has no class ${className} (for ${type})`);
  return Class as ResourceClass;
}
