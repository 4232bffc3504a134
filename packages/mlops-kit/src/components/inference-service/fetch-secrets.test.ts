import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { parseImage, renderUserData } from "./aws/boot";
import { renderCloudConfig as azureCloudConfig } from "./azure/boot";
import { parseCloudConfig } from "./boot-fixtures";
import { renderCloudConfig as gcpCloudConfig } from "./gcp/boot";
import type { InferenceServicePlan } from "./plan";
import { FETCH_SECRETS, SECRET_ENV_FILE, SECRET_LIST } from "./secret-env";

// The fetch scripts run as the instance runs them, with the cloud's tools replaced by stubs that
// answer as the services do: the env file holds each value exactly, and a value Docker's env file
// cannot hold fails the start.

const plan = (cloud: CloudId) =>
  ({
    name: "api",
    cloud,
    container: { port: 80, command: undefined, args: undefined },
    compute: { gpu: undefined },
  }) as unknown as InferenceServicePlan;

/** The written files of each cloud's user data with one secret variable. */
function files(cloud: CloudId) {
  const secret = { name: "API_TOKEN" };
  const text = {
    aws: () =>
      renderUserData(plan("aws"), {
        image: parseImage("ghcr.io/a/b:1"),
        region: "us-east-1",
        logGroup: "g",
        env: [],
        secrets: [{ ...secret, arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tok-AbCdEf" }],
      }),
    gcp: () =>
      gcpCloudConfig({
        image: "a/b",
        env: {},
        port: 80,
        command: undefined,
        args: undefined,
        gpus: 0,
        secrets: [{ ...secret, version: "projects/p/secrets/tok/versions/latest" }],
      }),
    azure: () =>
      azureCloudConfig({
        image: "a/b",
        env: {},
        port: 80,
        command: undefined,
        args: undefined,
        gpu: false,
        identityClientId: "client-1",
        secrets: [{ ...secret, url: "https://kv.vault.azure.net/secrets/tok", audience: "https://vault.azure.net" }],
      }),
  }[cloud]();
  return parseCloudConfig(text);
}

/** Stubs of the tools each script calls: they print what the services answer, and log their arguments. */
function stubs(dir: string, value: string): void {
  const b64 = Buffer.from(value, "utf8").toString("base64");
  const tool = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> ${dir}/calls\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  writeFileSync(join(dir, "value"), value);
  tool("aws", `cat ${dir}/value`);
  tool(
    "curl",
    [
      'case "$*" in',
      `  *computeMetadata*) printf '{"access_token":"ya29.tok","expires_in":3599,"token_type":"Bearer"}' ;;`,
      `  *secretmanager*) printf '{\\n  "name": "projects/1/secrets/tok/versions/3",\\n  "payload": {\\n    "data": "${b64}",\\n    "dataCrc32c": "1"\\n  }\\n}\\n' ;;`,
      `  *169.254.169.254*) printf '{"access_token": "eyJ.tok", "expires_in": "3599"}' ;;`,
      `  *vault.azure.net*) python3 -c 'import json,sys; print(json.dumps({"value": open(sys.argv[1]).read(), "id": "x"}))' ${dir}/value ;;`,
      "  *) exit 22 ;;",
      "esac",
    ].join("\n"),
  );
}

/** Runs the cloud's fetch script against the stubs, its absolute paths moved into a temporary directory. */
function run(cloud: CloudId, value: string): { status: number | null; env: string; calls: string } {
  const dir = mkdtempSync(join(tmpdir(), "mlops-fetch-"));
  stubs(dir, value);
  const config = files(cloud);
  writeFileSync(join(dir, "secrets.list"), config.file(SECRET_LIST));
  const script = config
    .file(FETCH_SECRETS)
    .replaceAll(SECRET_LIST, join(dir, "secrets.list"))
    .replaceAll(SECRET_ENV_FILE.slice(0, SECRET_ENV_FILE.lastIndexOf("/")), join(dir, "run"));
  const result = spawnSync("sh", ["-c", script, "fetch-secrets", ...(cloud === "azure" ? ["client-1"] : [])], {
    encoding: "utf8",
    env: { PATH: `${dir}:${process.env.PATH ?? ""}` },
  });
  const read = (f: string) => {
    try {
      return readFileSync(f, "utf8");
    } catch {
      return "";
    }
  };
  return { status: result.status, env: read(join(dir, "run", "secret.env")), calls: read(join(dir, "calls")) };
}

describe.each(["aws", "gcp", "azure"] as const)("the secret fetch script on %s", (cloud) => {
  it("GIVEN a secret value with spaces, quotes, = and $ WHEN fetched THEN the env file holds it exactly", () => {
    const value = `p@ss word = 'q' "dq" $HOME \\ é`;
    const { status, env, calls } = run(cloud, value);
    expect(status).toBe(0);
    expect(env).toBe(`API_TOKEN=${value}\n`);
    const expected = {
      aws: "aws secretsmanager get-secret-value --region eu-west-1 --secret-id arn:aws:secretsmanager:eu-west-1:123456789012:secret:tok-AbCdEf --query SecretString --output text",
      gcp: "https://secretmanager.googleapis.com/v1/projects/p/secrets/tok/versions/latest:access",
      azure: "https://kv.vault.azure.net/secrets/tok?api-version=7.4",
    }[cloud];
    expect(calls).toContain(expected);
    if (cloud === "azure") expect(calls).toContain("resource=https://vault.azure.net&client_id=client-1");
  });

  it("GIVEN a secret value with a line break WHEN fetched THEN the script fails and writes no env file", () => {
    const { status, env } = run(cloud, "line1\nline2");
    expect(status).not.toBe(0);
    expect(env).toBe("");
  });
});
