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

type Shared = { backendService: BackendService | RegionBackendService; project: pulumi.Output<string> };
type RuleMaker = (suffix: "https" | "http", target: pulumi.Input<string>, portRange: string) => ForwardingRule;
type ProxyMaker = (urlMapId: pulumi.Input<string>, description: string) => RegionTargetHttpProxy;

/**
 * A regional internal Application Load Balancer (INTERNAL_MANAGED): regional URL map, TLS policy,
 * HTTPS proxy with a regional certificate (self-managed compute certificate or Certificate Manager),
 * an internal address and forwarding rules in the private tier. Its Envoy proxies run in the
 * region's proxy-only subnetwork, which MlopsVpc creates; the private tier's subnet ids carry the
 * wait for it. Reachable from the network (and what is connected to it), never from the internet.
 */
export function provisionInternalFrontend(step: Step, shared: Shared): GcpInternalFrontend {
  const lb = step.plan.loadBalancer;
  const subnetwork = privateSubnetwork(step);
  const { urlMap, address } = createEntry(step, shared.backendService, subnetwork);
  const { rule, httpProxy } = frontendMakers(step, address, subnetwork);
  const logs = accessLogs(step, shared, "internal_http_lb_rule");
  const entry = { urlMap, address, accessLogBucket: logs?.bucket, accessLogSink: logs?.sink, accessLogExclusion: logs?.exclusion };
  if (lb.tls.mode === "off") {
    const proxy = httpProxy(urlMap.id, `${step.plan.name} over plain HTTP`);
    return { ...entry, httpProxy: proxy, httpForwardingRule: rule("http", proxy.id, "80") };
  }
  const https = serveHttps(step, urlMap, rule);
  return { ...entry, ...https, ...(lb.tls.redirectHttp ? redirectHttp(step, rule, httpProxy) : {}) };
}

/** The private tier's subnetwork; its id waits for the proxy-only subnetwork (and NAT), as the tier's readiness says. */
function privateSubnetwork({ plan, inputs }: Step): pulumi.Output<string> {
  return inputs.network.subnetIds.private.apply((ids) => {
    const id = ids?.[0];
    if (id === undefined) throw new Error(`${TYPE} "${plan.name}": the network has no private subnetwork`);
    return id;
  });
}

/** Deletion protection guards what clients and DNS point at: the address and the rules on it. */
function deletionPolicyOf(plan: Step["plan"]): "PREVENT" | undefined {
  return plan.loadBalancer.deletionProtection ? "PREVENT" : undefined;
}

/** The regional URL map to the backend and one internal address for both ports (SHARED_LOADBALANCER_VIP). */
function createEntry(
  { plan, region, labels, opts, role }: Step,
  backendService: Shared["backendService"],
  subnetwork: pulumi.Output<string>,
) {
  const names = plan.gcp.names;
  const urlMap = new RegionUrlMap(
    `${plan.name}-urls`,
    role<RegionUrlMapArgs>({ name: names.urlMap, description: `Routes ${plan.name}`, region, defaultService: backendService.id }, "urlMap"),
    opts,
  );
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
        deletionPolicy: deletionPolicyOf(plan),
      },
      "address",
    ),
    opts,
  );
  return { urlMap, address };
}

/** How this frontend makes its forwarding rules (in the private tier) and its plain-HTTP proxies. */
function frontendMakers(
  { plan, inputs, region, labels, opts, role }: Step,
  address: Address,
  subnetwork: pulumi.Output<string>,
): { rule: RuleMaker; httpProxy: ProxyMaker } {
  const names = plan.gcp.names;
  const rule: RuleMaker = (suffix, target, portRange) =>
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
          network: inputs.networkInfo.networkId,
          subnetwork,
          networkTier: "PREMIUM",
          labels,
          deletionPolicy: deletionPolicyOf(plan),
        },
        "forwardingRule",
      ),
      opts,
    );
  // The regional proxy's keepalive: 5–600 s (checked by the plan).
  const httpProxy: ProxyMaker = (urlMapId, description) =>
    new RegionTargetHttpProxy(
      `${plan.name}-http`,
      role<RegionTargetHttpProxyArgs>(
        { name: names.httpProxy, description, region, urlMap: urlMapId, httpKeepAliveTimeoutSec: plan.loadBalancer.idleTimeoutSeconds },
        "httpProxy",
      ),
      opts,
    );
  return { rule, httpProxy };
}

/**
 * Port 443 with the spec's certificate: a Certificate Manager certificate goes to
 * `certificateManagerCertificates`, a regional compute certificate to `sslCertificates`. The plan
 * refuses a managed certificate here: a regional load balancer has no Google-managed compute certificates.
 */
function serveHttps({ plan, inputs, region, opts, role }: Step, urlMap: RegionUrlMap, rule: RuleMaker) {
  const names = plan.gcp.names;
  const certificateId = inputs.certificateId;
  if (plan.loadBalancer.tls.mode !== "certificate" || certificateId === undefined) {
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
        httpKeepAliveTimeoutSec: plan.loadBalancer.idleTimeoutSeconds,
      },
      "httpsProxy",
    ),
    opts,
  );
  return { sslPolicy, httpsProxy, httpsForwardingRule: rule("https", httpsProxy.id, "443") };
}

/** Port 80 on the same address answers with a permanent redirect to HTTPS; it never reaches the instances. */
function redirectHttp({ plan, region, opts, role }: Step, rule: RuleMaker, httpProxy: ProxyMaker) {
  const redirectUrlMap = new RegionUrlMap(
    `${plan.name}-redirect`,
    role<RegionUrlMapArgs>(
      {
        name: plan.gcp.names.redirectUrlMap,
        description: `Redirects plain HTTP to HTTPS for ${plan.name}`,
        region,
        defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
      },
      "redirectUrlMap",
    ),
    opts,
  );
  const proxy = httpProxy(redirectUrlMap.id, `${plan.name}: redirect to HTTPS`);
  return { redirectUrlMap, httpProxy: proxy, httpForwardingRule: rule("http", proxy.id, "80") };
}
