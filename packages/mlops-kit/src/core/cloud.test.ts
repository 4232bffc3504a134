import { describe, expect, it } from "vitest";
import { assertNever, byCloud, type CloudId, loadBackend } from "./cloud";

const notFound = (pkg: string) => () => {
  const err = new Error(`Cannot find module '${pkg}/compute'\nRequire stack:\n- backend.ts`) as Error & { code: string };
  err.code = "MODULE_NOT_FOUND";
  throw err;
};

describe("loadBackend", () => {
  it("loads only the chosen cloud's backend", () => {
    const loaded: string[] = [];
    const loaders = {
      aws: () => loaded.push("aws"),
      gcp: () => loaded.push("gcp"),
      azure: () => loaded.push("azure"),
    };
    loadBackend(loaders, "gcp");
    expect(loaded).toEqual(["gcp"]);
  });

  it("GIVEN the cloud's SDK is not installed THEN the error names the package to install", () => {
    const loaders = { aws: notFound("@pulumi/aws"), gcp: notFound("@pulumi/gcp"), azure: notFound("@pulumi/azure-native") };
    expect(() => loadBackend(loaders, "azure")).toThrow(
      'mlops:cloud is "azure" but @pulumi/azure-native is not installed; run: npm install @pulumi/azure-native',
    );
  });

  it("GIVEN some other missing module THEN the original error surfaces unchanged", () => {
    const loaders = { aws: notFound("left-pad"), gcp: notFound("left-pad"), azure: notFound("left-pad") };
    expect(() => loadBackend(loaders, "aws")).toThrow("Cannot find module 'left-pad/compute'");
  });
});

describe("byCloud", () => {
  it("GIVEN one entry per cloud THEN each cloud gets its own entry", () => {
    const choices = { aws: "a", gcp: "g", azure: "z" };
    expect(["aws", "gcp", "azure"].map((c) => byCloud(c as CloudId, choices))).toEqual(["a", "g", "z"]);
  });

  it("GIVEN a cloud without an entry THEN the program does not compile (tsc checks the expect-error)", () => {
    // @ts-expect-error azure has no entry
    expect(byCloud("azure", { aws: 1, gcp: 2 })).toBeUndefined();
  });

  it("GIVEN a cloud the types do not know (a stray string) THEN it throws instead of falling through", () => {
    expect(() => byCloud("oracle" as CloudId, { aws: 1, gcp: 2, azure: 3 })).toThrow('unexpected cloud: "oracle"');
  });

  it("GIVEN a value assertNever should never see THEN the error names what it is", () => {
    expect(() => assertNever("x" as never, "tier")).toThrow('unexpected tier: "x"');
  });
});
