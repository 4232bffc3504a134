import { Certificate } from "@pulumi/aws/acm/certificate";
import { Listener } from "@pulumi/aws/lb/listener";
import { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { ServiceInputs } from "../contract";
import type { InferenceServicePlan } from "../plan";
import { provisionAccessLogBucket } from "./access-logs";
import { aliasDomain, validateCertificate } from "./dns";
import type { AwsInferenceService } from "./resources";
import { ACCESS_LOG_PREFIX, listenerSettings, SSL_POLICY, targetGroupSettings } from "./settings";

/** What the rest of the service needs from its load balancer, and what the escape hatch shows. */
export type AwsLoadBalancer = Pick<
  AwsInferenceService,
  "loadBalancer" | "targetGroup" | "listeners" | "certificate" | "certificateValidationRecords" | "accessLogs" | "dns"
> & {
  /** The listener that forwards to the target group: HTTPS, or HTTP when TLS is off. */
  servingListener?: Listener;
};

/**
 * The Application Load Balancer in front of the instances: its access-log bucket, the load
 * balancer, the target group the Auto Scaling group registers into, the certificate (validated in
 * Route 53 when a hosted zone is given) and the listeners. Its security group stays with the
 * instances' (each names the other).
 */
export function provisionLoadBalancer(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  ctx: ProvisionContext,
  shared: { env: AwsEnvironment; securityGroup: pulumi.Input<string> },
): AwsLoadBalancer {
  const keepOpts = { ...ctx.opts, retainOnDelete: plan.retainLogs };
  const accessLogs = plan.loadBalancer.accessLogs.enabled ? provisionAccessLogBucket(plan, ctx, shared.env.account, keepOpts) : undefined;
  const loadBalancer = createLoadBalancer(plan, inputs, ctx, shared.securityGroup, accessLogs);
  const targetGroup = new TargetGroup(
    `${plan.name}-tg`,
    withOverrides(
      {
        name: plan.aws.targetGroupName,
        vpcId: inputs.network.field("networkId"),
        ...targetGroupSettings(plan),
        tags: awsTags({ ...plan.tags, Name: `${plan.name}-tg` }),
      },
      plan.aws.overrides,
      "targetGroup",
    ),
    ctx.opts,
  );
  const tls = createCertificate(plan, inputs, ctx);
  const listeners = createListeners(plan, ctx, loadBalancer, targetGroup, tls.certificateArn);
  const alias =
    inputs.hostedZoneId !== undefined && plan.endpoint.hostName ? aliasDomain(plan, loadBalancer, inputs.hostedZoneId, ctx) : undefined;
  return {
    loadBalancer,
    targetGroup,
    listeners,
    servingListener: listeners.https ?? listeners.http,
    ...(tls.certificate
      ? {
          certificate: tls.certificate,
          certificateValidationRecords: tls.certificate.domainValidationOptions.apply((options) =>
            (options ?? []).map((v) => ({
              name: v.resourceRecordName ?? "",
              type: v.resourceRecordType ?? "",
              value: v.resourceRecordValue ?? "",
            })),
          ),
        }
      : {}),
    ...(tls.dns || alias ? { dns: { ...tls.dns, ...(alias ? { alias } : {}) } } : {}),
    ...(accessLogs ? { accessLogs } : {}),
  };
}

function createLoadBalancer(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  ctx: ProvisionContext,
  securityGroup: pulumi.Input<string>,
  accessLogs: AwsInferenceService["accessLogs"],
): LoadBalancer {
  const { name } = plan;
  const lbConfig = plan.loadBalancer;
  const internal = lbConfig.scheme === "internal";
  return new LoadBalancer(
    `${name}-lb`,
    withOverrides(
      {
        // Explicit: `<name>-lb-` + 7 random characters overflows the 32-character limit.
        name: plan.aws.loadBalancerName,
        loadBalancerType: "application",
        internal,
        // Only the tier's own readiness: a public load balancer waits for the internet route, not NAT.
        subnets: internal ? inputs.network.subnetIds.private : inputs.network.subnetIds.public,
        securityGroups: [securityGroup],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: lbConfig.deletionProtection,
        // An ALB has one timeout: a connection idle that long is closed, whether the client is
        // silent or the model has not answered yet. It is the longer of the two asked for.
        idleTimeout: plan.aws.idleTimeoutSeconds,
        ...(accessLogs ? { accessLogs: { bucket: accessLogs.bucket.bucket, prefix: ACCESS_LOG_PREFIX, enabled: true } } : {}),
        tags: awsTags({ ...plan.tags, Name: `${name}-lb` }),
      },
      plan.aws.overrides,
      "loadBalancer",
    ),
    // The ALB test-writes to the bucket when access logs are switched on, and fails if the policy
    // that admits it is not there yet.
    accessLogs ? { ...ctx.opts, dependsOn: [accessLogs.policy] } : ctx.opts,
  );
}

/** The certificate the HTTPS listener serves: managed (validated in Route 53 when a zone is given), or the spec's. */
function createCertificate(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  ctx: ProvisionContext,
): { certificate?: Certificate; certificateArn?: pulumi.Input<string>; dns?: NonNullable<AwsInferenceService["dns"]> } {
  const tls = plan.loadBalancer.tls;
  if (tls.mode === "certificate") return { certificateArn: inputs.certificateId };
  if (tls.mode === "off") return {};
  const certificate = new Certificate(
    `${plan.name}-cert`,
    { domainName: tls.domain, validationMethod: "DNS", tags: awsTags({ ...plan.tags, Name: `${plan.name}-cert` }) },
    ctx.opts,
  );
  if (inputs.hostedZoneId === undefined) {
    // The domain's DNS lives elsewhere: ACM issues the certificate once the records in
    // `certificateValidationRecords` exist there; until then the HTTPS listener cannot be
    // created, and a second `pulumi up` completes it.
    return { certificate, certificateArn: certificate.arn };
  }
  const dns = validateCertificate(plan, certificate, inputs.hostedZoneId, ctx);
  return { certificate, certificateArn: dns.validation.certificateArn, dns };
}

function createListeners(
  plan: InferenceServicePlan,
  ctx: ProvisionContext,
  loadBalancer: LoadBalancer,
  targetGroup: TargetGroup,
  certificateArn: pulumi.Input<string> | undefined,
): AwsInferenceService["listeners"] {
  const listeners: AwsInferenceService["listeners"] = {};
  for (const l of listenerSettings(plan)) {
    const role = l.protocol === "HTTPS" ? "https" : "http";
    listeners[role] = new Listener(
      `${plan.name}-${role}`,
      {
        loadBalancerArn: loadBalancer.arn,
        port: l.port,
        protocol: l.protocol,
        ...(l.protocol === "HTTPS" ? { sslPolicy: SSL_POLICY, certificateArn } : {}),
        defaultActions: l.redirectToHttps
          ? [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]
          : [{ type: "forward", targetGroupArn: targetGroup.arn }],
        tags: awsTags({ ...plan.tags, Name: `${plan.name}-${role}` }),
      },
      ctx.opts,
    );
  }
  return listeners;
}
