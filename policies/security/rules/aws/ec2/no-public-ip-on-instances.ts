import { asArray, isTrue, resourceRule } from "@mlops-kit/policy-common";
import { Instance, LaunchTemplate } from "@pulumi/aws/ec2";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-ec2-no-public-ip-on-instances",
  description: "Instances and launch templates do not ask for a public IP address.",
  severity: "high",
  frameworks: { nist: ["AC-4", "SC-7"], pci: ["1.3.1", "1.4.4"] },
  remediation: [
    "Leave associatePublicIpAddress unset or false; put instances in private subnets.",
    "Serve traffic through a load balancer and egress through NAT.",
  ],
  validateResource: [
    validateResourceOfType(LaunchTemplate, (lt, _args, report) => {
      for (const [i, ni] of asArray(lt.networkInterfaces).entries()) {
        if (isTrue(ni.associatePublicIpAddress)) report(`networkInterfaces[${i}].associatePublicIpAddress is true.`);
      }
    }),
    validateResourceOfType(Instance, (instance, _args, report) => {
      if (isTrue(instance.associatePublicIpAddress)) report("associatePublicIpAddress is true.");
    }),
  ],
});
