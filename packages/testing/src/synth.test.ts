import { Provider } from "@pulumi/aws/provider";
import { Bucket } from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { resource } from "./assert";
import { SECRET_PLACEHOLDER } from "./plan";
import { synth, withoutVersionAliases } from "./synth";

class Box extends pulumi.ComponentResource {
  readonly bucket: Bucket;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Box", name, {}, opts);
    this.bucket = new Bucket(`${name}-bucket`, { bucket: `${name}-data` }, { parent: this });
    this.registerOutputs({});
  }
}

describe("synth", () => {
  it("GIVEN nested components THEN URNs qualify the whole parent type chain, without the stack, as the engine does", async () => {
    const plan = await synth(() => {
      const outer = new Box("outer");
      new Box("inner", { parent: outer });
    });
    expect(plan.resources.map((r) => r.urn)).toEqual([
      "urn:pulumi:dev::project::pulumi:pulumi:Stack::project-dev",
      "urn:pulumi:dev::project::test:index:Box$aws:s3/bucket:Bucket::outer-bucket",
      "urn:pulumi:dev::project::test:index:Box$test:index:Box$aws:s3/bucket:Bucket::inner-bucket",
      "urn:pulumi:dev::project::test:index:Box$test:index:Box::inner",
      "urn:pulumi:dev::project::test:index:Box::outer",
    ]);
    expect(resource(plan, "test:index:Box", "inner").parent).toBe("urn:pulumi:dev::project::test:index:Box::outer");
    expect(resource(plan, "test:index:Box", "outer").parent).toBe("urn:pulumi:dev::project::pulumi:pulumi:Stack::project-dev");
  });

  it("GIVEN dependsOn and a reference THEN dependsOn holds only the explicit one, dependencies both", async () => {
    const plan = await synth(() => {
      // A mock resource's outputs echo its inputs: give `bucket` so the reference has a value.
      const a = new Bucket("a", { bucket: "a" });
      const b = new Bucket("b", {});
      new Bucket("c", { bucket: a.bucket }, { dependsOn: [b] });
    });
    const c = resource(plan, "aws:s3/bucket:Bucket", "c");
    const urn = (n: string) => resource(plan, "aws:s3/bucket:Bucket", n).urn;
    expect(c.dependsOn).toEqual([urn("b")]);
    expect(c.dependencies).toEqual([urn("a"), urn("b")]);
    expect(c.propertyDependencies).toEqual({ bucket: [urn("a")] });
    expect(c.inputs.bucket).toBe("a");
  });

  it("GIVEN secrets in inputs, outputs and config THEN each is masked", async () => {
    const plan = await synth(
      () => {
        const b = new Bucket("s", { bucket: pulumi.secret("hidden-name"), tags: { plain: "visible" } });
        return { name: b.bucket, token: new pulumi.Config("app").requireSecret("token") };
      },
      { config: { "app:token": "hunter2" }, secretKeys: ["app:token"] },
    );
    const s = resource(plan, "aws:s3/bucket:Bucket", "s");
    expect(s.inputs.bucket).toBe(SECRET_PLACEHOLDER);
    expect(s.inputs.tags).toEqual({ plain: "visible" });
    expect(plan.outputs).toEqual({ name: SECRET_PLACEHOLDER, token: SECRET_PLACEHOLDER });
    expect(JSON.stringify(plan)).not.toMatch(/hidden-name|hunter2/);
  });

  it("GIVEN protect, retainOnDelete and an explicit provider THEN the plan records them", async () => {
    const plan = await synth(() => {
      const provider = new Provider("eu", { region: "eu-west-1" });
      new Bucket("kept", {}, { protect: true, retainOnDelete: true, provider });
    });
    const kept = resource(plan, "aws:s3/bucket:Bucket", "kept");
    expect([kept.protect, kept.retainOnDelete]).toEqual([true, true]);
    expect(kept.provider).toBe("urn:pulumi:dev::project::pulumi:providers:aws::eu::eu-id");
    expect(resource(plan, "pulumi:providers:aws", "eu").inputs).toMatchObject({ region: "eu-west-1" });
  });

  it("GIVEN a resource read with .get() THEN it is in the plan with the id that was read", async () => {
    const plan = await synth(() => {
      Bucket.get("existing", "my-existing-bucket");
    });
    expect(resource(plan, "aws:s3/bucket:Bucket", "existing").readId).toBe("my-existing-bucket");
  });

  it("GIVEN the project, stack and mlops:cloud THEN the plan carries them, with version 1", async () => {
    const plan = await synth(() => undefined, { project: "proj", stack: "prod", config: { "mlops:cloud": "gcp" } });
    expect([plan.version, plan.project, plan.stack, plan.cloud]).toEqual([1, "proj", "prod", "gcp"]);
  });

  it("GIVEN a program that throws THEN synth rejects with that error, and the next synth is unaffected", async () => {
    await expect(
      synth(() => {
        new Bucket("before", {});
        throw new Error("bad program");
      }),
    ).rejects.toThrow("bad program");
    const plan = await synth(() => {
      new Bucket("after", {});
    });
    expect(plan.resources.map((r) => r.name)).toEqual(["after", "project-dev"]);
  });

  it("GIVEN an error raised inside apply THEN synth rejects with it instead of leaving an unhandled rejection", async () => {
    await expect(
      synth(() => {
        const a = new Bucket("a", { bucket: "x" });
        new Bucket("b", {
          bucket: a.bucket.apply((v) => {
            throw new Error(`cannot use ${v}`);
          }),
        });
      }),
    ).rejects.toThrow("cannot use x");
  });

  it("GIVEN a failed run whose error rejects many outputs THEN none of its echoes fails the next run", async () => {
    const failing = synth(() => {
      const bad = pulumi.output("v").apply((): string => {
        throw new Error("bad value");
      });
      for (const n of ["a", "b", "c"]) new Bucket(n, { bucket: bad.apply((v) => `${v}-${n}`) });
      return { bad };
    });
    const next = synth(() => void new Bucket("fine", {}));
    await expect(failing).rejects.toThrow("bad value");
    expect((await next).resources.map((r) => r.name)).toEqual(["fine", "project-dev"]);
  });

  it("GIVEN two synths at once THEN they are queued and each sees only its own resources", async () => {
    const [p1, p2] = await Promise.all([
      synth(() => void new Bucket("one", {}), { stack: "s1" }),
      synth(() => void new Bucket("two", {}), { stack: "s2" }),
    ]);
    expect(p1.resources.map((r) => r.name)).toEqual(["one", "project-s1"]);
    expect(p2.resources.map((r) => r.name)).toEqual(["two", "project-s2"]);
  });
});

describe("what the engine leaves out while a synth runs", () => {
  it("GIVEN a synth THEN the SDK's stack capture is off during it and back as it was after it", async () => {
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: unknown };
    const statics = pulumi.Resource as unknown as { callsites: unknown };
    const before = { track: debuggable.debuggablePromise, callsites: statics.callsites };
    let during: unknown[] = [];
    await synth(() => {
      during = [debuggable.debuggablePromise, statics.callsites];
      new Bucket("b", { bucket: "b" });
    });
    expect(during).not.toContain(before.track);
    expect(during).not.toContain(before.callsites);
    expect(debuggable.debuggablePromise).toBe(before.track);
    expect(statics.callsites).toBe(before.callsites);
  });

  it("GIVEN aliases THEN only those naming an API version of the resource's own type are dropped", () => {
    const own = [{ type: "azure-native:network/v20230201:Subnet" }, { type: "azure-native:network/v20150501preview:Subnet" }];
    const written = [
      { name: "old-name" },
      { type: "azure-native:network:OtherThing" },
      { type: "azure-native:network/v20230201:Subnet", name: "x" },
    ];
    expect(withoutVersionAliases("azure-native:network:Subnet", [...own, ...written])).toEqual(written);
    const none = [{ name: "old-name" }];
    expect(withoutVersionAliases("aws:s3/bucket:Bucket", none)).toBe(none);
    expect(withoutVersionAliases("aws:s3/bucket:Bucket", undefined)).toBeUndefined();
  });
});

describe("the @pulumi/pulumi internals the engine relies on", () => {
  it("are where the engine expects them in the pinned version", async () => {
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs?: unknown };
    expect(typeof settings.waitForRPCs).toBe("function");
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise?: unknown };
    expect(typeof debuggable.debuggablePromise).toBe("function");
    expect(typeof (pulumi.Resource as unknown as { callsites?: unknown }).callsites).toBe("function");
    await pulumi.runtime.setMocks({ call: () => ({}), newResource: (a) => ({ id: a.name, state: {} }) });
    const monitor = pulumi.runtime.getMonitor() as unknown as Record<string, unknown>;
    for (const method of ["registerResource", "readResource", "registerResourceOutputs"]) expect(typeof monitor[method]).toBe("function");
    const installed = require("@pulumi/pulumi/package.json") as { version: string };
    const declared = require("../package.json") as { dependencies: Record<string, string> };
    expect(installed.version).toBe(declared.dependencies["@pulumi/pulumi"]);
  });
});

describe("synth refuses what the engine refuses, and never hangs", () => {
  it("GIVEN two components with the same name THEN it fails as the engine does, naming the URN", async () => {
    await expect(
      synth(() => {
        new Box("same");
        new Box("same");
      }),
    ).rejects.toThrow("Duplicate resource URN 'urn:pulumi:dev::project::test:index:Box::same'; try giving it a unique name");
  });

  it("GIVEN one name under two parents of the same type THEN the URNs are the same (a URN holds types, not parent names)", async () => {
    await expect(
      synth(() => {
        new Bucket("x", {}, { parent: new Box("a") });
        new Bucket("x", {}, { parent: new Box("b") });
      }),
    ).rejects.toThrow("Duplicate resource URN 'urn:pulumi:dev::project::test:index:Box$aws:s3/bucket:Bucket::x'");
  });

  it("GIVEN one name at the top and under a component THEN the URNs differ and it passes", async () => {
    const plan = await synth(() => {
      new Bucket("x", {});
      new Bucket("x", {}, { parent: new Box("a") });
    });
    expect(plan.resources.filter((r) => r.name === "x")).toHaveLength(2);
  });

  it("GIVEN a resource whose input never settles THEN a timeout names it, and the next synth runs normally", async () => {
    const never = new Promise<string>(() => undefined);
    await expect(
      synth(
        () => {
          new Bucket("ok", {});
          new Bucket("stuck", { bucket: never });
        },
        { timeoutSeconds: 0.5 },
      ),
    ).rejects.toThrow(/^the program did not finish within 0.5 seconds; still waiting: aws:s3\/bucket:Bucket "stuck"\. /);
    const plan = await synth(() => new Bucket("after", {}));
    expect(plan.resources.map((r) => r.name)).toContain("after");
  });

  it("GIVEN a program that awaits forever THEN the timeout says the program has not returned", async () => {
    await expect(synth(() => new Promise(() => undefined), { timeoutSeconds: 0.3 })).rejects.toThrow(
      "still waiting: the program itself (it has not returned)",
    );
  });

  it("GIVEN an exported output that never settles THEN the timeout names the stack outputs", async () => {
    await expect(synth(() => ({ url: pulumi.output(new Promise<string>(() => undefined)) }), { timeoutSeconds: 0.3 })).rejects.toThrow(
      "still waiting: the stack outputs",
    );
  });
});
