import { SECRET_PLACEHOLDER, UNKNOWN } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { renderOutputs } from "./outputs";

describe("renderOutputs", () => {
  it("GIVEN strings, numbers, a secret, an unknown and a nested object THEN each name on a line, sorted, values below it", () => {
    const text = renderOutputs({
      url: "https://api.example.com",
      token: SECRET_PLACEHOLDER,
      address: UNKNOWN,
      network: { zones: ["a", "b"], cidr: "10.0.0.0/16", public: [], "odd-key": true },
      replicas: 2,
    });
    expect(text).toBe(
      [
        "Outputs:",
        "    address : [unknown until deployed]",
        "    network : {",
        '        cidr: "10.0.0.0/16",',
        '        "odd-key": true,',
        "        public: [],",
        "        zones: [",
        '            "a",',
        '            "b"',
        "        ]",
        "    }",
        "    replicas: 2",
        "    token   : [secret]",
        '    url     : "https://api.example.com"',
      ].join("\n"),
    );
  });

  it("GIVEN a secret nested in an object THEN only the marker is shown, never a value", () => {
    expect(renderOutputs({ db: { password: SECRET_PLACEHOLDER, host: "h" } })).toBe(
      ["Outputs:", "    db: {", '        host: "h",', "        password: [secret]", "    }"].join("\n"),
    );
  });

  it("GIVEN no outputs THEN it says so", () => {
    expect(renderOutputs({})).toBe("Outputs: none");
  });
});
