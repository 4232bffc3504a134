import * as pulumi from "@pulumi/pulumi";

/**
 * A random suffix chosen once, when the resource is created, and kept in the stack's state: the
 * same on every later `pulumi up`, a new one after `pulumi destroy`. Log bucket ids need it: a
 * deleted log bucket keeps its id for 7 days (DELETE_REQUESTED), so an id fixed per stack would
 * make `destroy` + `up` fail for a week. `@pulumi/random` is not a dependency of mlops-kit; this is
 * Pulumi's own dynamic provider, whose `create` runs once and whose outputs live in state.
 */
const provider: pulumi.dynamic.ResourceProvider = {
  async create() {
    // Required here, not imported: the provider is serialized into the state and runs on its own.
    const { randomBytes } = require("node:crypto") as typeof import("node:crypto");
    const suffix = randomBytes(4).toString("hex").slice(0, 6);
    return { id: suffix, outs: {} };
  },
};

/** The suffix is the resource's id: six lowercase hex characters. */
export class CreationSuffix extends pulumi.dynamic.Resource {
  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, {}, opts, "mlops-kit", "CreationSuffix");
  }
}
