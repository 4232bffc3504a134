import { Address, type AddressArgs } from "@pulumi/gcp/compute/address";
import type { BackendService } from "@pulumi/gcp/compute/backendService";
import { ForwardingRule, type ForwardingRuleArgs } from "@pulumi/gcp/compute/forwardingRule";
import type { RegionBackendService } from "@pulumi/gcp/compute/regionBackendService";
import { RegionSslPolicy, type RegionSslPolicyArgs } from "@pulumi/gcp/compute/regionSslPolicy";
import { RegionTargetHttpProxy, type RegionTargetHttpProxyArgs } from "@pulumi/gcp/compute/regionTargetHttpProxy";
import { RegionTargetHttpsProxy, type RegionTargetHttpsProxyArgs } from "@pulumi/gcp/compute/regionTargetHttpsProxy";
import { RegionUrlMap, type RegionUrlMapArgs } from "@pulumi/gcp/compute/regionUrlMap";
import * as pulumi from "@pulumi/pulumi";
import type { LogBucket } from "../../network/gcp/log-bucket";
import { TYPE } from "../plan";
import { accessLogs } from "./load-balancer";
import type { Step } from "./step";

/** The internal load balancer's frontend, as the escape hatch shows it. */
export interface GcpInternalFrontend {
  urlMap: RegionUrlMap;
  /** The internal address in the private tier that clients in the network call. */
  address: Address;
  sslPolicy?: RegionSslPolicy;
  httpsProxy?: RegionTargetHttpsProxy;
  httpsForwardingRule?: ForwardingRule;
  redirectUrlMap?: RegionUrlMap;
  httpProxy?: RegionTargetHttpProxy;
  httpForwardingRule?: ForwardingRule;
  accessLogBucket?: LogBucket["bucket"];
  accessLogSink?: LogBucket["sink"];
  accessLogExclusion?: LogBucket["exclusion"];
}

/**
 * A Certificate Manager certificate id (`projects/P/locations/L/certificates/C`, or its full URL);
 * anything else is taken as a regional compute SSL certificate.
 */
const CERTIFICATE_MANAGER_ID = /(^|\/)projects\/[^/]+\/locations\/[^/]+\/certificates\/[^/]+$/;

/**
 * A regional internal Application Load Balancer (INTERNAL_MANAGED): regional URL map, TLS policy,
 * HTTPS proxy with a regional certificate (self-managed compute certificate or Certificate Manager),
 * an internal address and forwarding rules in the private tier. Its Envoy proxies run in the
 * region's proxy-only subnetwork, which MlopsVpc creates; the private tier's subnet ids carry the
 * wait for it. Reachable from the network (and what is connected to it), never from the internet.
 */
export function provisionInternalFrontend(
  step: Step,
  shared: { backendService: BackendService | RegionBackendService; project: pulumi.Output<string> },
): GcpInternalFrontend {
  const { plan, inputs, region, labels, opts, role } = step;
  const lb = plan.loadBalancer;
  const names = plan.gcp.names;
  const network = inputs.networkInfo.networkId;
  // Waits for the proxy-only subnetwork (and NAT), which the private tier's readiness carries.
  const subnetwork = inputs.network.subnetIds.private.apply((ids) => {
    const id = ids?.[0];
    if (id === undefined) throw new Error(`${TYPE} "${plan.name}": the network has no private subnetwork`);
    return id;
  });
  const urlMap = new RegionUrlMap(
    `${plan.name}-urls`,
    role<RegionUrlMapArgs>(
      { name: names.urlMap, description: `Routes ${plan.name}`, region, defaultService: shared.backendService.id },
      "urlMap",
    ),
    opts,
  );
  // Deletion protection guards what clients and DNS point at: the address and the rules on it.
  const deletionPolicy = lb.deletionProtection ? "PREVENT" : undefined;
  // One internal address for both ports; SHARED_LOADBALANCER_VIP lets two forwarding rules use it.
  const address = new Address(
    `${plan.name}-address`,
    role<AddressArgs>(
      {
        name: names.address,
        description: `Internal address of ${plan.name}`,
        region,
        addressType: "INTERNAL",
        purpose: "SHARED_LOADBALANCER_VIP",
        subnetwork,
        labels,
        deletionPolicy,
      },
      "address",
    ),
    opts,
  );
  const forwardingRule = (suffix: "https" | "http", target: pulumi.Input<string>, portRange: string) =>
    new ForwardingRule(
      `${plan.name}-${suffix}`,
      role<ForwardingRuleArgs>(
        {
          name: suffix === "https" ? names.httpsRule : names.httpRule,
          description: `${plan.name} on port ${portRange}, inside the network`,
          region,
          loadBalancingScheme: "INTERNAL_MANAGED",
          ipProtocol: "TCP",
          ipAddress: address.id,
          portRange,
          target,
          network,
          subnetwork,
          networkTier: "PREMIUM",
          labels,
          deletionPolicy,
        },
        "forwardingRule",
      ),
      opts,
    );
  // The regional proxy's keepalive: 5–600 s (checked by the plan).
  const keepAlive = lb.idleTimeoutSeconds;
  const httpProxy = (urlMapId: pulumi.Input<string>, description: string) =>
    new RegionTargetHttpProxy(
      `${plan.name}-http`,
      role<RegionTargetHttpProxyArgs>(
        { name: names.httpProxy, description, region, urlMap: urlMapId, httpKeepAliveTimeoutSec: keepAlive },
        "httpProxy",
      ),
      opts,
    );

  const logs = accessLogs(step, shared, "internal_http_lb_rule");
  const logResources = { accessLogBucket: logs?.bucket, accessLogSink: logs?.sink, accessLogExclusion: logs?.exclusion };

  if (lb.tls.mode === "off") {
    const proxy = httpProxy(urlMap.id, `${plan.name} over plain HTTP`);
    return { urlMap, address, httpProxy: proxy, httpForwardingRule: forwardingRule("http", proxy.id, "80"), ...logResources };
  }
  // The plan refuses a managed certificate here: a regional load balancer has no Google-managed
  // compute certificates.
  const certificateId = inputs.certificateId;
  if (lb.tls.mode !== "certificate" || certificateId === undefined) {
    throw new Error(`${TYPE} "${plan.name}": an internal load balancer needs the spec's certificateId`);
  }
  const id = pulumi.output(certificateId);
  const sslPolicy = new RegionSslPolicy(
    `${plan.name}-tls`,
    role<RegionSslPolicyArgs>(
      { name: names.sslPolicy, description: `TLS settings of ${plan.name}`, region, ...plan.gcp.sslPolicy },
      "sslPolicy",
    ),
    opts,
  );
  const httpsProxy = new RegionTargetHttpsProxy(
    `${plan.name}-https`,
    role<RegionTargetHttpsProxyArgs>(
      {
        name: names.httpsProxy,
        description: `${plan.name} over HTTPS`,
        region,
        urlMap: urlMap.id,
        sslCertificates: id.apply((c) => (CERTIFICATE_MANAGER_ID.test(c) ? undefined : [c])),
        certificateManagerCertificates: id.apply((c) => (CERTIFICATE_MANAGER_ID.test(c) ? [c] : undefined)),
        sslPolicy: sslPolicy.id,
        httpKeepAliveTimeoutSec: keepAlive,
      },
      "httpsProxy",
    ),
    opts,
  );
  const httpsForwardingRule = forwardingRule("https", httpsProxy.id, "443");
  const tlsResources = { urlMap, address, sslPolicy, httpsProxy, httpsForwardingRule, ...logResources };
  if (!lb.tls.redirectHttp) return tlsResources;

  const redirectUrlMap = new RegionUrlMap(
    `${plan.name}-redirect`,
    role<RegionUrlMapArgs>(
      {
        name: names.redirectUrlMap,
        description: `Redirects plain HTTP to HTTPS for ${plan.name}`,
        region,
        defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
      },
      "redirectUrlMap",
    ),
    opts,
  );
  const redirectProxy = httpProxy(redirectUrlMap.id, `${plan.name}: redirect to HTTPS`);
  return { ...tlsResources, redirectUrlMap, httpProxy: redirectProxy, httpForwardingRule: forwardingRule("http", redirectProxy.id, "80") };
}
