import * as fs from "node:fs";
import * as path from "node:path";

const COMPONENTS = path.resolve(__dirname, "..", "..", "packages", "mlops-kit", "src", "components");

/** A cloud's backend files: everything under `components/<component>/<cloud>/`, tests aside. */
export function backendFiles(cloud: string): string[] {
  const isSource = (f: string) => f.endsWith(".ts") && !f.endsWith(".test.ts");
  return fs
    .readdirSync(COMPONENTS)
    .map((component) => path.join(COMPONENTS, component, cloud))
    .filter((dir) => fs.existsSync(dir))
    .flatMap((dir) =>
      fs
        .readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter(isSource)
        .map((f) => path.join(dir, f)),
    )
    .sort();
}

/**
 * The provider modules a cloud's backends import (`@pulumi/aws/ec2/vpc`, ...): what loading the
 * backends of one cloud loads beyond mlops-kit's own bundle, which carries the backends' code.
 * Only a cloud's backend files may import its SDK (a lint rule), so reading those is exact.
 */
export function backendSdkModules(cloud: string): string[] {
  const modules = new Set<string>();
  for (const file of backendFiles(cloud)) {
    for (const m of fs
      .readFileSync(file, "utf8")
      .matchAll(/^import (?!type\b)[^;]*? from "(@pulumi\/(?:aws|gcp|azure-native)\/[^"]+)";/gm)) {
      if (m[1]) modules.add(m[1]);
    }
  }
  return [...modules].sort();
}
