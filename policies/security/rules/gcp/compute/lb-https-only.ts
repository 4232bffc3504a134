import { asRecord, describe, ifKnown, stackRule } from "@mlops-kit/policy-common";
import { RegionTargetHttpProxy, RegionUrlMap, TargetHttpProxy, URLMap } from "@pulumi/gcp/compute";

export default stackRule({
  name: "mlops-gcp-compute-lb-https-only",
  description: "HTTP load balancer frontends only redirect to HTTPS; requests are never served over plain HTTP.",
  severity: "high",
  frameworks: { cis: ["GCP 2.0 3.9"], nist: ["SC-8"], pci: ["4.2.1"] },
  remediation: [
    "Serve the backend through a target HTTPS proxy with a certificate and a TLS 1.2+ SSL policy.",
    "Point the target HTTP proxy at a URL map whose defaultUrlRedirect has httpsRedirect true (InferenceService does unless loadBalancer.tls.enabled is false).",
  ],
  validateStack: (args, report) => {
    const maps = args.resources.filter((r) => r.isType(URLMap) || r.isType(RegionUrlMap));
    for (const proxy of args.resources.filter((r) => r.isType(TargetHttpProxy) || r.isType(RegionTargetHttpProxy))) {
      const urlMaps = (proxy.propertyDependencies.urlMap ?? [])
        .map((d) => maps.find((m) => m.urn === d.urn))
        .filter((m) => m !== undefined);
      if (urlMaps.length === 0) {
        report(`${describe(proxy)} serves plain HTTP through a URL map this stack does not define; make it redirect to HTTPS.`, proxy.urn);
        continue;
      }
      for (const map of urlMaps) {
        const redirect = asRecord(ifKnown(() => map.props.defaultUrlRedirect));
        if (redirect?.httpsRedirect !== true) {
          report(`${describe(proxy)} serves plain HTTP: its URL map ${describe(map)} does not redirect to HTTPS.`, proxy.urn);
        }
      }
    }
  },
});
