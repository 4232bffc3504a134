import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadStackConfig } from "./config";

let dir: string;
const write = (files: Record<string, string>) => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-config-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
};
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("loadStackConfig", () => {
  it("GIVEN project defaults and a stack file THEN stack values win, bare keys get the project namespace, objects become JSON", () => {
    write({
      "Pulumi.yaml":
        "name: demo\nruntime: nodejs\nmain: src/index.ts\nstackConfigDir: stacks\nconfig:\n  mlops:profile:\n    default: dev\n  size: small\n  aws:region: us-east-1\n",
      "stacks/Pulumi.prod.yaml": "config:\n  mlops:profile: prod\n  demo:zones: [a, b]\n  replicas: 3\n",
    });
    const c = loadStackConfig(dir, "prod");
    expect(c.project).toBe("demo");
    expect(c.main).toBe(path.join(dir, "src/index.ts"));
    expect(c.config).toEqual({
      "mlops:profile": "prod",
      "demo:size": "small",
      "aws:region": "us-east-1",
      "demo:zones": '["a","b"]',
      "demo:replicas": "3",
    });
  });

  it("GIVEN a secure value THEN it is masked and listed as secret", () => {
    write({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n", "Pulumi.dev.yaml": "config:\n  demo:token:\n    secure: v1:abc\n" });
    const c = loadStackConfig(dir, "dev");
    expect(c.config["demo:token"]).toBe("[secret]");
    expect(c.secretKeys).toEqual(["demo:token"]);
    expect(c.main).toBe(dir);
  });

  it("GIVEN an unknown stack THEN the error names the missing file and the stacks there are", () => {
    write({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n", "Pulumi.dev.yaml": "config: {}\n", "Pulumi.prod.yaml": "" });
    expect(() => loadStackConfig(dir, "qa")).toThrow(/stack "qa" has no config file .*Pulumi\.qa\.yaml; stacks here: dev, prod/);
  });

  it("GIVEN no Pulumi.yaml THEN the error says so", () => {
    write({ "README.md": "" });
    expect(() => loadStackConfig(dir, "dev")).toThrow(`no Pulumi.yaml in ${dir}`);
  });

  it("GIVEN broken YAML THEN the error names the file", () => {
    write({ "Pulumi.yaml": "name: [unclosed\n" });
    expect(() => loadStackConfig(dir, "dev")).toThrow(/Pulumi\.yaml: not valid YAML/);
  });
});
