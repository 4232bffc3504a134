import type { BackendService } from "@pulumi/gcp/compute/backendService";
import { GlobalAddress, type GlobalAddressArgs } from "@pulumi/gcp/compute/globalAddress";
import { GlobalForwardingRule, type GlobalForwardingRuleArgs } from "@pulumi/gcp/compute/globalForwardingRule";
import { ManagedSslCertificate, type ManagedSslCertificateArgs } from "@pulumi/gcp/compute/managedSslCertificate";
import type { RegionBackendService } from "@pulumi/gcp/compute/regionBackendService";
import { SSLPolicy, type SSLPolicyArgs } from "@pulumi/gcp/compute/sslpolicy";
import { TargetHttpProxy, type TargetHttpProxyArgs } from "@pulumi/gcp/compute/targetHttpProxy";
import { TargetHttpsProxy, type TargetHttpsProxyArgs } from "@pulumi/gcp/compute/targetHttpsProxy";
import { URLMap, type URLMapArgs } from "@pulumi/gcp/compute/urlmap";
import * as pulumi from "@pulumi/pulumi";
import { type LogBucket, logBucketWithSink } from "../../network/gcp/log-bucket";
import { TYPE } from "../plan";
import type { Step } from "./step";

/** The public load balancer's frontend, as the escape hatch shows it. */
export interface GcpFrontend {
  urlMap: URLMap;
  address: GlobalAddress;
  certificate?: ManagedSslCertificate;
  sslPolicy?: SSLPolicy;
  httpsProxy?: TargetHttpsProxy;
  httpsForwardingRule?: GlobalForwardingRule;
  redirectUrlMap?: URLMap;
  httpProxy?: TargetHttpProxy;
  httpForwardingRule?: GlobalForwardingRule;
  accessLogBucket?: LogBucket["bucket"];
  accessLogSink?: LogBucket["sink"];
  accessLogExclusion?: LogBucket["exclusion"];
}

type Shared = { backendService: BackendService | RegionBackendService; project: pulumi.Output<string> };
type RuleMaker = (suffix: "https" | "http", target: pulumi.Input<string>, portRange: string) => GlobalForwardingRule;
type ProxyMaker = (urlMapId: pulumi.Input<string>, description: string) => TargetHttpProxy;

/**
 * The global external Application Load Balancer's frontend, in front of the service's backend: URL
 * map and reserved address, then HTTPS (certificate, TLS policy, proxy, rule) and port 80
 * (redirecting, or serving when TLS is off), and where its request logs go.
 */
export function provisionFrontend(step: Step, shared: Shared): GcpFrontend {
  const lb = step.plan.loadBalancer;
  const { urlMap, address } = createEntry(step, shared.backendService);
  const { rule, httpProxy } = frontendMakers(step, address);
  const logs = accessLogs(step, shared, "http_load_balancer");
  const entry = { urlMap, address, accessLogBucket: logs?.bucket, accessLogSink: logs?.sink, accessLogExclusion: logs?.exclusion };
  if (lb.tls.mode === "off") {
    const proxy = httpProxy(urlMap.id, `${step.plan.name} over plain HTTP`);
    return { ...entry, httpProxy: proxy, httpForwardingRule: rule("http", proxy.id, "80") };
  }
  const https = serveHttps(step, urlMap, rule);
  return { ...entry, ...https, ...(lb.tls.redirectHttp ? redirectHttp(step, rule, httpProxy) : {}) };
}

/** The URL map to the backend and the reserved global address the forwarding rules share. */
function createEntry({ plan, labels, opts, role }: Step, backendService: Shared["backendService"]) {
  const names = plan.gcp.names;
  const urlMap = new URLMap(
    `${plan.name}-urls`,
    role<URLMapArgs>({ name: names.urlMap, description: `Routes ${plan.name}`, defaultService: backendService.id }, "urlMap"),
    opts,
  );
  const address = new GlobalAddress(
    `${plan.name}-address`,
    role<GlobalAddressArgs>(
      {
        name: names.address,
        description: `Public address of ${plan.name}`,
        addressType: "EXTERNAL",
        ipVersion: "IPV4",
        labels,
        deletionPolicy: deletionPolicyOf(plan),
      },
      "address",
    ),
    opts,
  );
  return { urlMap, address };
}

/** Deletion protection guards what clients and DNS point at: the address and the rules on it. */
function deletionPolicyOf(plan: Step["plan"]): "PREVENT" | undefined {
  return plan.loadBalancer.deletionProtection ? "PREVENT" : undefined;
}

/** How this frontend makes its forwarding rules (on the address) and its plain-HTTP proxies. */
function frontendMakers({ plan, labels, opts, role }: Step, address: GlobalAddress): { rule: RuleMaker; httpProxy: ProxyMaker } {
  const names = plan.gcp.names;
  const rule: RuleMaker = (suffix, target, portRange) =>
    new GlobalForwardingRule(
      `${plan.name}-${suffix}`,
      role<GlobalForwardingRuleArgs>(
        {
          name: suffix === "https" ? names.httpsRule : names.httpRule,
          description: `${plan.name} on port ${portRange}`,
          loadBalancingScheme: "EXTERNAL_MANAGED",
          ipProtocol: "TCP",
          ipAddress: address.id,
          portRange,
          target,
          labels,
          deletionPolicy: deletionPolicyOf(plan),
        },
        "forwardingRule",
      ),
      opts,
    );
  // The proxy's keepalive is the idle timeout a client connection gets (5–1200 s, checked by the plan).
  const httpProxy: ProxyMaker = (urlMapId, description) =>
    new TargetHttpProxy(
      `${plan.name}-http`,
      role<TargetHttpProxyArgs>(
        { name: names.httpProxy, description, urlMap: urlMapId, httpKeepAliveTimeoutSec: plan.loadBalancer.idleTimeoutSeconds },
        "httpProxy",
      ),
      opts,
    );
  return { rule, httpProxy };
}

/** Port 443: the certificate (Google-managed for the domain, or the spec's), the TLS policy, the proxy and its rule. */
function serveHttps({ plan, inputs, opts, role }: Step, urlMap: URLMap, rule: RuleMaker) {
  const lb = plan.loadBalancer;
  const names = plan.gcp.names;
  let certificate: ManagedSslCertificate | undefined;
  let certificates: pulumi.Input<string>[];
  if (lb.tls.mode === "managed") {
    const domain = lb.tls.domain;
    if (domain === undefined) throw new Error(`${TYPE} "${plan.name}": the plan asks for a managed certificate without a domain`);
    // Google issues it once the domain's DNS points at the address. Its name carries a hash of the
    // domain, so a new domain's certificate is created before the old one is released.
    certificate = new ManagedSslCertificate(
      `${plan.name}-cert`,
      role<ManagedSslCertificateArgs>(
        { name: names.certificate, description: `Certificate for ${domain}`, type: "MANAGED", managed: { domains: [domain] } },
        "certificate",
      ),
      opts,
    );
    certificates = [certificate.id];
  } else {
    const certificateId = inputs.certificateId;
    if (certificateId === undefined) throw new Error(`${TYPE} "${plan.name}": the plan asks for a certificate without a certificateId`);
    certificates = [certificateId];
  }
  // RESTRICTED admits only forward-secret ECDHE suites with AEAD ciphers and needs TLS 1.2 (Google's
  // "SSL policies" feature table); MODERN would still admit the TLS_RSA_* suites.
  const sslPolicy = new SSLPolicy(
    `${plan.name}-tls`,
    role<SSLPolicyArgs>({ name: names.sslPolicy, description: `TLS settings of ${plan.name}`, ...plan.gcp.sslPolicy }, "sslPolicy"),
    opts,
  );
  const httpsProxy = new TargetHttpsProxy(
    `${plan.name}-https`,
    role<TargetHttpsProxyArgs>(
      {
        name: names.httpsProxy,
        description: `${plan.name} over HTTPS`,
        urlMap: urlMap.id,
        sslCertificates: certificates,
        sslPolicy: sslPolicy.id,
        httpKeepAliveTimeoutSec: lb.idleTimeoutSeconds,
      },
      "httpsProxy",
    ),
    opts,
  );
  return { certificate, sslPolicy, httpsProxy, httpsForwardingRule: rule("https", httpsProxy.id, "443") };
}

/** Port 80 on the same address answers every request with a permanent redirect to HTTPS; it never reaches the instances. */
function redirectHttp({ plan, opts, role }: Step, rule: RuleMaker, httpProxy: ProxyMaker) {
  const redirectUrlMap = new URLMap(
    `${plan.name}-redirect`,
    role<URLMapArgs>(
      {
        name: plan.gcp.names.redirectUrlMap,
        description: `Redirects plain HTTP to HTTPS for ${plan.name}`,
        defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
      },
      "redirectUrlMap",
    ),
    opts,
  );
  const proxy = httpProxy(redirectUrlMap.id, `${plan.name}: redirect to HTTPS`);
  return { redirectUrlMap, httpProxy: proxy, httpForwardingRule: rule("http", proxy.id, "80") };
}

/**
 * The label that names the backend service in each resource type's log entries: the global external
 * load balancer's `http_load_balancer` has `backend_service_name`; the Envoy-based regional load
 * balancers' types (`internal_http_lb_rule`, like `http_external_regional_lb_rule`) name it
 * `backend_target_name` and have no `backend_service_name` ("Internal Application Load Balancer
 * logging and monitoring", cloud.google.com/load-balancing/docs/l7-internal/monitoring). A filter
 * on a label the type lacks matches nothing: the bucket would stay empty and `_Default` keep the logs.
 */
const BACKEND_LABEL = { http_load_balancer: "backend_service_name", internal_http_lb_rule: "backend_target_name" } as const;

/**
 * The load balancer's request logs, kept for `loadBalancer.accessLogs.retentionDays` in a bucket of
 * their own (the `_Default` bucket keeps 30 days whatever we ask) and kept out of `_Default`.
 * `resourceType`: http_load_balancer (global external) or internal_http_lb_rule (regional internal).
 */
export function accessLogs(
  { plan, opts, role }: Step,
  shared: Shared,
  resourceType: "http_load_balancer" | "internal_http_lb_rule",
): LogBucket | undefined {
  const lb = plan.loadBalancer;
  if (!lb.accessLogs.enabled) return undefined;
  return logBucketWithSink({
    base: `${plan.name}-access-logs`,
    project: shared.project,
    bucketIdPrefix: plan.gcp.accessLogBucketId,
    suffix: shared.backendService.generatedId.apply(String),
    retentionDays: lb.accessLogs.retentionDays,
    what: `load balancer request logs of ${plan.name}`,
    filter: pulumi.interpolate`resource.type="${resourceType}" AND resource.labels.${BACKEND_LABEL[resourceType]}="${shared.backendService.name}"`,
    sinkName: plan.gcp.names.accessLogSink,
    exclusionName: plan.gcp.names.accessLogExclusion,
    retain: plan.retainLogs,
    bucketArgs: (a) => role(a, "accessLogBucket"),
    sinkArgs: (a) => role(a, "accessLogSink"),
    exclusionArgs: (a) => role(a, "accessLogExclusion"),
    opts,
  });
}
