import { type Pricer, UnpricedError } from "../../types";
import { allHours, fixed, HOURS_PER_MONTH, list, usage } from "./lines";

// The network's bill: NAT gateways, public addresses, interface endpoints and load balancers.

export const natGateway: Pricer = (r, ctx) => {
  if (r.inputs.connectivityType === "private") throw new UnpricedError(`${r.type} ${r.name}: a private NAT gateway is not priced`);
  const gb = ctx.usage.natGb;
  return [
    allHours("NAT gateway hours", "aws:vpc:nat-gateway-hour"),
    usage("NAT gateway data processed", "aws:vpc:nat-gateway-gb", gb, gb, `natGb: ${gb} GB processed a month`),
  ];
};

/** An Elastic IP is a public IPv4 address, billed by the hour whether attached or not. */
export const elasticIp: Pricer = () => [allHours("Public IPv4 address hours", "aws:vpc:public-ipv4-hour")];

/** Gateway endpoints are free; an interface endpoint is billed per zone it serves, plus per GB. */
export const vpcEndpoint: Pricer = (r, ctx) => {
  const type = r.inputs.vpcEndpointType ?? "Gateway";
  if (type === "Gateway") return [];
  if (type !== "Interface") throw new UnpricedError(`${r.type} ${r.name}: a ${String(type)} endpoint is not priced`);
  const zones = list(r.inputs.subnetIds).length;
  if (zones === 0) throw new UnpricedError(`${r.type} ${r.name}: subnetIds is empty or unknown, so the zones it is billed in are unknown`);
  const gb = ctx.usage.endpointGb;
  return [
    allHours(`Interface endpoint hours (${zones} zones)`, "aws:vpc:interface-endpoint-az-hour", zones),
    usage("Interface endpoint data processed", "aws:vpc:interface-endpoint-gb", gb, gb, `endpointGb: ${gb} GB a month`),
  ];
};

/**
 * An Application Load Balancer: hours, LCU-hours, and (internet-facing) its public addresses. LCUs
 * are counted from processed bytes only (1 LCU carries 1 GB an hour for EC2 targets), so a month's
 * `loadBalancerGb` spread over the month is that many LCU-hours; connection and rule-evaluation
 * dimensions are assumed lower.
 */
export const loadBalancer: Pricer = (r, ctx) => {
  const type = r.inputs.loadBalancerType ?? "application";
  if (type !== "application") throw new UnpricedError(`${r.type} ${r.name}: a ${String(type)} load balancer is not priced`);
  const gb = ctx.usage.loadBalancerGb;
  const lines = [
    allHours("Application load balancer hours", "aws:elb:alb-hour"),
    usage(
      "Load balancer capacity units",
      "aws:elb:alb-lcu-hour",
      gb,
      gb,
      `loadBalancerGb: ${gb} GB a month, at 1 GB per LCU-hour; connections and rule evaluations assumed below that`,
    ),
  ];
  if (r.inputs.internal !== true) {
    const zones = list(r.inputs.subnets).length;
    if (zones === 0) throw new UnpricedError(`${r.type} ${r.name}: subnets is empty or unknown, so its public addresses are unknown`);
    lines.push(
      fixed(
        "Public IPv4 address hours",
        "aws:vpc:public-ipv4-hour",
        zones * HOURS_PER_MONTH,
        zones * HOURS_PER_MONTH,
        `one public address per zone (${zones}); AWS may add addresses as the load balancer scales`,
      ),
    );
  }
  return lines;
};
