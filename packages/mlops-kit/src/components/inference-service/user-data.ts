import type * as pulumi from "@pulumi/pulumi";
import { parseImage, renderUserData } from "./aws/boot";
import { renderCloudConfig as azureCloudConfig } from "./azure/boot";
import { renderCloudConfig as gcpCloudConfig } from "./gcp/boot";
import type { InferenceServicePlan } from "./plan";

// The boot configurations are pure (no cloud SDK in them), so the component can render the one its
// cloud will use before anything registers.

/**
 * Renders the user data from what is known now, outputs counting as empty, so that plain `env`,
 * `command` and `args` already over the cloud's limit fail before anything registers, in the words
 * the backend uses once the outputs resolve.
 */
export function checkKnownUserDataSize(
  plan: InferenceServicePlan,
  image: pulumi.Input<string>,
  env: Record<string, pulumi.Input<string>>,
): void {
  const known = (v: pulumi.Input<string>) => (typeof v === "string" ? v : "");
  const knownEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, known(v)]));
  const text = known(image);
  switch (plan.cloud) {
    case "aws":
      renderUserData(plan, { image: parseImage(text), region: "", logGroup: "", env: Object.entries(knownEnv) });
      return;
    case "gcp":
      gcpCloudConfig({ ...plan.container, image: text, env: knownEnv, gpus: plan.compute.gpu?.count ?? 0 }, plan);
      return;
    case "azure":
      azureCloudConfig(
        { ...plan.container, image: text, env: knownEnv, gpu: plan.compute.gpu !== undefined, identityClientId: undefined },
        plan,
      );
      return;
  }
}
