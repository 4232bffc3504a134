import type { Cloud } from "../../core/cloud";
import type { LoadBalancerScheme } from "./args";

/** Which of GCP's Application Load Balancers serves a service: their metrics differ. */
export const GcpLoadBalancing = {
  /** The global external Application Load Balancer (`loadbalancing.googleapis.com/https/...`). */
  Global: "global",
  /** The regional internal Application Load Balancer (`loadbalancing.googleapis.com/https/internal/...`). */
  Regional: "regional",
} as const;
export type GcpLoadBalancing = (typeof GcpLoadBalancing)[keyof typeof GcpLoadBalancing];

/** The CloudWatch dimensions of a service on AWS. */
export interface AwsServiceMetrics {
  /** The ALB's `LoadBalancer` dimension (`app/<name>/<id>`). */
  loadBalancerArnSuffix: string;
  /** The target group's `TargetGroup` dimension (`targetgroup/<name>/<id>`). */
  targetGroupArnSuffix: string;
  /** The Auto Scaling group's `AutoScalingGroupName` dimension. */
  autoScalingGroupName: string;
}

/** The Cloud Monitoring resource labels of a service on GCP. */
export interface GcpServiceMetrics {
  loadBalancing: GcpLoadBalancing;
  backendServiceName: string;
  urlMapName: string;
  instanceGroupManagerName: string;
  region: string;
}

/** The Azure Monitor scopes of a service on Azure. */
export interface AzureServiceMetrics {
  applicationGatewayId: string;
  scaleSetId: string;
  /** The scale set's autoscale setting, whose `ObservedCapacity` metric is the group's size. */
  autoscaleSettingId: string;
}

/**
 * What each cloud's metrics of a service are keyed by: the dimensions a monitoring stack puts in
 * its alarms and charts. Exactly the service's own cloud is set. (One field per cloud rather than
 * a union: Pulumi's schema inference, which serves components to other languages, has no unions.)
 */
export interface ServiceMetricScope {
  aws?: AwsServiceMetrics;
  gcp?: GcpServiceMetrics;
  azure?: AzureServiceMetrics;
}

/**
 * The neutral description of an InferenceService that other components take (`services:
 * [api.info]`): where it answers, how it is checked, and what its metrics are keyed by. Plain
 * values, so it crosses stack references.
 */
export interface InferenceServiceInfo {
  cloud: Cloud;
  /** The service's name. */
  name: string;
  /** Where clients call the model. */
  url: string;
  /** The load balancer's DNS name or IP address. */
  address: string;
  /** `public` (reachable from the internet) or `internal` (only from the network). */
  scheme: LoadBalancerScheme;
  /** The path the load balancer's health check asks. */
  healthCheckPath: string;
  /** The scaling bounds. */
  minInstances: number;
  maxInstances: number;
  /** ALB ARN; GCP backend service id; Application Gateway id. */
  loadBalancerId: string;
  /** Auto Scaling group name; managed instance group id; VM scale set id. */
  scalingGroupId: string;
  metrics: ServiceMetricScope;
}
