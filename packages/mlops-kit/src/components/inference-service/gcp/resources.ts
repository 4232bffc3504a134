import type { BackendService } from "@pulumi/gcp/compute/backendService";
import type { Firewall } from "@pulumi/gcp/compute/firewall";
import type { GlobalAddress } from "@pulumi/gcp/compute/globalAddress";
import type { GlobalForwardingRule } from "@pulumi/gcp/compute/globalForwardingRule";
import type { HealthCheck } from "@pulumi/gcp/compute/healthCheck";
import type { ManagedSslCertificate } from "@pulumi/gcp/compute/managedSslCertificate";
import type { RegionAutoscaler } from "@pulumi/gcp/compute/regionAutoscaler";
import type { RegionInstanceGroupManager } from "@pulumi/gcp/compute/regionInstanceGroupManager";
import type { RegionInstanceTemplate } from "@pulumi/gcp/compute/regionInstanceTemplate";
import type { SecurityPolicy } from "@pulumi/gcp/compute/securityPolicy";
import type { SSLPolicy } from "@pulumi/gcp/compute/sslpolicy";
import type { TargetHttpProxy } from "@pulumi/gcp/compute/targetHttpProxy";
import type { TargetHttpsProxy } from "@pulumi/gcp/compute/targetHttpsProxy";
import type { URLMap } from "@pulumi/gcp/compute/urlmap";
import type { ProjectBucketConfig } from "@pulumi/gcp/logging/projectBucketConfig";
import type { ProjectSink } from "@pulumi/gcp/logging/projectSink";
import type { IAMMember } from "@pulumi/gcp/projects/iammember";
import type { Account } from "@pulumi/gcp/serviceaccount/account";

/**
 * The GCP resources of an {@link InferenceService} (the escape hatch): a global external
 * Application Load Balancer in front of a regional managed instance group of Container-Optimized
 * OS VMs, each running the model's container.
 *
 * What GCP does not offer, and so is not here: automatic rollback of a failed rollout (a managed
 * instance group only stops replacing instances that fail their health check); a scale-out
 * cooldown (the autoscaler's initialization period keeps new instances out of its decisions
 * instead); and a group that mixes spot and standard VMs.
 */
export interface GcpInferenceService {
  /** The instances' identity. */
  serviceAccount: Account;
  /** Its project roles: writing logs and metrics, pulling images from Artifact Registry. */
  serviceAccountRoles: IAMMember[];
  /** What every instance is made from; replaced (under a new name) whenever anything in it changes. */
  instanceTemplate: RegionInstanceTemplate;
  /** Used by both the load balancer and the group's autohealing. */
  healthCheck: HealthCheck;
  /** Admits Google's health checkers and load balancer proxies to the container's port. */
  firewall: Firewall;
  instanceGroupManager: RegionInstanceGroupManager;
  autoscaler: RegionAutoscaler;
  backendService: BackendService;
  /** Present when `loadBalancer.allowedCidrs` does not admit everyone: a Cloud Armor allowlist. */
  securityPolicy?: SecurityPolicy;
  /** Routes every request to the backend service. */
  urlMap: URLMap;
  /** The reserved global IPv4 address the forwarding rules share. */
  address: GlobalAddress;
  /** Present when TLS uses a Google-managed certificate for `loadBalancer.tls.domain`. */
  certificate?: ManagedSslCertificate;
  /** Present unless TLS is off. */
  sslPolicy?: SSLPolicy;
  /** Present unless TLS is off. */
  httpsProxy?: TargetHttpsProxy;
  /** Present unless TLS is off: port 443. */
  httpsForwardingRule?: GlobalForwardingRule;
  /** Present when plain HTTP is redirected to HTTPS. */
  redirectUrlMap?: URLMap;
  /** Present when port 80 is served: the redirect, or the service itself when TLS is off. */
  httpProxy?: TargetHttpProxy;
  /** Present when port 80 is served. */
  httpForwardingRule?: GlobalForwardingRule;
  /** Present when access logs are on: keeps them for `loadBalancer.accessLogs.retentionDays`. */
  accessLogBucket?: ProjectBucketConfig;
  /** Present when access logs are on: routes this load balancer's request logs into the bucket. */
  accessLogSink?: ProjectSink;
}

declare module "../contract" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface InferenceServiceCloudResources {
    gcp: GcpInferenceService;
  }
}
