import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderSchema } from "../packages/cli/src/schema";
import { PLATFORM_SETTINGS } from "../packages/cli/src/schema-config";
import { ROOT } from "./helpers";

// The editor schema of stack files: committed, up to date, and every stack file of the repository
// passes it under a real JSON Schema validator; a broken one fails with the setting named.

const SCHEMA_FILE = path.join(ROOT, "schema", "stack-config.schema.json");
const REGENERATE = "node packages/cli/bin/mlops.js schema --out schema/stack-config.schema.json";

function stackFiles(): string[] {
  const dirs = [path.join(ROOT, "stacks"), ...fs.readdirSync(path.join(ROOT, "examples")).map((d) => path.join(ROOT, "examples", d))];
  return dirs.flatMap((d) =>
    fs.existsSync(d) && fs.statSync(d).isDirectory()
      ? fs
          .readdirSync(d)
          .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
          .map((f) => path.join(d, f))
      : [],
  );
}

function validator() {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")));
}

const where = (e: ErrorObject) =>
  `${e.instancePath} ${e.message}${e.params && "propertyName" in e.params ? ` (${e.params.propertyName})` : ""}`;

describe("GIVEN the committed stack-file schema", () => {
  it("WHEN generated again THEN it is identical (regenerate with the command in the message)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8"), `schema/stack-config.schema.json is stale: ${REGENERATE}`).toBe(renderSchema());
  });

  it("WHEN stacks/platform.ts is read THEN the platform settings it reads are exactly the schema's", () => {
    const program = fs.readFileSync(path.join(ROOT, "stacks", "platform.ts"), "utf8");
    const read = [...program.matchAll(/config\.(?:get|require)\w*\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(3);
    expect([...new Set(read)].sort()).toEqual([...PLATFORM_SETTINGS].sort());
  });

  const files = stackFiles();
  it("WHEN the stack files are listed THEN there are the six reference stacks and the examples'", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))(
    "WHEN %s is validated THEN it passes and names the schema on its first line",
    (_, file) => {
      const text = fs.readFileSync(file, "utf8");
      const first = text.split("\n")[0] ?? "";
      const ref = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
      expect(ref, "first line").toBeDefined();
      expect(path.resolve(path.dirname(file), ref ?? "")).toBe(SCHEMA_FILE);
      const validate = validator();
      const ok = validate(parse(text));
      expect((validate.errors ?? []).map(where)).toEqual([]);
      expect(ok).toBe(true);
    },
  );
});

describe("GIVEN a broken stack file", () => {
  it("WHEN validated THEN each mistake is reported with its setting named", () => {
    const validate = validator();
    const broken = parse(fs.readFileSync(path.join(ROOT, "test/fixtures/stack-schema/Pulumi.broken.yaml"), "utf8"));
    expect(validate(broken)).toBe(false);
    const errors = (validate.errors ?? []).map(where);
    expect(errors).toContain("/config/mlops:profile must be equal to one of the allowed values");
    expect(errors).toContain("/config must have required property 'aws:region'");
    expect(errors).toContain("/config property name must be valid (platform:gpuType)");
    expect(errors.some((e) => e.startsWith("/config/platform:cidr must match pattern"))).toBe(true);
  });

  it("WHEN a component setting is not what its spec takes THEN the error names the setting", () => {
    const validate = validator();
    const config = {
      "mlops:cloud": "gcp",
      "gcp:project": "acme-ml-dev",
      "gcp:region": "us-central1",
      "platform:monthlyBudget": "lots",
      "platform:trainingGpuNodes": 0,
      "platform:retrainSchedule": "weekly",
      "platform:billingAccount": "0123456789AB",
    };
    expect(validate({ config })).toBe(false);
    const named = new Set((validate.errors ?? []).map((e) => e.instancePath));
    for (const key of ["monthlyBudget", "trainingGpuNodes", "retrainSchedule", "billingAccount"])
      expect(named).toContain(`/config/platform:${key}`);
    expect(
      validate({
        config: {
          ...config,
          "platform:monthlyBudget": "1500",
          "platform:trainingGpuNodes": 4,
          "platform:retrainSchedule": "0 3 * * MON",
          "platform:billingAccount": "012345-6789AB-CDEF01",
        },
      }),
    ).toBe(true);
  });

  it("WHEN the cloud is misspelt THEN the error names mlops:cloud", () => {
    const validate = validator();
    expect(validate({ config: { "mlops:cloud": "awz" } })).toBe(false);
    expect((validate.errors ?? []).map(where)).toContain("/config/mlops:cloud must be equal to one of the allowed values");
  });
});
