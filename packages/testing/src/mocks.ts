import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Offline answers for the provider functions (invokes) that programs commonly make before they
 * can register anything. Pulumi's mock engine cannot reach a cloud, so a function call needs a
 * canned, deterministic answer. Unknown functions answer `{}`, which leaves their outputs
 * undefined; pass your own `mocks.call` to `synth` to answer more.
 */
export function defaultCall(config: Record<string, string>): (args: pulumi.runtime.MockCallArgs) => Record<string, unknown> {
  const awsRegion = config["aws:region"] ?? "us-east-1";
  const gcpRegion = config["gcp:region"] ?? "us-central1";
  const gcpProject = config["gcp:project"] ?? "mock-project";
  const answers: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>> = {
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => {
      const letters = ["a", "b", "c", "d", "e", "f"];
      return {
        names: letters.map((l) => `${awsRegion}${l}`),
        zoneIds: letters.map((_, i) => `${awsRegion.replace(/-/g, "").slice(0, 4)}-az${i + 1}`),
        state: "available",
      };
    },
    "aws:index/getRegion:getRegion": () => ({ name: awsRegion, region: awsRegion, id: awsRegion }),
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
      accountId: "123456789012",
      arn: "arn:aws:iam::123456789012:user/offline",
      userId: "AIDAOFFLINE",
    }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com" }),
    // Public SSM parameters (e.g. the ECS-optimized AMI ids) resolve to a fixed image id.
    "aws:ssm/getParameter:getParameter": (inputs) => ({ name: inputs.name, value: "ami-0123456789abcdef0", type: "String" }),
    // An AWS endpoint service: the first spelling the program asks for, offered in every zone.
    "aws:ec2/getVpcEndpointService:getVpcEndpointService": (inputs) => {
      const filters = (inputs.filters ?? []) as { name: string; values: string[] }[];
      const asked = filters.find((f) => f.name === "service-name")?.values[0];
      const service = typeof inputs.service === "string" ? inputs.service : "service";
      return {
        serviceName: asked ?? `com.amazonaws.${awsRegion}.${service}`,
        serviceType: inputs.serviceType ?? "Interface",
        availabilityZones: ["a", "b", "c", "d", "e", "f"].map((l) => `${awsRegion}${l}`),
      };
    },
    // The regional Elastic Load Balancing account (us-east-1's) that writes access logs.
    "aws:elb/getServiceAccount:getServiceAccount": () => ({ id: "127311923021", arn: "arn:aws:iam::127311923021:root" }),
    "gcp:compute/getZones:getZones": (inputs) => {
      const region = typeof inputs.region === "string" ? inputs.region : gcpRegion;
      return { names: ["a", "b", "c", "d", "f"].map((l) => `${region}-${l}`), project: gcpProject, region };
    },
    "gcp:organizations/getProject:getProject": () => ({ projectId: gcpProject, number: "123456789012", name: gcpProject }),
    "gcp:organizations/getClientConfig:getClientConfig": () => ({ project: gcpProject, region: gcpRegion }),
    // BigQuery's service account (the one CMEK uses), as `projects.getServiceAccount` names it.
    "gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount": () => {
      const email = "bq-123456789012@bigquery-encryption.iam.gserviceaccount.com";
      return { email, member: `serviceAccount:${email}`, project: gcpProject };
    },
    "gcp:compute/getImage:getImage": (inputs) => {
      const family = typeof inputs.family === "string" ? inputs.family : "image";
      const project = typeof inputs.project === "string" ? inputs.project : gcpProject;
      const name = `${family}-v20260101`;
      return { name, family, project, selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/global/images/${name}` };
    },
    "azure-native:authorization:getClientConfig": () => ({
      clientId: "00000000-0000-0000-0000-000000000001",
      objectId: "00000000-0000-0000-0000-000000000002",
      subscriptionId: "00000000-0000-0000-0000-000000000000",
      tenantId: "00000000-0000-0000-0000-000000000003",
    }),
  };
  return (args) => answers[args.token]?.(args.inputs ?? {}) ?? {};
}

/**
 * A deterministic mock resource: its state echoes the inputs, and adds the identity outputs
 * (`id`, `arn`, `name`) that dependent resources usually read, so that references between
 * resources stay visible in the plan.
 */
export function defaultNewResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
  const typeName = args.type.split(":").pop() ?? args.type;
  const nameProp = `${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}Name`;
  const inputName = args.inputs.name ?? args.inputs[nameProp];
  const name = typeof inputName === "string" ? inputName : args.name;
  const id = args.id || (args.type.startsWith("azure-native:") ? azureId(args, name) : `${name}-id`);
  const state: Record<string, unknown> = { name, ...COMPUTED[args.type]?.(name), ...args.inputs };
  if (args.type.startsWith("aws:")) state.arn ??= `arn:aws:mock:${typeName.toLowerCase()}:${name}`;
  if (args.type.startsWith("gcp:")) state.selfLink ??= `https://mock.googleapis.com/${typeName.toLowerCase()}/${name}`;
  return { id, state };
}

/**
 * Outputs that providers compute and programs commonly read (a load balancer's DNS name, a launch
 * template's version), with plausible, fixed values. Documentation addresses (RFC 5737) stand in
 * for IPs.
 */
const COMPUTED: Record<string, (name: string) => Record<string, unknown>> = {
  "aws:ec2/launchTemplate:LaunchTemplate": () => ({ latestVersion: 1, defaultVersion: 1 }),
  "aws:lb/loadBalancer:LoadBalancer": (name) => ({
    dnsName: `${name}-1234567890.elb.amazonaws.com`,
    arnSuffix: `app/${name}/0123456789abcdef`,
    zoneId: "Z35SXDOTRQ7X7K",
  }),
  "aws:alb/loadBalancer:LoadBalancer": (name) => ({
    dnsName: `${name}-1234567890.elb.amazonaws.com`,
    arnSuffix: `app/${name}/0123456789abcdef`,
  }),
  // An auto-named bucket's name, as Pulumi makes it (the resource name, a hyphen, 7 random
  // lowercase characters); fixed here so plans stay deterministic.
  "aws:s3/bucket:Bucket": (name) => ({ bucket: `${name.toLowerCase()}-${createHash("sha256").update(name).digest("hex").slice(0, 7)}` }),
  "aws:lb/targetGroup:TargetGroup": (name) => ({ arnSuffix: `targetgroup/${name}/0123456789abcdef` }),
  "aws:alb/targetGroup:TargetGroup": (name) => ({ arnSuffix: `targetgroup/${name}/0123456789abcdef` }),
  "gcp:compute/globalAddress:GlobalAddress": () => ({ address: "203.0.113.10" }),
  "gcp:compute/address:Address": () => ({ address: "203.0.113.11" }),
  // Numeric ids the Compute API assigns at creation (log bucket ids end in them).
  "gcp:compute/network:Network": () => ({ networkId: "4101290374129037412" }),
  "gcp:compute/backendService:BackendService": () => ({ generatedId: 7301928374650192 }),
  "gcp:compute/regionBackendService:RegionBackendService": () => ({ generatedId: 7301928374650193 }),
  "azure-native:network:PublicIPAddress": () => ({ ipAddress: "203.0.113.20" }),
};

function azureId(args: pulumi.runtime.MockResourceArgs, name: string): string {
  const rg = typeof args.inputs.resourceGroupName === "string" ? args.inputs.resourceGroupName : name;
  const [, module = "", type = ""] = args.type.split(":");
  return `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/${module}/${type}/${name}`;
}
