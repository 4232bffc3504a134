import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containerRun, execStart, expectedRun, hostileString, parseCloudConfig, systemdWords } from "../boot-fixtures";
import type { InferenceServicePlan } from "../plan";
import { DOCKER_CONFIG, INSTANCE_ENV, PREPARE, parseImage, renderUserData } from "./boot";

/** Only the parts of a plan the user data reads. */
const plan = (c: Partial<InferenceServicePlan["container"]> = {}, gpu = false) =>
  ({
    name: "api",
    cloud: "aws",
    container: { port: 8080, command: undefined, args: undefined, ...c },
    compute: { gpu: gpu ? { type: "t4", count: 1 } : undefined },
  }) as unknown as InferenceServicePlan;
const ECR_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/model:1";
const render = (p: InferenceServicePlan, env: [string, string][] = [], image = ECR_IMAGE) =>
  renderUserData(p, { image: parseImage(image), region: "us-east-1", logGroup: "api-logs-1a2b3c4", env });
const UNIT = "/etc/systemd/system/mlops-model.service";

describe("image references", () => {
  it.each([
    ["123456789012.dkr.ecr.us-east-1.amazonaws.com/model:1", { account: "123456789012", region: "us-east-1", repository: "model" }],
    [
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/model@sha256:abc",
      { account: "123456789012", region: "eu-west-1", repository: "team/model" },
    ],
    ["123456789012.dkr-ecr.us-west-2.on.aws/a/b:2", { account: "123456789012", region: "us-west-2", repository: "a/b" }],
    ["123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/m", { account: "123456789012", region: "us-gov-west-1", repository: "m" }],
    ["123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/m:latest", { account: "123456789012", region: "cn-north-1", repository: "m" }],
    ["public.ecr.aws/acme/model:1", undefined],
    ["ghcr.io/acme/model:1", undefined],
    ["acme/model:1", undefined],
  ])("GIVEN %s THEN its ECR repository is %j", (image, ecr) => {
    expect(parseImage(image).ecr).toEqual(ecr);
  });

  it("GIVEN a registry host THEN it is kept, ECR or not; Docker Hub images have none", () => {
    expect(parseImage("ghcr.io/acme/model:1").registry).toBe("ghcr.io");
    expect(parseImage("123456789012.dkr.ecr.us-east-1.amazonaws.com/m").registry).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com");
    expect(parseImage("acme/model:1").registry).toBeUndefined();
  });
});

describe("Amazon Linux 2023 cloud-init", () => {
  it("GIVEN an ECR image WHEN rendered THEN the container runs as a systemd unit that restarts, pulls before each start, and logs to CloudWatch as the instance", () => {
    const config = parseCloudConfig(render(plan({}, true), [["A", "1"]]));
    expect(config.keys).toEqual(["write_files", "runcmd"]);
    expect(config.files.map((f) => [f.path, f.permissions])).toEqual([
      ["/etc/mlops/model.env", "0600"],
      [DOCKER_CONFIG, "0600"],
      [PREPARE, "0755"],
      [UNIT, "0644"],
    ]);
    expect(JSON.parse(config.file(DOCKER_CONFIG))).toEqual({
      credHelpers: { "123456789012.dkr.ecr.us-east-1.amazonaws.com": "ecr-login" },
    });
    expect(config.file(PREPARE)).toContain("dnf install -y amazon-ecr-credential-helper");
    expect(config.file(PREPARE)).toContain(`> ${INSTANCE_ENV}`);
    expect(config.file("/etc/mlops/model.env")).toBe("A=1\n");
    expect(config.doc.runcmd).toEqual([
      "systemctl mask --now ecs.service",
      "systemctl enable --now docker.service",
      "systemctl daemon-reload",
      "systemctl enable --now mlops-model.service",
    ]);
    const unit = config.file(UNIT);
    for (const line of [
      "Restart=always",
      "RestartSec=10",
      "StartLimitIntervalSec=0",
      "TimeoutStartSec=0",
      `EnvironmentFile=-${INSTANCE_ENV}`,
    ])
      expect(unit.split("\n")).toContain(line);
    expect(unit).toContain(
      `ExecStartPre=${PREPARE}\nExecStartPre=-/usr/bin/docker rm --force model\nExecStartPre=/usr/bin/docker pull "${ECR_IMAGE}"\n`,
    );
    expect(systemdWords(execStart(unit))).toEqual([
      "/usr/bin/docker",
      "run",
      "--rm",
      "--name=model",
      "--publish=8080:8080",
      "--env-file=/etc/mlops/model.env",
      "--gpus=all",
      "--log-driver=awslogs",
      "--log-opt=awslogs-region=us-east-1",
      "--log-opt=awslogs-group=api-logs-1a2b3c4",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: systemd expands it
      "--log-opt=awslogs-stream=${MLOPS_INSTANCE_ID}",
      ECR_IMAGE,
    ]);
    expect(unit).not.toMatch(/set -e|docker run -d/);
  });

  it("GIVEN an image outside ECR THEN no credential helper is configured, and no GPU flag without a GPU", () => {
    const config = parseCloudConfig(render(plan(), [], "ghcr.io/acme/model:1"));
    expect(config.files.map((f) => f.path)).not.toContain(DOCKER_CONFIG);
    expect(config.file(PREPARE)).not.toContain("ecr");
    expect(execStart(config.file(UNIT))).not.toContain("--gpus");
  });

  it("GIVEN an empty env THEN the env file entry is an empty string without an encoding", () => {
    expect(parseCloudConfig(render(plan())).files[0]).toEqual({
      path: "/etc/mlops/model.env",
      permissions: "0600",
      owner: "root:root",
      content: "",
    });
  });

  it("GIVEN hostile command, args and env WHEN rendered THEN cloud-init reads only our keys and files, and docker gets every word and value exactly", () => {
    fc.assert(
      fc.property(
        fc.array(hostileString(), { maxLength: 3 }),
        fc.array(hostileString(), { maxLength: 3 }),
        fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), hostileString({ singleLine: true }), { maxKeys: 3 }),
        (command, args, env) => {
          const config = parseCloudConfig(render(plan({ command, args }), Object.entries(env)));
          expect(config.keys).toEqual(["write_files", "runcmd"]);
          expect(config.files.map((f) => f.path)).toEqual(["/etc/mlops/model.env", DOCKER_CONFIG, PREPARE, UNIT]);
          const unit = config.file(UNIT);
          expect(unit.split("\n").filter((l) => l !== "" && !/^\[|^[A-Za-z]+=/.test(l))).toEqual([]);
          expect(containerRun(config, UNIT, 10)).toEqual(expectedRun(ECR_IMAGE, command, args, env));
        },
      ),
    );
  });

  it("GIVEN an env over 16 KB WHEN rendered THEN it is a SpecError on env naming EC2's limit", () => {
    expect(() => render(plan(), [["BIG", "x".repeat(12_000)]])).toThrow(
      /InferenceService "api": env .* at least \d+ bytes; EC2 takes 16384 bytes of user data/,
    );
    expect(() => render(plan(), [["SMALL", "x".repeat(8_000)]])).not.toThrow();
  });
});
