import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpecError } from "../../core/errors";
import {
  checkUserDataSize,
  cloudConfig,
  cloudConfigDocument,
  dockerRunCommand,
  entrypointAndArgs,
  envBootFile,
  envFile,
  readCloudConfig,
  registryHost,
  systemdArg,
  systemdUnit,
  USER_DATA_LIMITS,
  unitFile,
} from "./boot";
import { HAS_PYYAML, hostileString, parseCloudConfig, readWithPyYaml } from "./boot-fixtures";

/**
 * systemd's reading of one double-quoted argument: C escapes (`\\`, `\"`, `\xNN`), then `$$`
 * and `%%` each back to one character.
 */
function unquote(arg: string): string {
  expect(arg.startsWith('"') && arg.endsWith('"')).toBe(true);
  return arg
    .slice(1, -1)
    .replace(/\\x([0-9a-f]{2})|\\(.)/g, (_, hex: string | undefined, ch: string | undefined) =>
      hex !== undefined ? String.fromCharCode(Number.parseInt(hex, 16)) : (ch ?? ""),
    )
    .replace(/\$\$/g, "$")
    .replace(/%%/g, "%");
}

describe("systemd arguments", () => {
  it.each([
    ["plain", '"plain"'],
    ['a "quoted" word', '"a \\"quoted\\" word"'],
    ["back\\slash", '"back\\\\slash"'],
    ["$HOME and $X", '"$$HOME and $$X"'],
    ["100%", '"100%%"'],
    ["two\nlines", '"two\\x0alines"'],
  ])("GIVEN %j WHEN quoted for systemd THEN it is %s", (raw, quoted) => {
    expect(systemdArg(raw)).toBe(quoted);
  });

  it("GIVEN any string WHEN quoted for systemd THEN it is one line, every $ and % is doubled, and systemd reads the string back", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (raw) => {
        const quoted = systemdArg(raw);
        expect(quoted).not.toMatch(/[\r\n]/);
        // Inside the quotes, a quote only ever follows a backslash.
        expect(quoted.slice(1, -1).replace(/\\./g, "")).not.toContain('"');
        expect(quoted.replace(/\$\$|%%/g, "")).not.toMatch(/[$%]/);
        expect(unquote(quoted)).toBe(raw);
      }),
    );
  });
});

describe("the container's command line", () => {
  it.each([
    [undefined, undefined, undefined, []],
    [["python", "-m", "serve"], undefined, "python", ["-m", "serve"]],
    [undefined, ["--port", "8080"], undefined, ["--port", "8080"]],
    [["serve"], ["--port", "8080"], "serve", ["--port", "8080"]],
  ])("GIVEN command %j and args %j THEN the entrypoint is %j and the arguments %j", (command, args, entrypoint, rest) => {
    expect(entrypointAndArgs({ command, args })).toEqual({ entrypoint, args: rest });
  });

  it("GIVEN a command, args and flags WHEN run under systemd THEN docker gets the name, port, env file and flags, then the entrypoint, image and words, each quoted", () => {
    expect(
      dockerRunCommand("/usr/bin/docker", { image: "ghcr.io/a/b:1", port: 8080, command: ["python", "-m"], args: ["$x"] }, ["--gpus=all"]),
    ).toBe(
      '/usr/bin/docker run --rm --name=model --publish=8080:8080 --env-file=/etc/mlops/model.env --gpus=all --entrypoint "python" "ghcr.io/a/b:1" "-m" "$$x"',
    );
    expect(dockerRunCommand("docker", { image: "a/b", port: 80, command: undefined, args: undefined }, [])).toBe(
      'docker run --rm --name=model --publish=80:80 --env-file=/etc/mlops/model.env "a/b"',
    );
  });

  it.each([
    ["ghcr.io/acme/model:1", "ghcr.io"],
    ["localhost:5000/model", "localhost:5000"],
    ["localhost/model", "localhost"],
    ["acme/model:1", undefined],
    ["model", undefined],
    ["123456789012.dkr.ecr.us-east-1.amazonaws.com/team/model@sha256:ab", "123456789012.dkr.ecr.us-east-1.amazonaws.com"],
  ])("GIVEN image %s THEN its registry is %s", (image, registry) => {
    expect(registryHost(image)).toBe(registry);
  });
});

describe("env files and units", () => {
  it("GIVEN variables WHEN written as an env file THEN each is one NAME=value line, taken literally", () => {
    expect(
      envFile([
        ["A", "1"],
        ["B", 'say "hi" $HOME'],
      ]),
    ).toBe('A=1\nB=say "hi" $HOME\n');
    expect(envFile([])).toBe("");
  });

  it("GIVEN sections WHEN rendered as a unit THEN each section header is followed by its directives and a blank line", () => {
    expect(systemdUnit({ Unit: ["Description=x"], Service: ["ExecStart=/bin/true", "Restart=always"], Install: [] })).toBe(
      "[Unit]\nDescription=x\n\n[Service]\nExecStart=/bin/true\nRestart=always\n\n[Install]\n",
    );
  });
});

describe("cloud-config", () => {
  it("GIVEN an empty env WHEN rendered THEN the env file is written from an empty string, not a null with encoding b64 (which write_files refuses)", () => {
    const parsed = parseCloudConfig(cloudConfig({ head: {}, files: [envBootFile({})], owner: "root", runcmd: [] }));
    expect(parsed.files).toEqual([{ path: "/etc/mlops/model.env", permissions: "0600", owner: "root", content: "" }]);
  });

  it("GIVEN env values WHEN rendered THEN the env file is base64 and reads back exactly", () => {
    const parsed = parseCloudConfig(
      cloudConfig({ head: {}, files: [envBootFile({ A: "1", B: "x\u2028y" })], owner: "root:root", runcmd: [] }),
    );
    expect(parsed.files[0]).toMatchObject({ encoding: "b64", owner: "root:root" });
    expect(parsed.file("/etc/mlops/model.env")).toBe("A=1\nB=x\u2028y\n");
  });

  it.each(["on", "yes", "off", "no", "y", "~", "null", "0644", "1e3", "0x1f", "1_000", "2001-01-01", "true", "-", "? a", "- a"])(
    "GIVEN the string %j WHEN rendered THEN a YAML 1.1 reader keeps it a string",
    (value) => {
      const text = cloudConfig({ head: { x: value }, files: [], owner: "root", runcmd: [value] });
      expect(readCloudConfig(text)).toEqual({ x: value, write_files: [], runcmd: [value] });
    },
  );

  it("GIVEN U+2028 in a block scalar WHEN read as cloud-init does THEN it is a line break that can add a key: the reader is not the yaml package's", () => {
    const naive = "#cloud-config\nruncmd:\n  - echo\u2028bootcmd: [[touch, /pwned]]\n";
    expect(readCloudConfig(naive)).toMatchObject({ bootcmd: [["touch", "/pwned"]] });
    expect(() => readCloudConfig("#cloud-config\nx: a\u0001b\n")).toThrow(/U\+0001 is not allowed/);
  });

  it("GIVEN hostile strings in every value WHEN rendered THEN cloud-init reads back exactly the keys and values written", () => {
    fc.assert(
      fc.property(hostileString(), hostileString(), hostileString(), (unitText, head, cmd) => {
        const c = { head: { note: head }, files: [unitFile("x.service", unitText)], owner: "root", runcmd: [cmd] };
        const parsed = parseCloudConfig(cloudConfig(c));
        expect(parsed.keys).toEqual(["note", "write_files", "runcmd"]);
        expect(parsed.doc).toEqual(cloudConfigDocument(c));
        expect(parsed.file("/etc/systemd/system/x.service")).toBe(unitText);
      }),
    );
  });

  it.skipIf(!HAS_PYYAML)("GIVEN hostile strings WHEN PyYAML itself reads the document THEN it reads exactly what was written", () => {
    const values = fc.sample(hostileString(), { numRuns: 400, seed: 42 });
    values.push("a\u2028bootcmd: [[touch, /pwned]]", "\u0085\u2029\u007f\u009f\ufeff", "on", "0644");
    const c = {
      head: { users: [{ name: "mlops", uid: 2000 }] },
      files: values.map((v, i) => unitFile(`u${i}.service`, v)),
      owner: "root",
      runcmd: values,
    };
    expect(readWithPyYaml(cloudConfig(c))).toEqual(cloudConfigDocument(c));
  });
  if (!HAS_PYYAML)
    it("python3 with PyYAML is not installed: the document was not read by PyYAML itself", () => expect(HAS_PYYAML).toBe(false));
});

describe("user data size", () => {
  it.each([
    ["aws", 16_384],
    ["azure", 65_535],
    ["gcp", 262_144],
  ] as const)("GIVEN %s WHEN the user data is %i bytes THEN it passes, and one byte more is a SpecError on env", (cloud, limit) => {
    expect(USER_DATA_LIMITS[cloud].bytes).toBe(limit);
    const service = { name: "api", cloud };
    expect(checkUserDataSize(service, "x".repeat(limit))).toHaveLength(limit);
    // Bytes, not characters: "é" is two.
    expect(() => checkUserDataSize(service, `${"x".repeat(limit - 1)}é`)).toThrow(SpecError);
    expect(() => checkUserDataSize(service, "x".repeat(limit + 1))).toThrow(
      new RegExp(`^InferenceService "api": env with command and args makes the instances' boot configuration at least ${limit + 1} bytes`),
    );
  });
});
