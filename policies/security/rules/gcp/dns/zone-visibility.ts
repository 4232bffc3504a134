import { asArray, resourceRule } from "@mlops-kit/policy-common";
import { ManagedZone } from "@pulumi/gcp/dns";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-dns-zone-visibility",
  description: "Private Cloud DNS zones are bound to a network; public zones are signed with DNSSEC.",
  severity: "medium",
  frameworks: { cis: ["GCP 2.0 3.3"], nist: ["SC-20", "SC-21"], pci: ["1.2.1"] },
  remediation: [
    "Give a private zone privateVisibilityConfig.networks (MlopsVpc binds its googleapis.com, pkg.dev and gcr.io zones to its network).",
    'Set dnssecConfig.state "on" on a public zone.',
  ],
  validateResource: validateResourceOfType(ManagedZone, (zone, _args, report) => {
    if (zone.visibility === "private") {
      if (asArray(zone.privateVisibilityConfig?.networks).length === 0 && asArray(zone.privateVisibilityConfig?.gkeClusters).length === 0) {
        report("a private zone with no network in privateVisibilityConfig resolves for no one.");
      }
    } else if (zone.dnssecConfig?.state !== "on") {
      report("a public zone without DNSSEC (dnssecConfig.state is not on) can be spoofed.");
    }
  }),
});
