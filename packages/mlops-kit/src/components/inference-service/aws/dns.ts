import type { Certificate } from "@pulumi/aws/acm/certificate";
import { CertificateValidation } from "@pulumi/aws/acm/certificateValidation";
import type { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import { Record } from "@pulumi/aws/route53/record";
import type * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import type { InferenceServicePlan } from "../plan";

/**
 * DNS validation of the managed certificate in the domain's Route 53 zone, awaited: the HTTPS
 * listener takes the certificate once ACM has issued it, in the same `pulumi up`. One domain and no
 * alternative names, so ACM asks for one record.
 */
export function validateCertificate(
  plan: InferenceServicePlan,
  certificate: Certificate,
  hostedZoneId: pulumi.Input<string>,
  ctx: ProvisionContext,
): { validationRecord: Record; validation: CertificateValidation } {
  const option = certificate.domainValidationOptions.apply((options) => options?.[0]);
  const validationRecord = new Record(
    `${plan.name}-cert-validation`,
    {
      zoneId: hostedZoneId,
      name: option.apply((o) => o?.resourceRecordName ?? ""),
      type: option.apply((o) => o?.resourceRecordType ?? "CNAME"),
      records: [option.apply((o) => o?.resourceRecordValue ?? "")],
      ttl: 300,
      // ACM asks for the same record for every certificate of the domain: a record left by an
      // earlier certificate is the one wanted, not a conflict.
      allowOverwrite: true,
    },
    ctx.opts,
  );
  const validation = new CertificateValidation(
    `${plan.name}-cert`,
    { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
    ctx.opts,
  );
  return { validationRecord, validation };
}

/** The service's domain as an alias of the load balancer, so `url` answers once `pulumi up` ends. */
export function aliasDomain(
  plan: InferenceServicePlan,
  loadBalancer: LoadBalancer,
  hostedZoneId: pulumi.Input<string>,
  ctx: ProvisionContext,
): Record {
  return new Record(
    `${plan.name}-domain`,
    {
      zoneId: hostedZoneId,
      name: plan.endpoint.hostName ?? "",
      type: "A",
      aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
    },
    ctx.opts,
  );
}
