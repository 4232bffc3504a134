import { asArray, describe, referencing, stackRule } from "@mlops-kit/policy-common";
import { DefaultSecurityGroup, Vpc } from "@pulumi/aws/ec2";

export default stackRule({
  name: "mlops-aws-ec2-default-security-group-closed",
  description: "Every VPC's default security group is adopted and has no rules, so nothing can fall back on it.",
  severity: "high",
  frameworks: { cis: ["AWS 3.0 5.4"], nist: ["AC-4", "SC-7", "CM-7"], pci: ["1.2.1", "1.3.1"] },
  remediation: [
    "Adopt the default security group with aws.ec2.DefaultSecurityGroup (vpcId set to the VPC's id) and give it no ingress and no egress (MlopsVpc does).",
    "Put workloads in security groups of their own.",
  ],
  validateStack: (args, report) => {
    const groups = args.resources.filter((r) => r.isType(DefaultSecurityGroup));
    for (const vpc of args.resources.filter((r) => r.isType(Vpc))) {
      if (referencing(vpc, groups, "vpcId").length === 0) {
        report(
          `${describe(vpc)}: its default security group keeps AWS's default rules; adopt it with an aws.ec2.DefaultSecurityGroup with no rules.`,
          vpc.urn,
        );
      }
    }
    for (const g of groups) {
      for (const direction of ["ingress", "egress"] as const) {
        const rules = asArray(g.props[direction]);
        if (rules.length > 0)
          report(`${describe(g)} has ${rules.length} ${direction} rule(s); the default security group must have none.`, g.urn);
      }
    }
  },
});
