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

/**
 * The global external Application Load Balancer's frontend, in front of the service's backend: URL
 * map, reserved address, certificate and TLS policy, HTTPS and HTTP proxies and forwarding rules
 * (port 80 redirecting, or serving when TLS is off), and where its request logs go.
 */
export function provisionFrontend(
  step: Step,
  shared: { backendService: BackendService | RegionBackendService; project: pulumi.Output<string> },
): GcpFrontend {
  const { plan, labels, opts, role } = step;
  const lb = plan.loadBalancer;
  const names = plan.gcp.names;
  const urlMap = new URLMap(
    `${plan.name}-urls`,
    role<URLMapArgs>({ name: names.urlMap, description: `Routes ${plan.name}`, defaultService: shared.backendService.id }, "urlMap"),
    opts,
  );
  // Deletion protection guards what clients and DNS point at: the address and the rules on it.
  const deletionPolicy = lb.deletionProtection ? "PREVENT" : undefined;
  const address = new GlobalAddress(
    `${plan.name}-address`,
    role<GlobalAddressArgs>(
      {
        name: names.address,
        description: `Public address of ${plan.name}`,
        addressType: "EXTERNAL",
        ipVersion: "IPV4",
        labels,
        deletionPolicy,
      },
      "address",
    ),
    opts,
  );
  const forwardingRule = (suffix: "https" | "http", target: pulumi.Input<string>, portRange: string): GlobalForwardingRule =>
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
          deletionPolicy,
        },
        "forwardingRule",
      ),
      opts,
    );
  // The proxy's keepalive is the idle timeout a client connection gets (5–1200 s, checked by the plan).
  const keepAlive = lb.idleTimeoutSeconds;
  const httpProxy = (urlMapId: pulumi.Input<string>, description: string) =>
    new TargetHttpProxy(
      `${plan.name}-http`,
      role<TargetHttpProxyArgs>({ name: names.httpProxy, description, urlMap: urlMapId, httpKeepAliveTimeoutSec: keepAlive }, "httpProxy"),
      opts,
    );

  const logs = accessLogs(step, shared, "http_load_balancer");
  const logResources = {
    accessLogBucket: logs?.bucket,
    accessLogSink: logs?.sink,
    accessLogExclusion: logs?.exclusion,
  };

  if (lb.tls.mode === "off") {
    const proxy = httpProxy(urlMap.id, `${plan.name} over plain HTTP`);
    return { urlMap, address, httpProxy: proxy, httpForwardingRule: forwardingRule("http", proxy.id, "80"), ...logResources };
  }

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
    const certificateId = step.inputs.certificateId;
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
        httpKeepAliveTimeoutSec: keepAlive,
      },
      "httpsProxy",
    ),
    opts,
  );
  const httpsForwardingRule = forwardingRule("https", httpsProxy.id, "443");
  const tlsResources = { urlMap, address, certificate, sslPolicy, httpsProxy, httpsForwardingRule, ...logResources };
  if (!lb.tls.redirectHttp) return tlsResources;

  // Port 80 on the same address answers every request with a permanent redirect to HTTPS; it never
  // reaches the instances.
  const redirectUrlMap = new URLMap(
    `${plan.name}-redirect`,
    role<URLMapArgs>(
      {
        name: names.redirectUrlMap,
        description: `Redirects plain HTTP to HTTPS for ${plan.name}`,
        defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
      },
      "redirectUrlMap",
    ),
    opts,
  );
  const redirectProxy = httpProxy(redirectUrlMap.id, `${plan.name}: redirect to HTTPS`);
  return {
    ...tlsResources,
    redirectUrlMap,
    httpProxy: redirectProxy,
    httpForwardingRule: forwardingRule("http", redirectProxy.id, "80"),
  };
}

/**
 * The load balancer's request logs, kept for `loadBalancer.accessLogs.retentionDays` in a bucket of
 * their own (the `_Default` bucket keeps 30 days whatever we ask) and kept out of `_Default`.
 * `resourceType`: http_load_balancer (global external) or internal_http_lb_rule (regional internal).
 */
export function accessLogs(
  { plan, opts, role }: Step,
  shared: { backendService: BackendService | RegionBackendService; project: pulumi.Output<string> },
  resourceType: "http_load_balancer" | "internal_http_lb_rule",
): LogBucket | undefined {
  const lb = plan.loadBalancer;
  if (!lb.accessLogs.enabled) return undefined;
  return logBucketWithSink({
    base: `${plan.name}-access-logs`,
    project: shared.project,
    bucketIdPrefix: plan.gcp.accessLogBucketId,
    retentionDays: lb.accessLogs.retentionDays,
    what: `load balancer request logs of ${plan.name}`,
    filter: pulumi.interpolate`resource.type="${resourceType}" AND resource.labels.backend_service_name="${shared.backendService.name}"`,
    sinkName: plan.gcp.names.accessLogSink,
    exclusionName: plan.gcp.names.accessLogExclusion,
    retain: plan.retainLogs,
    bucketArgs: (a) => role(a, "accessLogBucket"),
    sinkArgs: (a) => role(a, "accessLogSink"),
    exclusionArgs: (a) => role(a, "accessLogExclusion"),
    opts,
  });
}
