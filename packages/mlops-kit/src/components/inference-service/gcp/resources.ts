import type { RepositoryIamMember } from "@pulumi/gcp/artifactregistry/repositoryIamMember";
import type { BackendService } from "@pulumi/gcp/compute/backendService";
import type { Firewall } from "@pulumi/gcp/compute/firewall";
import type { HealthCheck } from "@pulumi/gcp/compute/healthCheck";
import type { RegionAutoscaler } from "@pulumi/gcp/compute/regionAutoscaler";
import type { RegionBackendService } from "@pulumi/gcp/compute/regionBackendService";
import type { RegionHealthCheck } from "@pulumi/gcp/compute/regionHealthCheck";
import type { RegionInstanceGroupManager } from "@pulumi/gcp/compute/regionInstanceGroupManager";
import type { RegionInstanceTemplate } from "@pulumi/gcp/compute/regionInstanceTemplate";
import type { RegionSecurityPolicy } from "@pulumi/gcp/compute/regionSecurityPolicy";
import type { SecurityPolicy } from "@pulumi/gcp/compute/securityPolicy";
import type { IAMMember } from "@pulumi/gcp/projects/iammember";
import type { Account } from "@pulumi/gcp/serviceaccount/account";
import type * as pulumi from "@pulumi/pulumi";
import type { GcpInternalFrontend } from "./internal-load-balancer";
import type { GcpFrontend } from "./load-balancer";

/**
 * The GCP resources of an {@link InferenceService} (the escape hatch): a load balancer in front of
 * a regional managed instance group of Container-Optimized OS VMs, each running the model's
 * container. `loadBalancer.scheme` "public" builds a global external Application Load Balancer
 * (global health check, backend service, URL maps, proxies, address, forwarding rules);
 * "internal" a regional internal one (their regional counterparts, an internal address in the
 * private tier), so the load balancer's parts are typed as either.
 *
 * What GCP does not offer, and so is not here: automatic rollback of a failed rollout (a managed
 * instance group only stops replacing instances that fail their health check); a scale-out
 * cooldown (the autoscaler's initialization period keeps new instances out of its decisions
 * instead); and a group that mixes spot and standard VMs.
 */
export interface GcpInferenceService {
  /** The instances' identity. */
  serviceAccount: Account;
  /** Its project roles: writing logs and metrics. */
  serviceAccountRoles: IAMMember[];
  /** Reader on the image's own Artifact Registry repository; absent for images elsewhere. */
  imageReader?: RepositoryIamMember;
  /** Reader on the `registry`'s repository and artifact bucket; empty without a registry. */
  registryRead: pulumi.Resource[];
  /** What every instance is made from; replaced (under a new name) whenever anything in it changes. */
  instanceTemplate: RegionInstanceTemplate;
  /** Used by both the load balancer and the group's autohealing (regional for an internal load balancer). */
  healthCheck: HealthCheck | RegionHealthCheck;
  /** Admits Google's health checkers and the load balancer's proxies to the container's port. */
  firewall: Firewall;
  instanceGroupManager: RegionInstanceGroupManager;
  autoscaler: RegionAutoscaler;
  backendService: BackendService | RegionBackendService;
  /** Cloud Armor: the WAF rules (`loadBalancer.waf`) and the allow-list (`loadBalancer.allowedCidrs`). */
  securityPolicy?: SecurityPolicy | RegionSecurityPolicy;
  urlMap: GcpFrontend["urlMap"] | GcpInternalFrontend["urlMap"];
  /** The reserved address the forwarding rules share: global and external, or regional and internal. */
  address: GcpFrontend["address"] | GcpInternalFrontend["address"];
  /** Present when TLS uses a Google-managed certificate for `loadBalancer.tls.domain` (public only). */
  certificate?: GcpFrontend["certificate"];
  /** Present unless TLS is off. */
  sslPolicy?: GcpFrontend["sslPolicy"] | GcpInternalFrontend["sslPolicy"];
  /** Present unless TLS is off. */
  httpsProxy?: GcpFrontend["httpsProxy"] | GcpInternalFrontend["httpsProxy"];
  /** Present unless TLS is off: port 443. */
  httpsForwardingRule?: GcpFrontend["httpsForwardingRule"] | GcpInternalFrontend["httpsForwardingRule"];
  /** Present when plain HTTP is redirected to HTTPS. */
  redirectUrlMap?: GcpFrontend["redirectUrlMap"] | GcpInternalFrontend["redirectUrlMap"];
  /** Present when port 80 is served: the redirect, or the service itself when TLS is off. */
  httpProxy?: GcpFrontend["httpProxy"] | GcpInternalFrontend["httpProxy"];
  /** Present when port 80 is served. */
  httpForwardingRule?: GcpFrontend["httpForwardingRule"] | GcpInternalFrontend["httpForwardingRule"];
  /** Present when access logs are on: keeps them for `loadBalancer.accessLogs.retentionDays`. */
  accessLogBucket?: GcpFrontend["accessLogBucket"];
  /** Present when access logs are on: routes this load balancer's request logs into the bucket. */
  accessLogSink?: GcpFrontend["accessLogSink"];
  /** Present when access logs are on: keeps them out of the `_Default` bucket. */
  accessLogExclusion?: GcpFrontend["accessLogExclusion"];
}

declare module "../contract" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface InferenceServiceCloudResources {
    gcp: GcpInferenceService;
  }
}
