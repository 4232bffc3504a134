import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeployContext } from "../../../core/context";
import { COMPONENT_NAME_MAX, componentNameProblem, NAME_RULES } from "../../../core/naming";
import { parseSpec } from "../../../core/spec";
import { planMlopsVpc } from "../../network/plan";
import { mlopsVpcSchema } from "../../network/spec";
import { planInferenceService } from "../plan";
import { inferenceServiceSchema } from "../spec";
import { computerNamePrefix } from "./settings";

// Every physical name an Azure plan decides, and every name Azure autonaming derives from a child's
// logical name, valid for its resource type for any component name the spec accepts.

/** azure-native autonaming appends this many random characters to a child's logical name. */
const AUTONAME_SUFFIX = 8;
/** Name limits of the autonamed children, from "Naming rules and restrictions for Azure resources". */
const AUTONAMED: [suffix: string, max: number][] = [
  ["-public-nsg", 80],
  ["-private-nsg", 80],
  ["-isolated-nsg", 80],
  ["-gateway-nsg", 80],
  ["-nat-ip", 80],
  ["-nat", 80],
  ["-flow-log-identity", 128],
  ["-identity", 128],
  ["-gateway-identity", 128],
  ["-instances", 80],
  ["-ip", 80],
  ["-waf", 128],
  // Linux scale sets: 1-64.
  ["-scale-set", 64],
  ["-autoscale", 260],
  // Log Analytics workspaces: 4-63.
  ["-logs", 63],
];

const ctx = (profile: "dev" | "prod"): DeployContext => ({
  cloud: "azure",
  profile,
  scope: { project: "platform", stack: `azure-${profile}` },
  tags: { "managed-by": "mlops-kit" },
  region: "westeurope",
});

/** Names the spec accepts: lowercase DNS labels of at most 40 characters. */
const componentName = fc
  .stringMatching(new RegExp(`^[a-z]([a-z0-9-]{0,${COMPONENT_NAME_MAX - 2}}[a-z0-9])?$`))
  .filter((n) => componentNameProblem(n) === undefined);

describe("Azure physical names", () => {
  it("property: for any accepted component name, every Azure name the plans decide or autonaming derives is valid for its type", () => {
    fc.assert(
      fc.property(componentName, fc.constantFrom("dev" as const, "prod" as const), (name, profile) => {
        const net = planMlopsVpc(name, parseSpec(mlopsVpcSchema, "MlopsVpc", name, {}), ctx(profile)).azure;
        expect(net.flowLogStorageAccountName).toMatch(NAME_RULES.azureStorageAccount.pattern);
        // The resource group the network creates is named after the component.
        expect(name).toMatch(NAME_RULES.azureResourceGroup.pattern);
        expect(name.length).toBeLessThanOrEqual(NAME_RULES.azureResourceGroup.max);
        expect(net.networkWatcher?.name).toMatch(NAME_RULES.azureNetwork.pattern);
        expect(net.networkWatcher?.name.length).toBeLessThanOrEqual(80);

        const svc = planInferenceService(
          name,
          parseSpec(inferenceServiceSchema, "InferenceService", name, {
            network: { cloud: "azure", name: "core", cidr: "10.0.0.0/16" },
            image: "acme.azurecr.io/m:1",
            compute: { cpu: 2, memoryGiB: 8 },
            loadBalancer: { tls: { certificateId: "https://kv.vault.azure.net/secrets/c" } },
          }),
          ctx(profile),
        ).azure;
        expect(svc.gatewayName).toMatch(NAME_RULES.azureNetwork.pattern);
        expect(svc.gatewayName.length).toBeLessThanOrEqual(NAME_RULES.azureNetwork.max);
        // Security rule names (1-80), set explicitly by the service.
        for (const rule of ["allow-clients", "allow-gateway", "deny-network"]) {
          expect(`${name}-${rule}`).toMatch(NAME_RULES.azureNetwork.pattern);
          expect(`${name}-${rule}`.length).toBeLessThanOrEqual(80);
        }
        expect(computerNamePrefix(name)).toMatch(/^[a-z]([a-z0-9-]{0,13}[a-z0-9])?$/);
        for (const [suffix, max] of AUTONAMED) expect(`${name}${suffix}`.length + AUTONAME_SUFFIX, suffix).toBeLessThanOrEqual(max);
      }),
      { numRuns: 200 },
    );
  });

  it("GIVEN the longest accepted name THEN the storage account and gateway names are cut to their limits and stay distinct per stack", () => {
    const name = `a${"b".repeat(COMPONENT_NAME_MAX - 1)}`;
    const spec = parseSpec(mlopsVpcSchema, "MlopsVpc", name, {});
    const dev = planMlopsVpc(name, spec, ctx("dev")).azure.flowLogStorageAccountName;
    const prod = planMlopsVpc(name, spec, ctx("prod")).azure.flowLogStorageAccountName;
    expect(dev.length).toBeLessThanOrEqual(24);
    expect(dev).not.toBe(prod);
  });
});
