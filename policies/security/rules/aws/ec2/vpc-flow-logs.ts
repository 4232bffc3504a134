import { describe, referencing, stackRule } from "@mlops-kit/policy-common";
import { FlowLog, Vpc } from "@pulumi/aws/ec2";

export default stackRule({
  name: "mlops-aws-ec2-vpc-flow-logs",
  description: "Every VPC records all of its traffic with a VPC flow log.",
  severity: "medium",
  frameworks: { cis: ["AWS 3.0 3.7"], nist: ["AU-2", "AU-12", "SI-4"], pci: ["10.2.1"] },
  remediation: [
    "Create an aws.ec2.FlowLog with vpcId set to the VPC's id and trafficType ALL (MlopsVpc does unless flowLogs.enabled is false).",
    "Send it to an encrypted CloudWatch log group or S3 bucket with a retention period.",
  ],
  validateStack: (args, report) => {
    const flowLogs = args.resources.filter((r) => r.isType(FlowLog));
    for (const vpc of args.resources.filter((r) => r.isType(Vpc))) {
      const own = referencing(vpc, flowLogs, "vpcId");
      if (own.length === 0) {
        report(`${describe(vpc)} has no flow log: create an aws.ec2.FlowLog whose vpcId is this VPC's id.`, vpc.urn);
      } else if (!own.some((f) => (f.props.trafficType ?? "ALL") === "ALL")) {
        report(`${describe(vpc)} logs only ${own.map((f) => f.props.trafficType).join(", ")} traffic; set trafficType to ALL.`, vpc.urn);
      }
    }
  },
});
