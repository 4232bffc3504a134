import { type ComponentChanges, changedValue, registerSummariser } from "./summary";
import { ChangeKind, type ResourceChange } from "./types";

/**
 * The library's components, summarised in their own terms. Each next component adds one
 * `registerSummariser("mlops:index:<Type>", ...)` here; unknown components get the generic lines.
 */

const of = (c: ComponentChanges, type: string) => c.changes.filter((x) => x.type === type);

/** How each cloud rolls the fleet when the machine definition changes. */
function fleetLines(c: ComponentChanges): string[] {
  const lines: string[] = [];
  for (const lt of of(c, "aws:ec2/launchTemplate:LaunchTemplate")) {
    c.covered.add(lt);
    lines.push(
      lt.kind === ChangeKind.Replace
        ? `launch template ${lt.name} replaced (rolling instance refresh of the Auto Scaling group)`
        : `launch template ${lt.name}: new version (${lt.inputs.map((i) => i.path).join(", ")}); the Auto Scaling group rolls its instances`,
    );
  }
  for (const t of of(c, "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate")) {
    c.covered.add(t);
    // The group taking the new template is the roll this line describes.
    for (const g of of(c, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager")) {
      if (g.inputs.length === 0 && g.reasons.every((r) => r.includes(`new id of ${t.name},`))) c.covered.add(g);
    }
    lines.push(
      `instance template ${t.name} replaced (${t.inputs
        .map((i) => i.path)
        .slice(0, 4)
        .join(", ")}); the managed instance group rolls its instances`,
    );
  }
  for (const s of of(c, "azure-native:compute:VirtualMachineScaleSet")) {
    const paths = s.inputs.map((i) => i.path).filter((p) => !p.startsWith("sku.capacity"));
    if (paths.length)
      lines.push(`scale set ${s.name} ${s.kind === ChangeKind.Replace ? "replaced" : "model updated"} (${paths.slice(0, 4).join(", ")})`);
  }
  return lines;
}

/** Scaling bounds in one line: `scaling max 3→6`. */
function scalingLines(c: ComponentChanges): string[] {
  const pairs: [string, string, string][] = [
    ["aws:autoscaling/group:Group", "minSize", "scaling min"],
    ["aws:autoscaling/group:Group", "maxSize", "scaling max"],
    ["gcp:compute/regionAutoscaler:RegionAutoscaler", "autoscalingPolicy.minReplicas", "scaling min"],
    ["gcp:compute/regionAutoscaler:RegionAutoscaler", "autoscalingPolicy.maxReplicas", "scaling max"],
    ["azure-native:monitor:AutoscaleSetting", "profiles[0].capacity.minimum", "scaling min"],
    ["azure-native:monitor:AutoscaleSetting", "profiles[0].capacity.maximum", "scaling max"],
  ];
  return pairs.flatMap(([type, path, label]) => changedValue(c, type, path, label) ?? []);
}

/** The load balancer and its TLS, the parts clients see. */
function edgeLines(c: ComponentChanges): string[] {
  const edge = (x: ResourceChange) =>
    /loadBalancer:LoadBalancer|ApplicationGateway|globalForwardingRule|acm\/certificate|managedSslCertificate/.test(x.type) &&
    x.kind !== ChangeKind.Update;
  return c.changes
    .filter(edge)
    .map(
      (x) =>
        `${x.name} ${x.kind === ChangeKind.Create ? "added" : x.kind === ChangeKind.Delete ? "removed" : "replaced"}: the endpoint's address or certificate changes`,
    );
}

registerSummariser("mlops:index:InferenceService", (c) => [...fleetLines(c), ...scalingLines(c), ...edgeLines(c)]);

const SUBNET_TYPES = ["aws:ec2/subnet:Subnet", "gcp:compute/subnetwork:Subnetwork", "azure-native:network:Subnet"];
const NAT_TYPES = ["aws:ec2/natGateway:NatGateway", "gcp:compute/routerNat:RouterNat", "azure-native:network:NatGateway"];

registerSummariser("mlops:index:MlopsVpc", (c) => {
  const lines: string[] = [];
  for (const s of c.changes.filter((x) => SUBNET_TYPES.includes(x.type))) {
    c.covered.add(s);
    const verb = { create: "added", delete: "removed", update: "updated", replace: "replaced (its instances and endpoints move)" }[s.kind];
    lines.push(`subnet ${s.name} ${verb}`);
  }
  for (const n of c.changes.filter((x) => NAT_TYPES.includes(x.type) && x.kind !== ChangeKind.Update)) {
    lines.push(
      `NAT ${n.name} ${n.kind === ChangeKind.Create ? "added" : n.kind === ChangeKind.Delete ? "removed" : "replaced"}: egress addresses change`,
    );
  }
  const vpc = c.changes.find(
    (x) => /ec2\/vpc:Vpc|compute\/network:Network|network:VirtualNetwork/.test(x.type) && x.kind === ChangeKind.Replace,
  );
  if (vpc) lines.unshift(`network ${vpc.name} replaced: everything in it is recreated`);
  return lines;
});
