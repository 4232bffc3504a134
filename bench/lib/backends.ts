import * as fs from "node:fs";
import * as path from "node:path";

const COMPONENTS = path.resolve(__dirname, "..", "..", "packages", "mlops-kit", "src", "components");

/**
 * The provider submodules a cloud's backends import (`@pulumi/aws/ec2`, ...): what loading the
 * backends of one cloud loads beyond mlops-kit's own bundle, which carries the backends' code.
 * Only a component's `<cloud>.ts` may import a cloud SDK (a lint rule), so reading those is exact.
 */
export function backendSdkModules(cloud: string): string[] {
  const modules = new Set<string>();
  for (const component of fs.readdirSync(COMPONENTS)) {
    const file = path.join(COMPONENTS, component, `${cloud}.ts`);
    if (!fs.existsSync(file)) continue;
    for (const m of fs
      .readFileSync(file, "utf8")
      .matchAll(/^import (?!type\b)[^;]*? from "(@pulumi\/(?:aws|gcp|azure-native)\/[^"]+)";/gm)) {
      if (m[1]) modules.add(m[1]);
    }
  }
  return [...modules].sort();
}
