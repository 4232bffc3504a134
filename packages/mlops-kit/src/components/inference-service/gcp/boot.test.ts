import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containerRun, expectedRun, hostileString, parseCloudConfig } from "../boot-fixtures";
import { GPU_UNIT, renderCloudConfig } from "./boot";

const UNIT = "/etc/systemd/system/mlops-model.service";
const IMAGE = "us-docker.pkg.dev/acme/models/api:1";
const service = { name: "api", cloud: "gcp" as const };

describe("Container-Optimized OS cloud-init", () => {
  it("GIVEN an empty env WHEN rendered THEN every write_files entry has string content, the env file an empty one without encoding", () => {
    const config = parseCloudConfig(
      renderCloudConfig({ image: IMAGE, env: {}, port: 8080, command: undefined, args: undefined, gpus: 1 }, service),
    );
    expect(config.keys).toEqual(["users", "write_files", "runcmd"]);
    expect(config.doc.users).toEqual([{ name: "mlops", uid: 2000 }]);
    expect(config.files.map((f) => f.path)).toEqual(["/etc/mlops/model.env", `/etc/systemd/system/${GPU_UNIT}`, UNIT]);
    expect(config.files[0]).toEqual({ path: "/etc/mlops/model.env", permissions: "0600", owner: "root", content: "" });
  });

  it("GIVEN hostile command, args and env WHEN rendered THEN cloud-init reads only our keys and files, and docker gets every word and value exactly", () => {
    fc.assert(
      fc.property(
        fc.array(hostileString(), { maxLength: 3 }),
        fc.array(hostileString(), { maxLength: 3 }),
        fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), hostileString({ singleLine: true }), { maxKeys: 3 }),
        (command, args, env) => {
          const config = parseCloudConfig(renderCloudConfig({ image: IMAGE, env, port: 8080, command, args, gpus: 0 }, service));
          expect(config.keys).toEqual(["users", "write_files", "runcmd"]);
          expect(config.files.map((f) => f.path)).toEqual(["/etc/mlops/model.env", UNIT]);
          expect(config.doc.runcmd).toEqual(["systemctl daemon-reload", "systemctl start mlops-model.service"]);
          const unit = config.file(UNIT);
          expect(unit.split("\n").filter((l) => l !== "" && !/^\[|^[A-Za-z]+=/.test(l))).toEqual([]);
          expect(containerRun(config, UNIT, 6)).toEqual(expectedRun(IMAGE, command, args, env));
        },
      ),
    );
  });

  it("GIVEN an env over 256 KiB WHEN rendered THEN it is a SpecError on env naming the metadata value limit", () => {
    const env = { BIG: "x".repeat(200_000) };
    expect(() => renderCloudConfig({ image: IMAGE, env, port: 8080, command: undefined, args: undefined, gpus: 0 }, service)).toThrow(
      /InferenceService "api": env .* at least \d+ bytes; Compute Engine takes 262144 bytes in one metadata value/,
    );
    expect(() =>
      renderCloudConfig(
        { image: IMAGE, env: { A: "x".repeat(150_000) }, port: 8080, command: undefined, args: undefined, gpus: 0 },
        service,
      ),
    ).not.toThrow();
  });
});
