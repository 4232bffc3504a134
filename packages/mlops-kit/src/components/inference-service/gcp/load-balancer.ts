import type { BackendService } from "@pulumi/gcp/compute/backendService";
import { GlobalAddress, type GlobalAddressArgs } from "@pulumi/gcp/compute/globalAddress";
import { GlobalForwardingRule, type GlobalForwardingRuleArgs } from "@pulumi/gcp/compute/globalForwardingRule";
import { ManagedSslCertificate, type ManagedSslCertificateArgs } from "@pulumi/gcp/compute/managedSslCertificate";
import { SSLPolicy, type SSLPolicyArgs } from "@pulumi/gcp/compute/sslpolicy";
import { TargetHttpProxy, type TargetHttpProxyArgs } from "@pulumi/gcp/compute/targetHttpProxy";
import { TargetHttpsProxy, type TargetHttpsProxyArgs } from "@pulumi/gcp/compute/targetHttpsProxy";
import { URLMap, type URLMapArgs } from "@pulumi/gcp/compute/urlmap";
import { ProjectBucketConfig, type ProjectBucketConfigArgs } from "@pulumi/gcp/logging/projectBucketConfig";
import { ProjectSink, type ProjectSinkArgs } from "@pulumi/gcp/logging/projectSink";
import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import type { ServiceInputs } from "../contract";
import { type InferenceServicePlan, TYPE } from "../plan";
import type { OVERRIDE_ROLES } from "../spec";
import type { GcpInferenceService } from "./resources";

/** The parts of the load balancer in front of the backend service, as the escape hatch shows them. */
export type GcpFrontend = Pick<
  GcpInferenceService,
  | "urlMap"
  | "address"
  | "certificate"
  | "sslPolicy"
  | "httpsProxy"
  | "httpsForwardingRule"
  | "redirectUrlMap"
  | "httpProxy"
  | "httpForwardingRule"
  | "accessLogBucket"
  | "accessLogSink"
>;

/**
 * The global external Application Load Balancer's frontend, in front of the service's backend: URL
 * map, reserved address, certificate and TLS policy, HTTPS and HTTP proxies and forwarding rules
 * (port 80 redirecting, or serving when TLS is off), and the bucket and sink its request logs go to.
 */
export function provisionFrontend(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  ctx: ProvisionContext,
  shared: {
    backendService: BackendService;
    project: pulumi.Output<string>;
    labels: Record<string, string>;
    /** Merges `gcp.overrides[role]` over a child's arguments. */
    role: <T extends object>(args: T, name: (typeof OVERRIDE_ROLES)["gcp"][number]) => T;
  },
): GcpFrontend {
  const opts = { ...ctx.opts };
  const lb = plan.loadBalancer;
  const { backendService, project, labels, role } = shared;

  const urlMap = new URLMap(
    `${plan.name}-urls`,
    role<URLMapArgs>({ description: `Routes ${plan.name}`, defaultService: backendService.id }, "urlMap"),
    opts,
  );

  // Deletion protection guards what clients and DNS point at: the address and the rules on it.
  const deletionPolicy = lb.deletionProtection ? "PREVENT" : undefined;
  const address = new GlobalAddress(
    `${plan.name}-address`,
    role<GlobalAddressArgs>(
      { description: `Public address of ${plan.name}`, addressType: "EXTERNAL", ipVersion: "IPV4", labels, deletionPolicy },
      "address",
    ),
    opts,
  );

  const forwardingRule = (suffix: string, target: pulumi.Input<string>, portRange: string): GlobalForwardingRule =>
    new GlobalForwardingRule(
      `${plan.name}-${suffix}`,
      role<GlobalForwardingRuleArgs>(
        {
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

  let certificate: ManagedSslCertificate | undefined;
  let sslPolicy: SSLPolicy | undefined;
  let httpsProxy: TargetHttpsProxy | undefined;
  let httpsForwardingRule: GlobalForwardingRule | undefined;
  let redirectUrlMap: URLMap | undefined;
  let httpProxy: TargetHttpProxy | undefined;
  let httpForwardingRule: GlobalForwardingRule | undefined;

  if (lb.tls.mode === "off") {
    httpProxy = new TargetHttpProxy(
      `${plan.name}-http`,
      role<TargetHttpProxyArgs>({ description: `${plan.name} over plain HTTP`, urlMap: urlMap.id }, "httpProxy"),
      opts,
    );
    httpForwardingRule = forwardingRule("http", httpProxy.id, "80");
  } else {
    let certificates: pulumi.Input<string>[];
    if (lb.tls.mode === "managed") {
      const domain = lb.tls.domain;
      if (domain === undefined) throw new Error(`${TYPE} "${plan.name}": the plan asks for a managed certificate without a domain`);
      // Google issues it once the domain's DNS points at the address; autonamed, so a new domain
      // gets a new certificate before the old one is released.
      certificate = new ManagedSslCertificate(
        `${plan.name}-cert`,
        role<ManagedSslCertificateArgs>(
          { description: `Certificate for ${domain}`, type: "MANAGED", managed: { domains: [domain] } },
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
    // MODERN with TLS 1.2 at least: forward-secret ciphers only, and every current client.
    sslPolicy = new SSLPolicy(
      `${plan.name}-tls`,
      role<SSLPolicyArgs>({ description: `TLS settings of ${plan.name}`, profile: "MODERN", minTlsVersion: "TLS_1_2" }, "sslPolicy"),
      opts,
    );
    httpsProxy = new TargetHttpsProxy(
      `${plan.name}-https`,
      role<TargetHttpsProxyArgs>(
        { description: `${plan.name} over HTTPS`, urlMap: urlMap.id, sslCertificates: certificates, sslPolicy: sslPolicy.id },
        "httpsProxy",
      ),
      opts,
    );
    httpsForwardingRule = forwardingRule("https", httpsProxy.id, "443");

    if (lb.tls.redirectHttp) {
      // Port 80 on the same address answers every request with a permanent redirect to HTTPS;
      // it never reaches the instances.
      redirectUrlMap = new URLMap(
        `${plan.name}-redirect`,
        role<URLMapArgs>(
          {
            description: `Redirects plain HTTP to HTTPS for ${plan.name}`,
            defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
          },
          "redirectUrlMap",
        ),
        opts,
      );
      httpProxy = new TargetHttpProxy(
        `${plan.name}-http`,
        role<TargetHttpProxyArgs>({ description: `${plan.name}: redirect to HTTPS`, urlMap: redirectUrlMap.id }, "httpProxy"),
        opts,
      );
      httpForwardingRule = forwardingRule("http", httpProxy.id, "80");
    }
  }

  let accessLogBucket: ProjectBucketConfig | undefined;
  let accessLogSink: ProjectSink | undefined;
  if (lb.accessLogs.enabled) {
    // Request logs land in the _Default bucket, which keeps them 30 days whatever we ask; the
    // plan's retention needs a bucket of its own. Google-managed encryption at rest.
    accessLogBucket = new ProjectBucketConfig(
      `${plan.name}-access-logs`,
      role<ProjectBucketConfigArgs>(
        {
          project,
          bucketId: plan.gcp.accessLogBucketId,
          location: "global",
          retentionDays: lb.accessLogs.retentionDays,
          description: `Load balancer request logs of ${plan.name}`,
        },
        "accessLogBucket",
      ),
      { ...opts, retainOnDelete: plan.retainLogs },
    );
    // A sink into a log bucket of its own project needs no IAM grant for its writer identity.
    accessLogSink = new ProjectSink(
      `${plan.name}-access-logs-sink`,
      role<ProjectSinkArgs>(
        {
          project,
          description: `Route the request logs of ${plan.name} to its access log bucket`,
          destination: pulumi.interpolate`logging.googleapis.com/projects/${accessLogBucket.project}/locations/${accessLogBucket.location}/buckets/${accessLogBucket.bucketId}`,
          filter: pulumi.interpolate`resource.type="http_load_balancer" AND resource.labels.backend_service_name="${backendService.name}"`,
        },
        "accessLogSink",
      ),
      opts,
    );
  }

  return {
    urlMap,
    address,
    certificate,
    sslPolicy,
    httpsProxy,
    httpsForwardingRule,
    redirectUrlMap,
    httpProxy,
    httpForwardingRule,
    accessLogBucket,
    accessLogSink,
  };
}
