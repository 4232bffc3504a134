import { asArray, resourceRule } from "@mlops-kit/policy-common";
import { Listener as AlbListener } from "@pulumi/aws/alb";
import { Listener } from "@pulumi/aws/lb";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

/** ELB security policies that allow only TLS 1.2 and later with forward-secret ciphers. */
const TLS12_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
  "ELBSecurityPolicy-FS-1-2-Res-2019-08",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
];

interface ListenerProps {
  protocol?: string;
  sslPolicy?: string;
  defaultActions?: { type?: string; redirect?: { protocol?: string } }[];
}

function check(listener: ListenerProps, allowed: string[], report: ReportViolation): void {
  const protocol = (listener.protocol ?? "HTTP").toUpperCase();
  if (protocol === "HTTPS" || protocol === "TLS") {
    if (!listener.sslPolicy) report(`an ${protocol} listener without sslPolicy gets ELBSecurityPolicy-2016-08, which allows TLS 1.0.`);
    else if (!allowed.includes(listener.sslPolicy)) report(`sslPolicy ${listener.sslPolicy} is not one of the TLS 1.2+ policies.`);
  } else if (protocol === "HTTP") {
    const redirects = asArray(listener.defaultActions).every(
      (a) => a.type === "redirect" && a.redirect?.protocol?.toUpperCase() === "HTTPS",
    );
    if (!redirects || asArray(listener.defaultActions).length === 0) report("an HTTP listener must only redirect to HTTPS.");
  }
}

export default resourceRule({
  name: "mlops-aws-elb-listener-tls",
  description: "Load balancer listeners serve TLS 1.2 or later; plain HTTP listeners only redirect to HTTPS.",
  severity: "high",
  frameworks: { nist: ["SC-8", "SC-13"], pci: ["4.2.1", "2.2.5"] },
  remediation: [
    "Give HTTPS and TLS listeners a TLS 1.2+ security policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.",
    'Make port 80 listeners\' default action a redirect with protocol "HTTPS" and statusCode "HTTP_301".',
  ],
  configSchema: {
    properties: {
      allowedPolicies: {
        type: "array",
        items: { type: "string" },
        default: TLS12_POLICIES,
        description: "Accepted ELB security policies.",
      },
    },
  },
  validateResource: [
    validateResourceOfType(Listener, (l, args, report) =>
      check(l, args.getConfig<{ allowedPolicies: string[] }>().allowedPolicies, report),
    ),
    validateResourceOfType(AlbListener, (l, args, report) =>
      check(l, args.getConfig<{ allowedPolicies: string[] }>().allowedPolicies, report),
    ),
  ],
});
