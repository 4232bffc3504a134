import * as fs from "node:fs";
import * as path from "node:path";

const COMPONENTS = path.resolve(__dirname, "..", "..", "packages", "mlops-kit", "src", "components");

/** A cloud's backend files: `<cloud>.ts` and `<cloud>-<part>.ts` of every component, tests aside. */
export function backendFiles(cloud: string): string[] {
  const isBackend = (f: string) => (f === `${cloud}.ts` || f.startsWith(`${cloud}-`)) && f.endsWith(".ts") && !f.endsWith(".test.ts");
  return fs
    .readdirSync(COMPONENTS)
    .flatMap((component) =>
      fs
        .readdirSync(path.join(COMPONENTS, component))
        .filter(isBackend)
        .map((f) => path.join(COMPONENTS, component, f)),
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
