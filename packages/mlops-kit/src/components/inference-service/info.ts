import type { Cloud } from "../../core/cloud";

/**
 * What each cloud's metrics of a service are keyed by: the dimensions a monitoring stack puts in
 * its alarms and charts (CloudWatch dimensions, Cloud Monitoring resource labels, Azure resource ids).
 */
export type ServiceMetricScope =
  | {
      cloud: "aws";
      /** The ALB's `LoadBalancer` dimension (`app/<name>/<id>`). */
      loadBalancerArnSuffix: string;
      /** The target group's `TargetGroup` dimension (`targetgroup/<name>/<id>`). */
      targetGroupArnSuffix: string;
      autoScalingGroupName: string;
    }
  | {
      cloud: "gcp";
      /** Global external or regional internal Application Load Balancer: their metrics differ. */
      loadBalancing: "global" | "regional";
      backendServiceName: string;
      urlMapName: string;
      instanceGroupManagerName: string;
      region: string;
    }
  | {
      cloud: "azure";
      applicationGatewayId: string;
      scaleSetId: string;
    };

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
  scheme: "public" | "internal";
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
