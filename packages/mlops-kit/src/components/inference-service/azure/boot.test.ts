import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { containerRun, expectedRun, hostileString, parseCloudConfig } from "../boot-fixtures";
import { GPU_SETUP, REGISTRY_LOGIN, renderCloudConfig } from "./boot";

interface CloudConfig {
  packages: string[];
  write_files: { path: string; owner: string; encoding?: string; content: string }[];
  runcmd: string[];
}

const render = (image: string, gpu = false, identityClientId?: string) =>
  renderCloudConfig({ image, env: { A: "1" }, port: 8080, command: undefined, args: undefined, gpu, identityClientId });
const unitOf = (c: CloudConfig) => c.write_files.find((f) => f.path === "/etc/systemd/system/mlops-model.service")?.content ?? "";

describe("Ubuntu cloud-init", () => {
  it.each([
    ["acmeml.azurecr.io/models/api:1", true],
    ["ACME.azurecr.cn/m:1", true],
    ["ghcr.io/acme/model:1", false],
    ["acme/model:1", false],
  ])("GIVEN image %s THEN the registry login is written and run before each start: %s", (image, login) => {
    const config = parse(render(image, false, "client-1")) as CloudConfig;
    expect(config.write_files.some((f) => f.path === REGISTRY_LOGIN)).toBe(login);
    expect(unitOf(config).includes(`ExecStartPre=${REGISTRY_LOGIN}`)).toBe(login);
  });

  it("GIVEN a registry and an identity THEN the login names both; without an identity only the registry", () => {
    expect(unitOf(parse(render("acmeml.azurecr.io/m:1", false, "client-1")) as CloudConfig)).toContain(
      `ExecStartPre=${REGISTRY_LOGIN} "acmeml.azurecr.io" "client-1"`,
    );
    expect(unitOf(parse(render("acmeml.azurecr.io/m:1")) as CloudConfig)).toContain(`ExecStartPre=${REGISTRY_LOGIN} "acmeml.azurecr.io"\n`);
  });

  it("GIVEN a GPU THEN the container toolkit is set up first, and the container gets every GPU", () => {
    const config = parse(render("acmeml.azurecr.io/m:1", true)) as CloudConfig;
    expect(config.runcmd).toEqual([GPU_SETUP, "systemctl daemon-reload", "systemctl enable --now mlops-model.service"]);
    expect(unitOf(config)).toMatch(/^ExecStart=\/usr\/bin\/docker run .* --gpus=all "acmeml\.azurecr\.io\/m:1"$/m);
  });

  it("GIVEN a GPU THEN every apt step of the toolkit setup waits for the dpkg lock the driver extension holds, and is retried", () => {
    const config = parse(render("acmeml.azurecr.io/m:1", true)) as CloudConfig;
    const script = config.write_files.find((f) => f.path === GPU_SETUP)?.content ?? "";
    const aptLines = script.split("\n").filter((l) => /\bapt-get\b/.test(l));
    expect(aptLines.length).toBeGreaterThanOrEqual(3);
    for (const line of aptLines) expect(line).toMatch(/^retry apt-get -o DPkg::Lock::Timeout=\d+ /);
    // Docker too, in case cloud-init's own install lost the race for the lock.
    expect(aptLines).toContain("retry apt-get -o DPkg::Lock::Timeout=600 install -y docker.io");
    expect(spawnSync("sh", ["-n"], { input: script }).status).toBe(0);
  });

  it("GIVEN any command and arguments WHEN rendered THEN the YAML is valid, Docker is installed, and every unit line is one directive", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary" }), { maxLength: 4 }),
        fc.array(fc.string({ unit: "binary" }), { maxLength: 4 }),
        (command, args) => {
          const config = parse(
            renderCloudConfig({
              image: "acmeml.azurecr.io/m:1",
              env: {},
              port: 80,
              command,
              args,
              gpu: false,
              identityClientId: undefined,
            }),
          ) as CloudConfig;
          expect(config.packages).toEqual(["docker.io"]);
          for (const f of config.write_files) expect(f.owner).toBe("root:root");
          expect(
            unitOf(config)
              .split("\n")
              .filter((l) => l !== "" && !/^\[|^[A-Za-z]+=/.test(l)),
          ).toEqual([]);
        },
      ),
    );
  });

  it("GIVEN an empty env WHEN rendered THEN the env file is an empty string without encoding (a null with encoding b64 made write_files fail)", () => {
    const config = parseCloudConfig(
      renderCloudConfig({
        image: "acmeml.azurecr.io/m:1",
        env: {},
        port: 80,
        command: undefined,
        args: undefined,
        gpu: false,
        identityClientId: "c",
      }),
    );
    expect(config.files[0]).toEqual({ path: "/etc/mlops/model.env", permissions: "0600", owner: "root:root", content: "" });
    expect(config.files.map((f) => f.path)).toEqual(["/etc/mlops/model.env", REGISTRY_LOGIN, "/etc/systemd/system/mlops-model.service"]);
  });

  it("GIVEN an Azure Container Registry WHEN logging in THEN the instance asks IMDS for a registry-audience token, not an ARM one", () => {
    const login = parseCloudConfig(render("acmeml.azurecr.io/m:1")).file(REGISTRY_LOGIN);
    expect(login).toContain("resource=https://containerregistry.azure.net");
    expect(login).not.toContain("management.azure.com");
  });

  it("GIVEN hostile command, args and env WHEN rendered THEN cloud-init reads only our keys and files, and docker gets every word and value exactly", () => {
    fc.assert(
      fc.property(
        fc.array(hostileString(), { maxLength: 3 }),
        fc.array(hostileString(), { maxLength: 3 }),
        fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), hostileString({ singleLine: true }), { maxKeys: 3 }),
        (command, args, env) => {
          const config = parseCloudConfig(
            renderCloudConfig(
              { image: "ghcr.io/a/b:1", env, port: 80, command, args, gpu: false, identityClientId: undefined },
              { name: "api", cloud: "azure" },
            ),
          );
          expect(config.keys).toEqual(["package_update", "packages", "write_files", "runcmd"]);
          expect(config.files.map((f) => f.path)).toEqual(["/etc/mlops/model.env", "/etc/systemd/system/mlops-model.service"]);
          expect(config.doc.runcmd).toEqual(["systemctl daemon-reload", "systemctl enable --now mlops-model.service"]);
          expect(containerRun(config, "/etc/systemd/system/mlops-model.service", 6)).toEqual(
            expectedRun("ghcr.io/a/b:1", command, args, env),
          );
        },
      ),
    );
  });

  it("GIVEN an env over 64 KB WHEN rendered THEN it is a SpecError on env naming the custom data limit", () => {
    const big = (n: number) => ({
      image: "ghcr.io/a/b:1",
      env: { BIG: "x".repeat(n) },
      port: 80,
      command: undefined,
      args: undefined,
      gpu: false,
      identityClientId: undefined,
    });
    expect(() => renderCloudConfig(big(50_000), { name: "api", cloud: "azure" })).toThrow(
      /InferenceService "api": env .* at least \d+ bytes; Azure takes 65535 bytes of custom data/,
    );
    expect(() => renderCloudConfig(big(40_000), { name: "api", cloud: "azure" })).not.toThrow();
  });
});
