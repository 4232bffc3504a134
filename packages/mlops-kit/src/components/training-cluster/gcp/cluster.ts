import { Cluster, type ClusterArgs } from "@pulumi/gcp/container/cluster";
import { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import { KeyRing } from "@pulumi/gcp/kms/keyRing";
import { IAMMember } from "@pulumi/gcp/projects/iammember";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { gcpLabels } from "../../../core/tags";
import type { NetworkInfo } from "../../network/info";
import type { TrainingClusterPlan } from "../plan";
import { GKE_SECONDARY_RANGES, gkeMasterCidr } from "../plan-gcp";

/** Cloud KMS rotation: every 90 days. */
const KEY_ROTATION = `${90 * 24 * 3600}s`;

export interface GcpProject {
  project: pulumi.Output<string>;
  number: pulumi.Output<string>;
}

/**
 * The key for secrets and node boot disks, with encrypt/decrypt for the two service agents that use
 * it (GKE "Encrypt secrets at the application layer": the Kubernetes Engine service agent; "Use
 * customer-managed encryption keys": the Compute Engine service agent, for boot disks).
 */
export function createKey(plan: TrainingClusterPlan, gcp: GcpProject, region: pulumi.Output<string>, ctx: ProvisionContext) {
  const keep = { ...ctx.opts, retainOnDelete: plan.deletionProtection };
  // Key rings and keys can never be deleted (Cloud KMS "Object hierarchy": a destroy only forgets
  // the ring and destroys the key's versions), so a name derived from project and stack would be
  // taken at the next `up` after a destroy. The ring takes Pulumi's auto-name instead: the logical
  // name and a random suffix kept in state, new for every deployment.
  const keyRing = new KeyRing(`${plan.name}-keys`, { location: region, project: gcp.project }, keep);
  const key = new CryptoKey(
    `${plan.name}-key`,
    { name: "cluster", keyRing: keyRing.id, rotationPeriod: KEY_ROTATION, purpose: "ENCRYPT_DECRYPT", labels: gcpLabels(plan.tags) },
    keep,
  );
  const agents = {
    gke: pulumi.interpolate`serviceAccount:service-${gcp.number}@container-engine-robot.iam.gserviceaccount.com`,
    compute: pulumi.interpolate`serviceAccount:service-${gcp.number}@compute-system.iam.gserviceaccount.com`,
  };
  const grants = Object.entries(agents).map(
    ([who, member]) =>
      new CryptoKeyIAMMember(
        `${plan.name}-key-${who}`,
        { cryptoKeyId: key.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member },
        ctx.opts,
      ),
  );
  return { keyRing, key, grants };
}

/** The nodes' own service account with GKE's minimal node role (GKE "Use least privilege service accounts for nodes"). */
export function createNodeServiceAccount(plan: TrainingClusterPlan, gcp: GcpProject, ctx: ProvisionContext) {
  const account = new Account(
    `${plan.name}-nodes`,
    { accountId: plan.gcp.nodeServiceAccountId, displayName: `Nodes of training cluster ${plan.name}`, project: gcp.project },
    ctx.opts,
  );
  const role = new IAMMember(
    `${plan.name}-nodes`,
    { project: gcp.project, role: "roles/container.defaultNodeServiceAccount", member: account.member },
    ctx.opts,
  );
  return { account, grants: [role] };
}

/**
 * The GKE cluster: private nodes, the endpoint private unless the spec admits CIDRs (the network's
 * own range is always admitted), VPC-native on MlopsVpc's secondary ranges, Dataplane V2 (network
 * policy built in), Workload Identity, secrets encrypted with the key, shielded nodes, the default
 * pool removed once created.
 */
export function createCluster(
  plan: TrainingClusterPlan,
  a: {
    gcp: GcpProject;
    network: pulumi.Output<NetworkInfo>;
    keyId: pulumi.Output<string>;
    nodeAccount: Account;
    dependsOn: pulumi.Resource[];
  },
  ctx: ProvisionContext,
): Cluster {
  const net = a.network;
  const args: ClusterArgs = {
    name: plan.gcp.clusterName,
    project: a.gcp.project,
    location: net.region,
    network: net.networkId,
    subnetwork: net.privateSubnetIds.apply((ids) => ids[0] ?? ""),
    // Nodes in the network's zones (2 in dev, 3 in prod), so a regional pool's per-zone counts add
    // up to the plan's: GKE counts initial nodes per zone.
    nodeLocations: net.zones,
    minMasterVersion: plan.version,
    releaseChannel: { channel: plan.gcp.releaseChannel },
    // A cluster needs a pool to be created; it is removed at once and the pools below replace it.
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    nodeConfig: {
      serviceAccount: a.nodeAccount.email,
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      workloadMetadataConfig: { mode: "GKE_METADATA" },
    },
    privateClusterConfig: {
      enablePrivateNodes: true,
      enablePrivateEndpoint: !plan.endpoint.public,
      masterIpv4CidrBlock: net.reservedCidr.apply(gkeMasterCidr),
    },
    masterAuthorizedNetworksConfig: {
      cidrBlocks: net.cidr.apply((c) => [
        { cidrBlock: c, displayName: "network" },
        ...plan.endpoint.authorizedCidrs.map((cidrBlock, i) => ({ cidrBlock, displayName: `authorized-${i}` })),
      ]),
    },
    ipAllocationPolicy: {
      clusterSecondaryRangeName: GKE_SECONDARY_RANGES.pods,
      servicesSecondaryRangeName: GKE_SECONDARY_RANGES.services,
    },
    datapathProvider: "ADVANCED_DATAPATH",
    workloadIdentityConfig: { workloadPool: pulumi.interpolate`${a.gcp.project}.svc.id.goog` },
    databaseEncryption: { state: "ENCRYPTED", keyName: a.keyId },
    enableShieldedNodes: true,
    loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "WORKLOADS"] },
    monitoringConfig: { enableComponents: ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"] },
    deletionProtection: plan.deletionProtection,
    resourceLabels: gcpLabels(plan.tags),
  };
  return new Cluster(plan.name, withOverrides(args, plan.gcp.overrides, "cluster"), {
    ...ctx.opts,
    retainOnDelete: plan.deletionProtection,
    dependsOn: a.dependsOn,
  });
}
