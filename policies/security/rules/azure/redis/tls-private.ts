import { resourceRule } from "@mlops-kit/policy-common";
import { Redis } from "@pulumi/azure-native/redis";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-redis-tls-private",
  description:
    "Azure Cache for Redis accepts TLS 1.2 or later only, keeps the non-TLS port closed, and is not reachable from the internet.",
  severity: "high",
  frameworks: { cis: ["Azure 2.1 4.4"], nist: ["SC-7", "SC-8"], pci: ["1.3.1", "4.2.1"] },
  remediation: [
    'Set enableNonSslPort to false, minimumTlsVersion to "1.2", and publicNetworkAccess to "Disabled" (reach it through a private endpoint).',
  ],
  validateResource: validateResourceOfType(Redis, (redis, _args, report) => {
    if (redis.enableNonSslPort === true) report("enableNonSslPort is true: port 6379 serves plain text.");
    if (redis.minimumTlsVersion !== "1.2") report(`minimumTlsVersion is ${redis.minimumTlsVersion ?? "not set"}; set "1.2".`);
    if (redis.publicNetworkAccess !== "Disabled")
      report(`publicNetworkAccess is ${redis.publicNetworkAccess ?? "not set (Enabled)"}; set "Disabled".`);
  }),
});
