import { asArray, asRecord, configuring, describe, type IamStatement, policyStatements, stackRule } from "@mlops-kit/policy-common";
import { Bucket, BucketPolicy, BucketV2 } from "@pulumi/aws/s3";

/** A Deny of every principal when `aws:SecureTransport` is false. */
function deniesPlainHttp(s: IamStatement): boolean {
  if (s.Effect !== "Deny") return false;
  const principal = s.Principal;
  const everyone = principal === "*" || asArray(asRecord(principal)?.AWS as string | string[] | undefined).includes("*");
  const bool = asRecord(asRecord(s.Condition)?.Bool);
  const secure = bool?.["aws:SecureTransport"];
  return everyone && (secure === false || secure === "false");
}

export default stackRule({
  name: "mlops-aws-s3-tls-only",
  description: "Every S3 bucket's policy denies requests that do not use TLS.",
  severity: "high",
  frameworks: { cis: ["AWS 3.0 2.1.1"], nist: ["SC-8", "SC-13"], pci: ["4.2.1"] },
  remediation: [
    'Attach an aws.s3.BucketPolicy with a statement: Effect Deny, Principal "*", Action "s3:*", Resource the bucket and its objects, Condition {"Bool": {"aws:SecureTransport": "false"}}.',
  ],
  validateStack: (args, report) => {
    const policies = args.resources.filter((r) => r.isType(BucketPolicy));
    for (const bucket of args.resources.filter((r) => r.isType(Bucket) || r.isType(BucketV2))) {
      const documents = configuring(bucket, policies, "bucket", "bucket").map((p) => p.props.policy as unknown);
      if (bucket.props.policy !== undefined) documents.push(bucket.props.policy);
      const statements = documents.flatMap((d) => policyStatements(d) ?? []);
      if (!statements.some(deniesPlainHttp)) {
        report(`${describe(bucket)} has no bucket policy statement denying requests where aws:SecureTransport is false.`, bucket.urn);
      }
    }
  },
});
