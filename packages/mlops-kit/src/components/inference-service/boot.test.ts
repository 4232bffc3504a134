import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  cloudConfig,
  dockerRunCommand,
  entrypointAndArgs,
  envBootFile,
  envFile,
  registryHost,
  systemdArg,
  systemdUnit,
  unitFile,
} from "./boot";

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
  interface Parsed {
    users?: unknown;
    packages?: string[];
    write_files: { path: string; permissions: string; owner: string; encoding?: string; content: string }[];
    runcmd: string[];
  }

  it.each([
    [{ owner: "root", quoteBase64: true }, '    content: "'],
    [{ owner: "root:root", quoteBase64: false }, "    content: "],
  ])("GIVEN style %j WHEN rendered THEN files carry that owner and base64 is written as %j", (style, prefix) => {
    const rendered = cloudConfig({ head: ["packages:", "  - docker.io"], files: [envBootFile({ A: "1" })], runcmd: ["true"], style });
    expect(rendered.startsWith("#cloud-config\n\npackages:\n  - docker.io\n\nwrite_files:\n")).toBe(true);
    expect(rendered.split("\n").some((l) => l.startsWith(prefix) && l.length > prefix.length)).toBe(true);
    expect(rendered.endsWith("runcmd:\n  - true\n")).toBe(true);
    expect((parse(rendered) as Parsed).write_files[0]).toMatchObject({
      path: "/etc/mlops/model.env",
      permissions: "0600",
      owner: style.owner,
    });
  });

  it("GIVEN any env and any unit text WHEN rendered THEN the YAML reads back every file exactly and the commands in order", () => {
    const line = fc.stringMatching(/^[^\r\n\0]*$/);
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), line, { maxKeys: 4 }),
        fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 =/".$%-]*$/), { maxLength: 6 }),
        fc.boolean(),
        (env, directives, quoteBase64) => {
          const unit = systemdUnit({ Service: directives });
          const rendered = cloudConfig({
            head: [],
            files: [envBootFile(env), unitFile("x.service", unit)],
            runcmd: ["systemctl daemon-reload", "systemctl start x.service"],
            style: { owner: "root", quoteBase64 },
          });
          const parsed = parse(rendered) as Parsed;
          const [envOut, unitOut] = parsed.write_files;
          expect(Buffer.from(envOut?.content ?? "", "base64").toString("utf8")).toBe(envFile(Object.entries(env)));
          expect(unitOut).toMatchObject({ path: "/etc/systemd/system/x.service", permissions: "0644", content: unit });
          expect(parsed.runcmd).toEqual(["systemctl daemon-reload", "systemctl start x.service"]);
        },
      ),
    );
  });
});
