import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { inheritedChildAlias, matchAliases } from "./aliases";
import { diffPlans } from "./diff";
import type { Plan } from "./plan";
import { synth } from "./synth";

const URN = (qualified: string, name: string) => `urn:pulumi:dev::p::${qualified}::${name}`;

class Bucket extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super("test:index:Bucket", name, props, opts);
  }
}

/** A component with one custom child named after it, optionally under a wrapper and aliased. */
function program(options: { wrapped: boolean; name?: string; aliases?: pulumi.Alias[] }) {
  return () => {
    const wrapper = options.wrapped ? new pulumi.ComponentResource("test:index:Wrapper", "outer", {}) : undefined;
    const name = options.name ?? "app";
    const app = new pulumi.ComponentResource("test:index:App", name, {}, { parent: wrapper, aliases: options.aliases });
    new Bucket(`${name}-data`, { size: 1 }, { parent: app });
  };
}

const plan = (p: () => void): Promise<Plan> => synth(p, { project: "p", stack: "dev" });

describe("GIVEN a component moved under a wrapper", () => {
  it("WHEN it is aliased to its unparented URN THEN the plan records that alias on it alone (the child's is the engine's to derive)", async () => {
    const head = await plan(program({ wrapped: true, aliases: [{ parent: pulumi.rootStackResource }] }));
    const app = head.resources.find((r) => r.type === "test:index:App");
    expect(app?.aliases).toEqual([URN("test:index:App", "app")]);
    expect(head.resources.find((r) => r.type === "test:index:Bucket")?.aliases).toBeUndefined();
  });

  it("WHEN diffed against the unwrapped plan THEN the component and its child are kept: the child inherits its parent's matched alias", async () => {
    const base = await plan(program({ wrapped: false }));
    const head = await plan(program({ wrapped: true, aliases: [{ parent: pulumi.rootStackResource }] }));
    const d = diffPlans(base, head);
    expect(d.changes.map((c) => `${c.kind} ${c.name}`)).toEqual(["create outer"]);
    expect(d.counts.aliased).toBe(2);
    expect(d.dataLoss).toEqual([]);
  });

  it("WHEN the alias is missing THEN the child bucket is replaced (a delete and a create the engine cannot link)", async () => {
    const base = await plan(program({ wrapped: false }));
    const head = await plan(program({ wrapped: true }));
    const d = diffPlans(base, head);
    expect(d.counts.aliased).toBe(0);
    expect(d.changes.filter((c) => c.kind === "replace").map((c) => c.name)).toEqual(["app-data", "app"]);
  });

  it("WHEN an input of the moved child changes too THEN it is an update of the kept resource, naming its old URN", async () => {
    const base = await plan(program({ wrapped: false }));
    const head = await plan(program({ wrapped: true, aliases: [{ parent: pulumi.rootStackResource }] }));
    const bucket = head.resources.find((r) => r.type === "test:index:Bucket");
    if (bucket) bucket.inputs = { size: 2 };
    const change = diffPlans(base, head).changes.find((c) => c.name === "app-data");
    expect(change?.kind).toBe("update");
    expect(change?.aliasOf).toBe(URN("test:index:App$test:index:Bucket", "app-data"));
  });
});

describe("GIVEN a component renamed with an alias to its old name", () => {
  it("WHEN its child's name starts with the component's THEN the child's inherited alias takes the old prefix (engine: inheritedChildAlias)", async () => {
    const base = await plan(program({ wrapped: false, name: "app" }));
    const head = await plan(program({ wrapped: false, name: "api", aliases: [{ name: "app" }] }));
    expect(matchAliases(base.resources, head.resources)).toEqual(
      new Map([
        [URN("test:index:App", "api"), URN("test:index:App", "app")],
        [URN("test:index:App$test:index:Bucket", "api-data"), URN("test:index:App$test:index:Bucket", "app-data")],
      ]),
    );
  });

  it("THEN the inherited alias keeps the old parent's qualified type, stack and project", () => {
    expect(inheritedChildAlias("t:i:C", "new-x", "new", "urn:pulumi:prod::proj::a:b:W$a:b:P::old")).toBe(
      "urn:pulumi:prod::proj::a:b:W$a:b:P$t:i:C::old-x",
    );
    expect(inheritedChildAlias("t:i:C", "other", "new", "urn:pulumi:prod::proj::a:b:P::old")).toBe(
      "urn:pulumi:prod::proj::a:b:P$t:i:C::other",
    );
  });
});

describe("GIVEN aliases the engine refuses", () => {
  it("WHEN an alias names a URN the head still registers, or one another resource already took, THEN it matches nothing", () => {
    const r = (urn: string, aliases?: string[]) => ({
      urn,
      type: "t:i:R",
      name: urn.slice(urn.lastIndexOf("::") + 2),
      custom: true,
      dependsOn: [],
      dependencies: [],
      propertyDependencies: {},
      inputs: {},
      protect: false,
      retainOnDelete: false,
      ...(aliases ? { aliases } : {}),
    });
    const a = URN("t:i:R", "a");
    const b = URN("t:i:R", "b");
    expect(matchAliases([r(a), r(b)], [r(a), r(URN("t:i:R", "c"), [a])])).toEqual(new Map());
    expect(matchAliases([r(b)], [r(URN("t:i:R", "c"), [b]), r(URN("t:i:R", "d"), [b])])).toEqual(new Map([[URN("t:i:R", "c"), b]]));
  });
});
