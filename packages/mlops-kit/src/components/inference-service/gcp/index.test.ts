import { descendantsOf, type Plan, type PlanResource, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import type * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { NAME_RULES } from "../../../core/naming";
import { MlopsVpc } from "../../network/component";
import { InferenceService } from "../component";
import type { InferenceServicePlan } from "../plan";
import type { InferenceServiceArgs } from "../spec";
import { renderCloudConfig } from "./boot";
import { GOOGLE_FRONT_END_RANGES } from "./settings";

const T = {
  account: "gcp:serviceaccount/account:Account",
  iamMember: "gcp:projects/iAMMember:IAMMember",
  template: "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
  healthCheck: "gcp:compute/healthCheck:HealthCheck",
  firewall: "gcp:compute/firewall:Firewall",
  group: "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
  autoscaler: "gcp:compute/regionAutoscaler:RegionAutoscaler",
  backend: "gcp:compute/backendService:BackendService",
  securityPolicy: "gcp:compute/securityPolicy:SecurityPolicy",
  urlMap: "gcp:compute/uRLMap:URLMap",
  address: "gcp:compute/globalAddress:GlobalAddress",
  certificate: "gcp:compute/managedSslCertificate:ManagedSslCertificate",
  sslPolicy: "gcp:compute/sSLPolicy:SSLPolicy",
  httpsProxy: "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
  httpProxy: "gcp:compute/targetHttpProxy:TargetHttpProxy",
  rule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
  logBucket: "gcp:logging/projectBucketConfig:ProjectBucketConfig",
  logSink: "gcp:logging/projectSink:ProjectSink",
  nat: "gcp:compute/routerNat:RouterNat",
  router: "gcp:compute/router:Router",
  subnetwork: "gcp:compute/subnetwork:Subnetwork",
  component: "mlops:index:InferenceService",
  repoMember: "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
  logExclusion: "gcp:logging/projectExclusion:ProjectExclusion",
  regionHealthCheck: "gcp:compute/regionHealthCheck:RegionHealthCheck",
  regionBackend: "gcp:compute/regionBackendService:RegionBackendService",
  regionUrlMap: "gcp:compute/regionUrlMap:RegionUrlMap",
  regionHttpsProxy: "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy",
  regionHttpProxy: "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy",
  regionSslPolicy: "gcp:compute/regionSslPolicy:RegionSslPolicy",
  regionSecurityPolicy: "gcp:compute/regionSecurityPolicy:RegionSecurityPolicy",
  internalAddress: "gcp:compute/address:Address",
  internalRule: "gcp:compute/forwardingRule:ForwardingRule",
} as const;

const IMAGE = "us-docker.pkg.dev/acme/models/api:1";
const IP = "203.0.113.10";
const baseConfig = { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme-ml" };

/**
 * The offline engine's answers, plus the outputs GCP computes that this backend reads: the service
 * account's e-mail and member, the group's instance group URL and the reserved address.
 */
function newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
  const typeName = args.type.split(":").pop() ?? args.type;
  const name = typeof args.inputs.name === "string" ? args.inputs.name : args.name;
  const state: Record<string, unknown> = { name, ...args.inputs };
  // Ids and self links follow the logical name, so expectations do not repeat the physical names' hashes.
  state.selfLink ??= `https://mock.googleapis.com/${typeName.toLowerCase()}/${args.name}`;
  if (args.type === T.account) {
    state.email = `${args.inputs.accountId}@${args.inputs.project}.iam.gserviceaccount.com`;
    state.member = `serviceAccount:${state.email}`;
  }
  if (args.type === T.group) state.instanceGroup = `https://mock.googleapis.com/instancegroup/${args.name}`;
  if (args.type === T.address || args.type === T.internalAddress) state.address = IP;
  if (args.type === T.backend) state.generatedId = 7301928374650192;
  return { id: `${args.name}-id`, state };
}

interface Synthesized {
  plan: Plan;
  decisions: InferenceServicePlan;
}

type ServiceArgs = Omit<InferenceServiceArgs, "network">;

const DEFAULT_ARGS: ServiceArgs = {
  image: IMAGE,
  compute: { cpu: 2, memoryGiB: 8 },
  loadBalancer: { tls: { domain: "api.example.com" } },
};

async function synthService(args: ServiceArgs = DEFAULT_ARGS, config: Record<string, string> = {}): Promise<Synthesized> {
  let svc: InferenceService | undefined;
  const plan = await synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      svc = new InferenceService("api", { ...args, network: vpc.network });
      return { url: svc.url, address: svc.address, loadBalancerId: svc.loadBalancerId, scalingGroupId: svc.scalingGroupId };
    },
    { project: "p", stack: config["mlops:profile"] ?? "dev", config: { ...baseConfig, ...config }, mocks: { newResource } },
  );
  if (!svc) throw new Error("the program did not construct the InferenceService");
  return { plan, decisions: svc.plan };
}

const inputs = (r: PlanResource): Record<string, unknown> => r.inputs;
const get = (plan: Plan, type: string, name: string): Record<string, unknown> => inputs(resource(plan, type, name));

function str(v: unknown): string {
  if (typeof v !== "string") throw new Error(`expected a string, got ${JSON.stringify(v)}`);
  return v;
}

function obj(v: unknown): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`expected an object, got ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

function list(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error(`expected an array, got ${JSON.stringify(v)}`);
  return v;
}

interface CloudConfig {
  users: { name: string; uid: number }[];
  write_files: { path: string; permissions: string; owner: string; encoding?: string; content: string }[];
  runcmd: string[];
}

/** The template's cloud-init, parsed: a YAML error fails the test. */
function cloudConfigOf(plan: Plan): CloudConfig {
  const userData = str(obj(get(plan, T.template, "api-template").metadata)["user-data"]);
  expect(userData.startsWith("#cloud-config\n")).toBe(true);
  return parse(userData) as CloudConfig;
}

function file(config: CloudConfig, path: string): string {
  const f = config.write_files.find((w) => w.path === path);
  if (!f) throw new Error(`no ${path} in write_files: ${config.write_files.map((w) => w.path).join(", ")}`);
  return f.encoding === "b64" ? Buffer.from(f.content, "base64").toString("utf8") : f.content;
}

const SERVICE_UNIT_PATH = "/etc/systemd/system/mlops-model.service";
const GPU_UNIT_PATH = "/etc/systemd/system/mlops-gpu.service";

function execStart(unit: string): string {
  const line = unit.split("\n").find((l) => l.startsWith("ExecStart="));
  if (!line) throw new Error(`no ExecStart in:\n${unit}`);
  return line.slice("ExecStart=".length);
}

/** Reads a systemd command line back into its arguments (quotes, C escapes, `$$` and `%%`). */
function systemdWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === " ") i++;
    if (i >= line.length) break;
    let word = "";
    if (line[i] === '"') {
      i++;
      while (line[i] !== '"') {
        if (i >= line.length) throw new Error(`unterminated quote in ${line}`);
        if (line[i] === "\\") {
          const next = line[i + 1];
          if (next === "x") {
            word += String.fromCharCode(Number.parseInt(line.slice(i + 2, i + 4), 16));
            i += 4;
          } else {
            word += next;
            i += 2;
          }
        } else {
          word += line[i];
          i++;
        }
      }
      i++;
    } else {
      while (i < line.length && line[i] !== " ") word += line[i++];
    }
    words.push(word.replace(/\$\$/g, "$").replace(/%%/g, "%"));
  }
  return words;
}

describe("InferenceService on GCP: the defaults (dev)", () => {
  let dev: Synthesized;
  let prod: Synthesized;
  beforeAll(async () => {
    dev = await synthService();
    prod = await synthService(DEFAULT_ARGS, { "mlops:profile": "prod" });
  });

  it("GIVEN the defaults WHEN synthesized THEN it builds one HTTPS load balancer over one regional group, every resource under the component", () => {
    const count = (type: string) => resourcesOfType(dev.plan, type).length;
    expect(count(T.account)).toBe(1);
    expect(count(T.iamMember)).toBe(2);
    expect(count(T.repoMember)).toBe(1);
    expect(count(T.template)).toBe(1);
    expect(count(T.healthCheck)).toBe(1);
    expect(count(T.group)).toBe(1);
    expect(count(T.autoscaler)).toBe(1);
    expect(count(T.backend)).toBe(1);
    expect(count(T.urlMap)).toBe(2);
    expect(count(T.address)).toBe(1);
    expect(count(T.certificate)).toBe(1);
    expect(count(T.sslPolicy)).toBe(1);
    expect(count(T.httpsProxy)).toBe(1);
    expect(count(T.httpProxy)).toBe(1);
    expect(count(T.rule)).toBe(2);
    // Open to everyone, but still behind Google's preconfigured WAF rules.
    expect(count(T.securityPolicy)).toBe(1);

    const component = resource(dev.plan, T.component, "api");
    const below = new Set(descendantsOf(dev.plan, component.urn).map((r) => r.urn));
    const ours = dev.plan.resources.filter((r) => r.name.startsWith("api-"));
    expect(ours.length).toBeGreaterThanOrEqual(20);
    for (const r of ours) {
      expect(r.parent, r.urn).toBe(component.urn);
      expect(below.has(r.urn), r.urn).toBe(true);
    }
  });

  it("GIVEN the defaults WHEN synthesized THEN the instance template has no external IP and sits on the network's private subnetwork", () => {
    const t = get(dev.plan, T.template, "api-template");
    const nics = list(t.networkInterfaces).map(obj);
    expect(nics).toHaveLength(1);
    expect(nics[0]).toEqual({ subnetwork: "core-private-id" });
    expect(nics[0]?.accessConfigs).toBeUndefined();
    expect(t.canIpForward).toBe(false);
    expect(t.region).toBe("us-central1");
  });

  it("GIVEN the defaults WHEN synthesized THEN instances are shielded COS VMs with OS Login, no project SSH keys and a 50 GiB pd-balanced disk", () => {
    const t = get(dev.plan, T.template, "api-template");
    expect(t.machineType).toBe("e2-standard-2");
    expect(t.shieldedInstanceConfig).toEqual({ enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true });
    const metadata = obj(t.metadata);
    expect(metadata["enable-oslogin"]).toBe("TRUE");
    expect(metadata["block-project-ssh-keys"]).toBe("TRUE");
    expect(metadata["google-logging-enabled"]).toBe("true");
    const disks = list(t.disks).map(obj);
    expect(disks).toHaveLength(1);
    expect(disks[0]).toMatchObject({
      boot: true,
      autoDelete: true,
      diskSizeGb: 50,
      diskType: "pd-balanced",
      sourceImage: "https://www.googleapis.com/compute/v1/projects/cos-cloud/global/images/cos-stable-v20260101",
    });
    expect(t.guestAccelerators).toBeUndefined();
    expect(t.scheduling).toEqual({ provisioningModel: "STANDARD", automaticRestart: true, onHostMaintenance: "MIGRATE" });
    expect(obj(t.labels)["mlops-component"]).toBe("inferenceservice");
    expect(obj(t.labels)["managed-by"]).toBe("mlops-kit");
    // A name prefix, so a replacement template gets a new name before the old one goes.
    expect(t.name).toBeUndefined();
    expect(t.namePrefix).toBe(`${dev.decisions.gcp.names.templatePrefix}-`);
    expect(str(t.namePrefix).length).toBeLessThanOrEqual(37);
  });

  it("GIVEN the defaults WHEN synthesized THEN the instances' service account holds only log and metric roles on the project, and reads only the image's repository", () => {
    const account = resource(dev.plan, T.account, "api-sa");
    const accountId = str(inputs(account).accountId);
    expect(accountId).toMatch(NAME_RULES.gcpServiceAccount.pattern);
    expect(accountId.length).toBeGreaterThanOrEqual(6);
    expect(accountId.length).toBeLessThanOrEqual(30);
    const email = `${accountId}@acme-ml.iam.gserviceaccount.com`;

    const members = resourcesOfType(dev.plan, T.iamMember).filter((r) => r.parent === resource(dev.plan, T.component, "api").urn);
    expect(members.map((m) => inputs(m).role).sort()).toEqual(["roles/logging.logWriter", "roles/monitoring.metricWriter"]);
    // us-docker.pkg.dev/acme/models/api:1 is repository "models" of project "acme" in location "us".
    const reader = resource(dev.plan, T.repoMember, "api-image-reader");
    expect(inputs(reader)).toEqual({
      project: "acme",
      location: "us",
      repository: "models",
      role: "roles/artifactregistry.reader",
      member: `serviceAccount:${email}`,
    });
    expect(resource(dev.plan, T.group, "api-group").dependsOn).toContain(reader.urn);
    for (const m of members) {
      expect(inputs(m).member, m.name).toBe(`serviceAccount:${email}`);
      expect(inputs(m).project, m.name).toBe("acme-ml");
      expect(str(inputs(m).role), m.name).not.toMatch(/^roles\/(owner|editor|viewer)$/);
      expect(m.dependencies, m.name).toContain(account.urn);
    }
    expect(get(dev.plan, T.template, "api-template").serviceAccount).toEqual({ email, scopes: ["cloud-platform"] });
  });

  it("GIVEN another stack of the same project WHEN synthesized THEN its service account id differs, so the two never collide", () => {
    const devId = str(get(dev.plan, T.account, "api-sa").accountId);
    const prodId = str(get(prod.plan, T.account, "api-sa").accountId);
    expect(devId).not.toBe(prodId);
  });

  it("GIVEN an Artifact Registry image WHEN synthesized THEN cloud-init runs it as a systemd unit on the port, with the registry's credential helper", () => {
    const config = cloudConfigOf(dev.plan);
    expect(config.runcmd).toEqual(["systemctl daemon-reload", "systemctl start mlops-model.service"]);
    const unit = file(config, SERVICE_UNIT_PATH);
    expect(unit).toContain("ExecStartPre=docker-credential-gcr configure-docker --registries=us-docker.pkg.dev\n");
    expect(unit).toContain("Restart=always\n");
    expect(systemdWords(execStart(unit))).toEqual([
      "docker",
      "run",
      "--rm",
      "--name=model",
      "--publish=8080:8080",
      "--env-file=/etc/mlops/model.env",
      IMAGE,
    ]);
    expect(file(config, "/etc/mlops/model.env")).toBe("");
    expect(config.write_files.find((f) => f.path === "/etc/mlops/model.env")?.permissions).toBe("0600");
    expect(config.write_files.map((f) => f.path)).not.toContain(GPU_UNIT_PATH);
  });

  it("GIVEN the defaults WHEN synthesized THEN the health check probes the port and path with the spec's timings, and logs", () => {
    expect(get(dev.plan, T.healthCheck, "api-health")).toMatchObject({
      httpHealthCheck: { port: 8080, requestPath: "/health" },
      checkIntervalSec: 15,
      timeoutSec: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      logConfig: { enable: true },
    });
  });

  it("GIVEN the defaults WHEN synthesized THEN the regional group spreads over the network's zones, names its port and autoheals after the grace period", () => {
    const group = resource(dev.plan, T.group, "api-group");
    const g = inputs(group);
    expect(g.region).toBe("us-central1");
    expect(g.distributionPolicyZones).toEqual(["us-central1-a", "us-central1-b"]);
    expect(g.namedPorts).toEqual([{ name: "http", port: 8080 }]);
    expect(g.autoHealingPolicies).toEqual({ healthCheck: "api-health-id", initialDelaySec: 300 });
    expect(g.versions).toEqual([{ instanceTemplate: "https://mock.googleapis.com/regioninstancetemplate/api-template" }]);
    expect(g.targetSize).toBeUndefined();
    expect(g.waitForInstances).toBe(false);
    expect(str(g.baseInstanceName)).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
    // Its first instances need the roles to pull the image and write logs.
    const roles = [...resourcesOfType(dev.plan, T.iamMember), ...resourcesOfType(dev.plan, T.repoMember)].map((m) => m.urn);
    expect(roles).toHaveLength(3);
    expect([...group.dependsOn].sort()).toEqual(roles.sort());
    // CPU groups stay EVEN across zones, rebalanced proactively.
    expect(g.distributionPolicyTargetShape).toBe("EVEN");
    // The name ends in the zone count: more zones replace the group under a new name, created first.
    expect(str(g.name)).toMatch(/^api-group-[a-z0-9]{6}-z2$/);
    expect(str(get(dev.plan, T.autoscaler, "api-autoscaler").name)).toMatch(/^api-autoscaler-[a-z0-9]{6}-z2$/);
    expect(str(get(prod.plan, T.group, "api-group").name)).toMatch(/^api-group-[a-z0-9]{6}-z3$/);
  });

  it("GIVEN 2 zones in dev and 3 in prod WHEN synthesized THEN the rollout surges by at least a zone's worth and never takes instances out", () => {
    const policy = (s: Synthesized) => obj(get(s.plan, T.group, "api-group").updatePolicy);
    expect(policy(dev)).toEqual({
      type: "PROACTIVE",
      minimalAction: "REPLACE",
      replacementMethod: "SUBSTITUTE",
      instanceRedistributionType: "PROACTIVE",
      // 25% of 3 is 1 instance, below the 2 zones a regional group needs.
      maxSurgeFixed: 2,
      maxUnavailableFixed: 0,
    });
    // 25% of 10 is 3 instances, the same as the 3 zones.
    expect(policy(prod)).toMatchObject({ maxSurgeFixed: 3, maxUnavailableFixed: 0 });
    expect(get(prod.plan, T.group, "api-group").distributionPolicyZones).toEqual(["us-central1-a", "us-central1-b", "us-central1-c"]);
  });

  it("GIVEN the defaults WHEN synthesized THEN the autoscaler holds 50% CPU between the profile's bounds, ignoring booting instances", () => {
    const autoscaler = resource(dev.plan, T.autoscaler, "api-autoscaler");
    expect(inputs(autoscaler).target).toBe("api-group-id");
    expect(inputs(autoscaler).region).toBe("us-central1");
    expect(inputs(autoscaler).autoscalingPolicy).toEqual({
      mode: "ON",
      minReplicas: 1,
      maxReplicas: 3,
      cooldownPeriod: 300,
      stabilizationPeriod: 300,
      cpuUtilization: { target: 0.5 },
    });
    expect(obj(get(prod.plan, T.autoscaler, "api-autoscaler").autoscalingPolicy)).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
  });

  it("GIVEN the defaults WHEN synthesized THEN the backend service is a logged EXTERNAL_MANAGED HTTP backend on the named port, round robin", () => {
    const backend = resource(dev.plan, T.backend, "api-backend");
    expect(inputs(backend)).toMatchObject({
      loadBalancingScheme: "EXTERNAL_MANAGED",
      protocol: "HTTP",
      portName: "http",
      healthChecks: "api-health-id",
      localityLbPolicy: "ROUND_ROBIN",
      sessionAffinity: "NONE",
      logConfig: { enable: true, sampleRate: 1 },
      // The request timeout (300 s by default), not the idle timeout.
      timeoutSec: 300,
      connectionDrainingTimeoutSec: 300,
      backends: [{ group: "https://mock.googleapis.com/instancegroup/api-group", balancingMode: "UTILIZATION", capacityScaler: 1 }],
    });
    expect(inputs(backend).securityPolicy).toBe("https://mock.googleapis.com/securitypolicy/api-allowlist");
    expect(inputs(backend).affinityCookieTtlSec).toBeUndefined();
    expect(backend.dependencies).toContain(resource(dev.plan, T.group, "api-group").urn);
  });

  it("GIVEN a domain WHEN synthesized THEN HTTPS on 443 uses a Google-managed certificate for it and a TLS 1.2+ policy", () => {
    expect(get(dev.plan, T.certificate, "api-cert")).toMatchObject({ type: "MANAGED", managed: { domains: ["api.example.com"] } });
    // RESTRICTED: no TLS_RSA_* suites, which MODERN still admits.
    expect(get(dev.plan, T.sslPolicy, "api-tls")).toMatchObject({ profile: "RESTRICTED", minTlsVersion: "TLS_1_2" });
    expect(get(dev.plan, T.httpsProxy, "api-https")).toMatchObject({
      urlMap: "api-urls-id",
      sslCertificates: ["api-cert-id"],
      sslPolicy: "api-tls-id",
      // The idle timeout (60 s by default) is the proxy's HTTP keepalive.
      httpKeepAliveTimeoutSec: 60,
    });
    expect(get(dev.plan, T.urlMap, "api-urls").defaultService).toBe("api-backend-id");
    expect(get(dev.plan, T.rule, "api-https")).toMatchObject({
      loadBalancingScheme: "EXTERNAL_MANAGED",
      ipProtocol: "TCP",
      portRange: "443",
      ipAddress: "api-address-id",
      target: "api-https-id",
    });
    expect(get(dev.plan, T.address, "api-address")).toMatchObject({ addressType: "EXTERNAL", ipVersion: "IPV4" });
  });

  it("GIVEN the defaults WHEN synthesized THEN port 80 on the same address only redirects to HTTPS, permanently, keeping the query", () => {
    const http = get(dev.plan, T.rule, "api-http");
    expect(http).toMatchObject({
      portRange: "80",
      ipAddress: "api-address-id",
      target: "api-http-id",
      loadBalancingScheme: "EXTERNAL_MANAGED",
    });
    expect(get(dev.plan, T.httpProxy, "api-http").urlMap).toBe("api-redirect-id");
    const redirect = get(dev.plan, T.urlMap, "api-redirect");
    expect(redirect.defaultUrlRedirect).toEqual({
      httpsRedirect: true,
      redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT",
      stripQuery: false,
    });
    expect(redirect.defaultService).toBeUndefined();
  });

  it("GIVEN the defaults WHEN synthesized THEN one firewall rule admits only Google's front-end ranges, only to the port, only on the service's instances", () => {
    const component = resource(dev.plan, T.component, "api");
    const ours = resourcesOfType(dev.plan, T.firewall).filter((f) => f.parent === component.urn);
    expect(ours.map((f) => f.name)).toEqual(["api-allow-lb"]);
    const f = inputs(ours[0] as PlanResource);
    expect(f.direction).toBe("INGRESS");
    expect(f.sourceRanges).toEqual(["35.191.0.0/16", "130.211.0.0/22"]);
    expect(f.sourceRanges).toEqual([...GOOGLE_FRONT_END_RANGES]);
    expect(f.allows).toEqual([{ protocol: "tcp", ports: ["8080"] }]);
    expect(f.denies).toBeUndefined();
    expect(f.network).toBe("https://mock.googleapis.com/network/core");
    const tags = list(get(dev.plan, T.template, "api-template").tags);
    expect(tags).toHaveLength(1);
    expect(f.targetTags).toEqual(tags);
    // Beats the network's deny-all ingress rule.
    expect(f.priority).toBeLessThan(Number(get(dev.plan, T.firewall, "core-deny-ingress").priority));
  });

  it("GIVEN an MlopsVpc WHEN synthesized THEN the instance group waits for Cloud NAT while the template and the load balancer do not", () => {
    const nat = resource(dev.plan, T.nat, "core-nat").urn;
    const router = resource(dev.plan, T.router, "core-router").urn;
    const template = resource(dev.plan, T.template, "api-template");
    expect(template.dependencies).not.toContain(nat);
    expect(template.propertyDependencies.networkInterfaces).toContain(resource(dev.plan, T.subnetwork, "core-private").urn);
    const group = resource(dev.plan, T.group, "api-group");
    expect(group.propertyDependencies.distributionPolicyZones).toContain(nat);
    const front = [
      resource(dev.plan, T.backend, "api-backend"),
      resource(dev.plan, T.rule, "api-https"),
      resource(dev.plan, T.rule, "api-http"),
      resource(dev.plan, T.address, "api-address"),
      resource(dev.plan, T.httpsProxy, "api-https"),
      resource(dev.plan, T.firewall, "api-allow-lb"),
    ];
    for (const r of front) {
      expect(r.dependencies, r.urn).not.toContain(nat);
      expect(r.dependencies, r.urn).not.toContain(router);
    }
  });

  it("GIVEN a domain WHEN synthesized THEN the service's url is the domain over HTTPS, its address the reserved IP, its ids the backend and the group", () => {
    expect(dev.plan.outputs).toEqual({
      url: "https://api.example.com",
      address: IP,
      loadBalancerId: "api-backend-id",
      scalingGroupId: "api-group-id",
    });
  });

  it("GIVEN the dev profile WHEN synthesized THEN request logs are kept 30 days in a bucket of their own, deleted with the stack, and nothing is protected", () => {
    const bucket = resource(dev.plan, T.logBucket, "api-access-logs");
    expect(inputs(bucket)).toMatchObject({ retentionDays: 30, location: "global", project: "acme-ml" });
    expect(bucket.retainOnDelete).toBe(false);
    const sink = get(dev.plan, T.logSink, "api-access-logs-sink");
    expect(sink.destination).toBe(`logging.googleapis.com/projects/acme-ml/locations/global/buckets/${inputs(bucket).bucketId}`);
    // The plan's id, then the number GCP gave the backend service at creation: new after destroy + up.
    expect(inputs(bucket).bucketId).toBe(`${dev.decisions.gcp.accessLogBucketId}-7301928374650192`);
    expect(str(inputs(bucket).bucketId).length).toBeLessThanOrEqual(100);
    expect(sink.filter).toBe(
      `resource.type="http_load_balancer" AND resource.labels.backend_service_name="${dev.decisions.gcp.names.backendService}"`,
    );
    const exclusion = resource(dev.plan, T.logExclusion, "api-access-logs-exclusion");
    expect(inputs(exclusion).filter).toBe(sink.filter);
    expect(exclusion.dependsOn).toContain(resource(dev.plan, T.logSink, "api-access-logs-sink").urn);
    expect(get(dev.plan, T.address, "api-address").deletionPolicy).toBeUndefined();
    expect(get(dev.plan, T.rule, "api-https").deletionPolicy).toBeUndefined();
  });

  it("GIVEN the prod profile WHEN synthesized THEN request logs are kept a year and outlive the stack, and the address and its rules refuse deletion", () => {
    const bucket = resource(prod.plan, T.logBucket, "api-access-logs");
    expect(inputs(bucket).retentionDays).toBe(365);
    expect(bucket.retainOnDelete).toBe(true);
    expect(get(prod.plan, T.address, "api-address").deletionPolicy).toBe("PREVENT");
    expect(get(prod.plan, T.rule, "api-https").deletionPolicy).toBe("PREVENT");
    expect(get(prod.plan, T.rule, "api-http").deletionPolicy).toBe("PREVENT");
  });
});

describe("InferenceService on GCP: GPUs", () => {
  let t4: Synthesized;
  let l4: Synthesized;
  beforeAll(async () => {
    t4 = await synthService({ ...DEFAULT_ARGS, compute: { cpu: 4, memoryGiB: 15, gpu: { type: "t4" } } });
    l4 = await synthService({ ...DEFAULT_ARGS, compute: { cpu: 4, memoryGiB: 16, gpu: { type: "l4" } } });
  });

  it("GIVEN a T4 WHEN synthesized THEN an N1 machine gets the GPU attached and stops for host maintenance", () => {
    const t = get(t4.plan, T.template, "api-template");
    expect(t.machineType).toBe("n1-standard-4");
    expect(t.guestAccelerators).toEqual([{ type: "nvidia-tesla-t4", count: 1 }]);
    expect(t.scheduling).toEqual({ provisioningModel: "STANDARD", automaticRestart: true, onHostMaintenance: "TERMINATE" });
    expect(list(t.disks).map(obj)[0]?.diskSizeGb).toBe(200);
    expect(obj(get(t4.plan, T.group, "api-group").autoHealingPolicies).initialDelaySec).toBe(600);
  });

  it("GIVEN an L4 WHEN synthesized THEN a G2 machine (GPU built in) is chosen, with nothing attached, and stops for host maintenance", () => {
    const t = get(l4.plan, T.template, "api-template");
    expect(t.machineType).toBe("g2-standard-4");
    expect(t.guestAccelerators).toBeUndefined();
    expect(obj(t.scheduling).onHostMaintenance).toBe("TERMINATE");
  });

  it.each([
    ["T4", () => t4],
    ["L4", () => l4],
  ])(
    "GIVEN a %s WHEN synthesized THEN cloud-init installs the COS driver before the container starts, and hands the container the GPU",
    (_, s) => {
      const config = cloudConfigOf(s().plan);
      const gpuUnit = file(config, GPU_UNIT_PATH);
      expect(gpuUnit).toContain("ExecStart=cos-extensions install gpu\n");
      expect(gpuUnit).toContain("ExecStartPost=mount --bind /var/lib/nvidia /var/lib/nvidia\n");
      expect(gpuUnit).toContain("ExecStartPost=mount -o remount,exec /var/lib/nvidia\n");
      expect(gpuUnit).toContain("Type=oneshot\n");

      const unit = file(config, SERVICE_UNIT_PATH);
      expect(unit).toContain("Requires=mlops-gpu.service\n");
      expect(unit).toMatch(/^After=.*mlops-gpu\.service$/m);
      const words = systemdWords(execStart(unit));
      expect(words).toEqual(
        expect.arrayContaining([
          "--volume=/var/lib/nvidia/lib64:/usr/local/nvidia/lib64",
          "--device=/dev/nvidia0:/dev/nvidia0",
          "--device=/dev/nvidiactl:/dev/nvidiactl",
          "--device=/dev/nvidia-uvm:/dev/nvidia-uvm",
        ]),
      );
      expect(words).not.toContain("--device=/dev/nvidia1:/dev/nvidia1");
      // Docker options go before the image.
      expect(words.indexOf("--device=/dev/nvidia0:/dev/nvidia0")).toBeLessThan(words.indexOf(IMAGE));
    },
  );
});

describe("InferenceService on GCP: choices", () => {
  const cidrs = Array.from({ length: 12 }, (_, i) => `198.51.${i}.0/24`);
  let custom: Synthesized;
  beforeAll(async () => {
    custom = await synthService({
      image: "ghcr.io/acme/api@sha256:0123",
      port: 9000,
      command: ["python", "-m", "server"],
      args: ["--model", "/models/$MODEL", "--label=50%"],
      env: { MODEL: "resnet", GREETING: 'say "hi" $HOME' },
      compute: { cpu: 2, memoryGiB: 8 },
      spot: { enabled: true, onDemandBase: 0 },
      scaling: { targetRequestsPerInstance: 1200 },
      loadBalancer: {
        stickiness: { enabled: true, durationSeconds: 7200 },
        idleTimeoutSeconds: 120,
        requestTimeoutSeconds: 900,
        waf: { mode: "detection" },
        allowedCidrs: cidrs,
        accessLogs: { enabled: false },
        tls: { enabled: false },
      },
    });
  });

  it("GIVEN TLS off WHEN synthesized THEN port 80 serves the backend through a plain HTTP proxy, with no certificate, TLS policy or redirect", () => {
    expect(resourcesOfType(custom.plan, T.certificate)).toEqual([]);
    expect(resourcesOfType(custom.plan, T.sslPolicy)).toEqual([]);
    expect(resourcesOfType(custom.plan, T.httpsProxy)).toEqual([]);
    expect(resourcesOfType(custom.plan, T.urlMap).map((r) => r.name)).toEqual(["api-urls"]);
    expect(resourcesOfType(custom.plan, T.rule).map((r) => r.name)).toEqual(["api-http"]);
    expect(get(custom.plan, T.httpProxy, "api-http").urlMap).toBe("api-urls-id");
    expect(get(custom.plan, T.rule, "api-http")).toMatchObject({ portRange: "80", target: "api-http-id" });
    expect(custom.plan.outputs.url).toBe(`http://${IP}`);
  });

  it("GIVEN a request-rate target WHEN synthesized THEN the backend counts rate per second with headroom and the autoscaler holds that rate", () => {
    const backends = list(get(custom.plan, T.backend, "api-backend").backends).map(obj);
    // 1200 a minute is 20 a second; held at 80% utilisation, so full at 25.
    expect(backends).toEqual([
      { group: "https://mock.googleapis.com/instancegroup/api-group", balancingMode: "RATE", maxRatePerInstance: 25, capacityScaler: 1 },
    ]);
    const policy = obj(get(custom.plan, T.autoscaler, "api-autoscaler").autoscalingPolicy);
    expect(policy.loadBalancingUtilization).toEqual({ target: 0.8 });
    expect(policy.cpuUtilization).toEqual({ target: 0.5 });
  });

  it("GIVEN stickiness WHEN synthesized THEN the backend hashes (RING_HASH) on a generated cookie for the duration, or the cookie would not hold", () => {
    expect(get(custom.plan, T.backend, "api-backend")).toMatchObject({
      localityLbPolicy: "RING_HASH",
      sessionAffinity: "GENERATED_COOKIE",
      affinityCookieTtlSec: 7200,
    });
  });

  it("GIVEN idle and request timeouts WHEN synthesized THEN idle is the proxy's keepalive and request the backend's timeout (and drain)", () => {
    expect(get(custom.plan, T.httpProxy, "api-http").httpKeepAliveTimeoutSec).toBe(120);
    expect(get(custom.plan, T.backend, "api-backend")).toMatchObject({ timeoutSec: 900, connectionDrainingTimeoutSec: 900 });
  });

  it("GIVEN spot WHEN synthesized THEN the group takes the BALANCED shape with redistribution off, where capacity is", () => {
    const group = get(custom.plan, T.group, "api-group");
    expect(group.distributionPolicyTargetShape).toBe("BALANCED");
    expect(obj(group.updatePolicy).instanceRedistributionType).toBe("NONE");
  });

  it("GIVEN an image outside Artifact Registry WHEN synthesized THEN no repository grant is made", () => {
    expect(resourcesOfType(custom.plan, T.repoMember)).toEqual([]);
  });

  it("GIVEN twelve allowed ranges WHEN synthesized THEN a Cloud Armor policy admits them in rules of ten, denies everyone else, and guards the backend", () => {
    const policy = resource(custom.plan, T.securityPolicy, "api-allowlist");
    const rules = list(inputs(policy).rules).map(obj);
    expect(inputs(policy).type).toBe("CLOUD_ARMOR");
    // The WAF rules (in preview: detection mode) come first, so admitted clients are inspected too.
    const waf = rules.filter((r) => obj(r.match).expr !== undefined);
    expect(waf).toHaveLength(9);
    for (const r of waf) expect(r).toMatchObject({ action: "deny(403)", preview: true });
    const allow = rules.filter((r) => obj(r.match).versionedExpr === "SRC_IPS_V1");
    expect(allow.map((r) => [r.action, r.priority])).toEqual([
      ["allow", 1000],
      ["allow", 1001],
      ["deny(403)", 2147483647],
    ]);
    expect(Math.max(...waf.map((r) => Number(r.priority)))).toBeLessThan(1000);
    expect(rules).toHaveLength(waf.length + allow.length);
    const ranges = (r: Record<string, unknown> | undefined) => obj(obj(r?.match).config).srcIpRanges;
    expect(ranges(allow[0])).toEqual(cidrs.slice(0, 10));
    expect(ranges(allow[1])).toEqual(cidrs.slice(10));
    expect(ranges(allow[2])).toEqual(["*"]);
    expect(get(custom.plan, T.backend, "api-backend").securityPolicy).toBe("https://mock.googleapis.com/securitypolicy/api-allowlist");
  });

  it("GIVEN spot WHEN synthesized THEN instances are spot VMs that are deleted on preemption and never restart themselves", () => {
    expect(get(custom.plan, T.template, "api-template").scheduling).toEqual({
      provisioningModel: "SPOT",
      preemptible: true,
      automaticRestart: false,
      onHostMaintenance: "TERMINATE",
      instanceTerminationAction: "DELETE",
    });
  });

  it("GIVEN a command, arguments and environment WHEN synthesized THEN the container gets them exactly, on its own port", () => {
    const config = cloudConfigOf(custom.plan);
    const unit = file(config, SERVICE_UNIT_PATH);
    expect(systemdWords(execStart(unit))).toEqual([
      "docker",
      "run",
      "--rm",
      "--name=model",
      "--publish=9000:9000",
      "--env-file=/etc/mlops/model.env",
      "--entrypoint",
      "python",
      "ghcr.io/acme/api@sha256:0123",
      "-m",
      "server",
      "--model",
      "/models/$MODEL",
      "--label=50%",
    ]);
    // Not a Google registry: no credential helper.
    expect(unit).not.toContain("docker-credential-gcr");
    expect(file(config, "/etc/mlops/model.env")).toBe('MODEL=resnet\nGREETING=say "hi" $HOME\n');
    expect(get(custom.plan, T.healthCheck, "api-health").httpHealthCheck).toEqual({ port: 9000, requestPath: "/health" });
    expect(get(custom.plan, T.group, "api-group").namedPorts).toEqual([{ name: "http", port: 9000 }]);
    expect(get(custom.plan, T.firewall, "api-allow-lb").allows).toEqual([{ protocol: "tcp", ports: ["9000"] }]);
  });

  it("GIVEN access logs off WHEN synthesized THEN the backend does not log and there is no log bucket or sink", () => {
    expect(get(custom.plan, T.backend, "api-backend").logConfig).toEqual({ enable: false });
    expect(resourcesOfType(custom.plan, T.logBucket).filter((r) => r.name.startsWith("api-"))).toEqual([]);
    expect(resourcesOfType(custom.plan, T.logSink).filter((r) => r.name.startsWith("api-"))).toEqual([]);
  });

  it("GIVEN an existing certificate WHEN synthesized THEN the HTTPS proxy uses it, no certificate is requested, and the url is the address", async () => {
    const id = "projects/acme-ml/global/sslCertificates/api";
    const { plan } = await synthService({ ...DEFAULT_ARGS, loadBalancer: { tls: { certificateId: id } } });
    expect(resourcesOfType(plan, T.certificate)).toEqual([]);
    expect(get(plan, T.httpsProxy, "api-https").sslCertificates).toEqual([id]);
    expect(plan.outputs.url).toBe(`https://${IP}`);
  });

  it("GIVEN TLS with redirectHttp off WHEN synthesized THEN only port 443 is served", async () => {
    const { plan } = await synthService({ ...DEFAULT_ARGS, loadBalancer: { tls: { domain: "api.example.com", redirectHttp: false } } });
    expect(resourcesOfType(plan, T.rule).map((r) => r.name)).toEqual(["api-https"]);
    expect(resourcesOfType(plan, T.httpProxy)).toEqual([]);
    expect(resourcesOfType(plan, T.urlMap).map((r) => r.name)).toEqual(["api-urls"]);
  });

  it("GIVEN gcp overrides WHEN synthesized THEN each lands on the resources of its role and nowhere else", async () => {
    const { plan } = await synthService({
      ...DEFAULT_ARGS,
      gcp: {
        overrides: {
          serviceAccount: { displayName: "model server" },
          instanceTemplate: { minCpuPlatform: "Intel Ice Lake" },
          instanceGroupManager: { description: "the group" },
          autoscaler: { description: "the autoscaler" },
          healthCheck: { checkIntervalSec: 30 },
          backendService: { description: "the backend" },
          urlMap: { description: "the url map" },
          httpsProxy: { quicOverride: "ENABLE" },
          sslPolicy: { profile: "RESTRICTED" },
          forwardingRule: { description: "a rule" },
          firewall: { description: "reviewed" },
        },
      },
    });
    expect(get(plan, T.account, "api-sa").displayName).toBe("model server");
    expect(get(plan, T.template, "api-template").minCpuPlatform).toBe("Intel Ice Lake");
    expect(get(plan, T.group, "api-group").description).toBe("the group");
    expect(get(plan, T.autoscaler, "api-autoscaler").description).toBe("the autoscaler");
    expect(get(plan, T.healthCheck, "api-health").checkIntervalSec).toBe(30);
    expect(get(plan, T.backend, "api-backend").description).toBe("the backend");
    expect(get(plan, T.urlMap, "api-urls").description).toBe("the url map");
    expect(get(plan, T.urlMap, "api-redirect").description).not.toBe("the url map");
    expect(get(plan, T.httpsProxy, "api-https").quicOverride).toBe("ENABLE");
    expect(get(plan, T.httpProxy, "api-http").quicOverride).toBeUndefined();
    expect(get(plan, T.sslPolicy, "api-tls")).toMatchObject({ profile: "RESTRICTED", minTlsVersion: "TLS_1_2" });
    for (const r of resourcesOfType(plan, T.rule)) expect(inputs(r).description, r.name).toBe("a rule");
    expect(get(plan, T.firewall, "api-allow-lb").description).toBe("reviewed");
    expect(get(plan, T.firewall, "core-deny-ingress").description).not.toBe("reviewed");
    // Shallow: what an override does not name keeps its value.
    expect(get(plan, T.template, "api-template").machineType).toBe("e2-standard-2");
  });
});

describe("InferenceService on GCP: what it refuses", () => {
  /** Runs the program, recording every resource type registered, and returns the error it failed with. */
  async function refused(args: ServiceArgs, config: Record<string, string> = {}): Promise<{ error: unknown; registered: string[] }> {
    const registered: string[] = [];
    const error = await synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        new InferenceService("api", { ...args, network: vpc.network });
      },
      {
        project: "p",
        stack: config["mlops:profile"] ?? "dev",
        config: { ...baseConfig, ...config },
        mocks: {
          newResource: (a) => {
            registered.push(a.type);
            return newResource(a);
          },
        },
      },
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    return { error, registered };
  }

  // The service's own resource types (the network's firewall, logging and NAT types are shared).
  const SERVICE_TYPES: string[] = [
    T.account,
    T.iamMember,
    T.template,
    T.healthCheck,
    T.group,
    T.autoscaler,
    T.backend,
    T.urlMap,
    T.address,
  ];

  it("GIVEN an internal load balancer with a managed certificate WHEN constructed THEN it fails naming loadBalancer.tls.domain, not suggesting a public one", async () => {
    const { error, registered } = await refused({
      ...DEFAULT_ARGS,
      loadBalancer: { scheme: "internal", tls: { domain: "api.example.com" } },
    });
    expect(String(error)).toMatch(
      /InferenceService "api": loadBalancer\.tls\.domain \(internal\) is not supported on gcp: .*certificateId/,
    );
    expect(String(error)).not.toContain("public");
    expect(registered).toContain("gcp:compute/network:Network");
    expect(registered.filter((t) => SERVICE_TYPES.includes(t))).toEqual([]);
  });

  it("GIVEN least requests and stickiness WHEN constructed THEN it fails naming both, since a cookie holds only under a hashing balancer", async () => {
    const { error, registered } = await refused({
      ...DEFAULT_ARGS,
      loadBalancer: { ...DEFAULT_ARGS.loadBalancer, algorithm: "leastRequests", stickiness: { enabled: true } },
    });
    expect(String(error)).toMatch(
      /loadBalancer\.algorithm \(leastRequests\) with loadBalancer\.stickiness is not supported on gcp: session affinity/,
    );
    expect(registered.filter((t) => SERVICE_TYPES.includes(t))).toEqual([]);
  });

  it("GIVEN an explicit scale-out cooldown WHEN constructed THEN it fails naming scaling.scaleOutCooldownSeconds, which GCP has no place for", async () => {
    const { error } = await refused({ ...DEFAULT_ARGS, scaling: { scaleOutCooldownSeconds: 120 } });
    expect(String(error)).toMatch(/scaling\.scaleOutCooldownSeconds is not supported on gcp: the autoscaler has no scale-out cooldown/);
  });

  it("GIVEN an idle timeout above the proxy's 1200 s WHEN constructed THEN it fails naming loadBalancer.idleTimeoutSeconds", async () => {
    const { error } = await refused({ ...DEFAULT_ARGS, loadBalancer: { ...DEFAULT_ARGS.loadBalancer, idleTimeoutSeconds: 1201 } });
    expect(String(error)).toMatch(/loadBalancer\.idleTimeoutSeconds \(1201\) must be 5 to 1200 on gcp/);
  });

  it("GIVEN an A3 machine with one H100 and no spot WHEN constructed THEN it fails: GCP offers it only as Spot or flex-start VMs", async () => {
    const { error } = await refused({ ...DEFAULT_ARGS, compute: { cpu: 8, memoryGiB: 64 }, gcp: { machineType: "a3-highgpu-1g" } });
    expect(String(error)).toMatch(
      /compute \(a3-highgpu-1g\) is not supported on gcp: A3 machine types with fewer than 8 GPUs are offered only as Spot/,
    );
  });

  it("GIVEN an image output outside Artifact Registry WHEN synthesized THEN it fails naming image", async () => {
    const { error } = await refused({ ...DEFAULT_ARGS, image: Promise.resolve("ghcr.io/acme/api:1") as unknown as string });
    expect(String(error)).toMatch(/InferenceService "api": image \(ghcr\.io\/acme\/api:1\) must be an Artifact Registry image/);
  });

  it("GIVEN spot with an on-demand base WHEN constructed THEN it fails naming spot.onDemandBase, since a group cannot mix spot and standard VMs", async () => {
    const { error, registered } = await refused({ ...DEFAULT_ARGS, spot: { enabled: true, onDemandBase: 1 } });
    expect(String(error)).toMatch(/InferenceService "api": spot\.onDemandBase is not supported on gcp/);
    expect(registered.filter((t) => SERVICE_TYPES.includes(t))).toEqual([]);
  });

  it("GIVEN spot in the prod profile WHEN synthesized THEN nothing is kept on demand and every instance is a spot VM", async () => {
    const prodSpot = await synthService({ ...DEFAULT_ARGS, spot: { enabled: true } }, { "mlops:profile": "prod" });
    expect(prodSpot.decisions.spot).toEqual({ enabled: true, onDemandBase: 0 });
    expect(obj(get(prodSpot.plan, T.template, "api-template").scheduling).provisioningModel).toBe("SPOT");
  });

  it("GIVEN a grace period above an hour WHEN constructed THEN it fails naming healthCheck.gracePeriodSeconds and creates none of the service's resources", async () => {
    const { error, registered } = await refused({ ...DEFAULT_ARGS, healthCheck: { gracePeriodSeconds: 5400 } });
    expect(String(error)).toMatch(/healthCheck\.gracePeriodSeconds is not supported on gcp: \(5400\) is above 3600/);
    expect(registered.filter((t) => SERVICE_TYPES.includes(t))).toEqual([]);
  });

  it("GIVEN access logs kept longer than a log bucket can WHEN constructed THEN it fails naming loadBalancer.accessLogs.retentionDays", async () => {
    const { error } = await refused({
      ...DEFAULT_ARGS,
      loadBalancer: { tls: { domain: "api.example.com" }, accessLogs: { retentionDays: 3653 } },
    });
    expect(String(error)).toMatch(/loadBalancer\.accessLogs\.retentionDays is not supported on gcp: \(3653\) is above 3650/);
  });

  it("GIVEN an environment value with a line break WHEN constructed THEN it fails naming the variable and creates none of the service's resources", async () => {
    const { error, registered } = await refused({ ...DEFAULT_ARGS, env: { OK: "fine", BAD: "two\nlines" } });
    expect(String(error)).toMatch(/InferenceService "api": env\.BAD \("two\\nlines"\) must be a single line/);
    expect(String(error)).not.toMatch(/env\.OK/);
    expect(registered.filter((t) => SERVICE_TYPES.includes(t))).toEqual([]);
  });

  it("GIVEN an image reference with a space WHEN constructed THEN it fails naming image", async () => {
    const { error } = await refused({ ...DEFAULT_ARGS, image: "us-docker.pkg.dev/acme/models/api:1 --privileged" });
    expect(String(error)).toMatch(/InferenceService "api": image .* must be a container image reference/);
  });
});

describe("GCP boot configuration", () => {
  it("GIVEN any arguments WHEN rendered THEN the user-data is valid cloud-config and systemd reads the exact arguments back", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary" }), { maxLength: 4 }),
        fc.array(fc.string({ unit: "binary" }), { maxLength: 4 }),
        fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), fc.stringMatching(/^[^\r\n\0]*$/), { maxKeys: 4 }),
        (command, args, env) => {
          const rendered = renderCloudConfig({ image: "ghcr.io/a/b:1", env, port: 8080, command, args, gpus: 0 });
          const config = parse(rendered) as CloudConfig;
          const unit = file(config, SERVICE_UNIT_PATH);
          // Every line of the unit is one directive: nothing user-given breaks out of its line.
          expect(unit.split("\n").filter((l) => l !== "" && !/^\[|^[A-Za-z]+=/.test(l))).toEqual([]);
          const words = systemdWords(execStart(unit));
          const [entrypoint, ...rest] = command;
          const expected = [...(entrypoint !== undefined ? ["--entrypoint", entrypoint] : []), "ghcr.io/a/b:1", ...rest, ...args];
          expect(words.slice(6)).toEqual(expected);
          expect(file(config, "/etc/mlops/model.env")).toBe(
            Object.entries(env)
              .map(([k, v]) => `${k}=${v}\n`)
              .join(""),
          );
        },
      ),
    );
  });
});
