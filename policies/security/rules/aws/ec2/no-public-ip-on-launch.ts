import { isTrue, resourceRule } from "@mlops-kit/policy-common";
import { Subnet } from "@pulumi/aws/ec2";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-ec2-no-public-ip-on-launch",
  description: "Subnets do not give instances a public IP address when they launch.",
  severity: "high",
  frameworks: { nist: ["AC-4", "SC-7"], pci: ["1.3.1", "1.4.4"] },
  remediation: [
    "Set mapPublicIpOnLaunch to false (MlopsVpc does, in every tier, unless an override sets it).",
    "Reach instances through a load balancer in the public tier, or through SSM, instead of a public IP.",
  ],
  validateResource: validateResourceOfType(Subnet, (subnet, _args, report) => {
    if (isTrue(subnet.mapPublicIpOnLaunch)) report("mapPublicIpOnLaunch is true: every instance launched in this subnet gets a public IP.");
  }),
});
