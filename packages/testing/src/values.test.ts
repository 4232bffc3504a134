import { Bucket } from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { resource } from "./assert";
import { SECRET_PLACEHOLDER, UNKNOWN } from "./plan";
import { synth } from "./synth";
import { normalizeValue } from "./values";

// The wire encodings of @pulumi/pulumi's RPC layer (sdk/nodejs/runtime/rpc.ts), spelled out here
// rather than imported so a change on either side shows up as a failing test.
const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const outputValue = (fields: Record<string, unknown>) => ({ [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", ...fields });
const resourceRef = (urn: string) => ({ [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn, id: "some-id" });
const asset = (fields: Record<string, unknown>) => ({ [SIG]: "c44067f5952c0a294b673a41bacd8c17", ...fields });
const UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const toReal = (urn: string) => `real:${urn}`;

describe("normalizeValue", () => {
  it("GIVEN a secret THEN only the placeholder is left, whatever the secret held", () => {
    expect(normalizeValue(secret("hunter2"), toReal)).toBe(SECRET_PLACEHOLDER);
    expect(normalizeValue(secret({ password: "hunter2", nested: ["x"] }), toReal)).toBe(SECRET_PLACEHOLDER);
  });

  it("GIVEN secrets nested in objects and arrays THEN each is masked and the plain values around them kept", () => {
    const value = { tags: { owner: "ml", token: secret("hunter2") }, list: ["a", secret("b-secret"), [secret("deep")]] };
    const out = normalizeValue(value, toReal);
    expect(out).toEqual({
      list: ["a", SECRET_PLACEHOLDER, [SECRET_PLACEHOLDER]],
      tags: { owner: "ml", token: SECRET_PLACEHOLDER },
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|b-secret|deep/);
  });

  it("GIVEN an output value marked secret THEN it is masked even though its value is known", () => {
    const out = normalizeValue({ name: outputValue({ value: "hidden-name", secret: true, dependencies: [] }) }, toReal);
    expect(out).toEqual({ name: SECRET_PLACEHOLDER });
  });

  it("GIVEN an output value that is not secret THEN its value is read, recursively, and masks what it holds", () => {
    const out = normalizeValue(outputValue({ value: { plain: "p", inner: secret("s3cr3t") }, secret: false }), toReal);
    expect(out).toEqual({ inner: SECRET_PLACEHOLDER, plain: "p" });
  });

  it("GIVEN an output value without a value, or the unknown marker THEN each becomes the unknown sentinel", () => {
    expect(normalizeValue(outputValue({ secret: false }), toReal)).toEqual(UNKNOWN);
    expect(normalizeValue([UNKNOWN_WIRE], toReal)).toEqual([UNKNOWN]);
  });

  it("GIVEN a resource reference THEN it becomes the referenced resource's URN in the engine's form", () => {
    expect(normalizeValue({ ref: resourceRef("mock-urn") }, toReal)).toEqual({ ref: "real:mock-urn" });
  });

  it("GIVEN an asset THEN its fields are kept under `asset` without the signature", () => {
    expect(normalizeValue(asset({ text: "hello" }), toReal)).toEqual({ asset: { text: "hello" } });
  });

  it("GIVEN an object THEN its keys come out sorted, so plans of one program are byte-identical", () => {
    expect(Object.keys(normalizeValue({ b: 1, a: 2, c: 3 }, toReal) as object)).toEqual(["a", "b", "c"]);
  });
});

describe("secret masking in a plan", () => {
  it("GIVEN secrets nested in a resource's inputs and in stack outputs THEN the plan JSON never holds their values", async () => {
    const plan = await synth(() => {
      const b = new Bucket("s", { tags: { owner: "ml", token: pulumi.secret("tag-s3cr3t") } });
      return {
        bucketTags: b.tags,
        nested: { list: [pulumi.secret("list-s3cr3t"), "plain"], deep: { key: pulumi.secret("deep-s3cr3t") } },
        whole: pulumi.secret({ password: "whole-s3cr3t" }),
        derived: pulumi.secret("base").apply((v) => `${v}-derived-s3cr3t`),
      };
    });
    const json = JSON.stringify(plan);
    expect(json).not.toMatch(/s3cr3t/);
    // The placeholder stands where each secret was, and plain values beside them survive.
    const tags = resource(plan, "aws:s3/bucket:Bucket", "s").inputs.tags as Record<string, unknown>;
    expect(tags).toEqual({ owner: "ml", token: SECRET_PLACEHOLDER });
    expect(plan.outputs.whole).toBe(SECRET_PLACEHOLDER);
    expect(plan.outputs.derived).toBe(SECRET_PLACEHOLDER);
    expect(json).toContain(SECRET_PLACEHOLDER);
    expect(plan.outputs.nested).toEqual({ deep: { key: SECRET_PLACEHOLDER }, list: [SECRET_PLACEHOLDER, "plain"] });
  });
});
