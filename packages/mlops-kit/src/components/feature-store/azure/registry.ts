import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { FeaturesetContainerEntity } from "@pulumi/azure-native/machinelearningservices/featuresetContainerEntity";
import { FeaturesetVersion } from "@pulumi/azure-native/machinelearningservices/featuresetVersion";
import { FeaturestoreEntityContainerEntity } from "@pulumi/azure-native/machinelearningservices/featurestoreEntityContainerEntity";
import { FeaturestoreEntityVersion } from "@pulumi/azure-native/machinelearningservices/featurestoreEntityVersion";
import type { Workspace } from "@pulumi/azure-native/machinelearningservices/workspace";
import { Blob } from "@pulumi/azure-native/storage/blob";
import * as pulumi from "@pulumi/pulumi";
import { renderFeatureSetSpec } from "../plan-azure";
import type { AzureFeatureStore } from "./resources";
import { ROLES, type Step } from "./step";
import { grant } from "./stores";

/** Materialization jobs' Spark size (Azure ML feature store examples' default). */
const MATERIALIZATION_INSTANCE = "standard_e8s_v3";

/** Each entity as a container and its content-named version (index columns). */
export function createEntities(step: Step, workspace: Workspace): AzureFeatureStore["entities"] {
  const { plan, azure, at, tags, opts, role } = step;
  return Object.fromEntries(
    azure.entities.map((e) => {
      const container = new FeaturestoreEntityContainerEntity(
        `${plan.name}-entity-${e.name}`,
        {
          resourceGroupName: at.resourceGroupName,
          workspaceName: workspace.name,
          name: e.name,
          properties: { ...(e.description !== undefined ? { description: e.description } : {}), tags },
        },
        opts,
      );
      const version = new FeaturestoreEntityVersion(
        `${plan.name}-entity-${e.name}`,
        role(
          {
            resourceGroupName: at.resourceGroupName,
            workspaceName: workspace.name,
            name: container.name,
            version: e.version,
            properties: { indexColumns: e.indexColumns, ...(e.description !== undefined ? { description: e.description } : {}), tags },
          },
          "entityVersion",
        ),
        opts,
      );
      return [e.name, { container, version }];
    }),
  );
}

interface FeatureSetDeps {
  workspace: Workspace;
  offline: AzureFeatureStore["offline"];
  entities: AzureFeatureStore["entities"];
  /** Materialization needs its connections and the identity's roles. */
  waitFor: pulumi.Resource[];
}

/**
 * Each group as a feature set: its FeatureSetSpec.yaml, generated from the schema, uploaded to the
 * version's folder in the offline container, and a version pointing at that folder. Versions are
 * immutable and named by their content: a schema change is a new version beside the old.
 */
export function createFeatureSets(step: Step, deps: FeatureSetDeps): AzureFeatureStore["featureSets"] {
  const { plan, azure, at, tags, opts, role } = step;
  const root = pulumi.interpolate`abfss://${azure.offlineContainer}@${deps.offline.account.name}.dfs.core.windows.net/`;
  // The provider uploads a blob through the storage data plane as the deploying principal (the
  // account takes no shared keys), which needs a data role: on the offline container only. The
  // account is private, so the deployment runs inside the network: a service principal or managed
  // identity (README: FeatureStore on Azure).
  const deployer = getClientConfigOutput(step.opts.parent ? { parent: step.opts.parent } : undefined).objectId;
  const uploader = grant(step, "spec-uploader", deps.offline.container.id, ROLES.storageBlobDataContributor, deployer);
  return Object.fromEntries(
    azure.groups.map((g) => {
      const group = plan.groups.find((p) => p.name === g.group);
      const spec = new Blob(
        `${plan.name}-${g.group}-spec`,
        {
          resourceGroupName: at.resourceGroupName,
          accountName: deps.offline.account.name,
          containerName: deps.offline.container.name,
          blobName: `${g.specFolder}FeatureSetSpec.yaml`,
          contentType: "application/x-yaml",
          source: root.apply((r) => new pulumi.asset.StringAsset(renderFeatureSetSpec(g.spec, `${r}${g.sourceFolder}`))),
        },
        { ...opts, dependsOn: [uploader] },
      );
      const container = new FeaturesetContainerEntity(
        `${plan.name}-${g.group}`,
        {
          resourceGroupName: at.resourceGroupName,
          workspaceName: deps.workspace.name,
          name: g.featureSetName,
          properties: { ...(group?.description !== undefined ? { description: group.description } : {}), tags },
        },
        opts,
      );
      const entityVersions = Object.values(deps.entities).map((e) => e.version);
      const version = new FeaturesetVersion(
        `${plan.name}-${g.group}`,
        role(
          {
            resourceGroupName: at.resourceGroupName,
            workspaceName: deps.workspace.name,
            name: container.name,
            version: g.version,
            properties: {
              ...(group?.description !== undefined ? { description: group.description } : {}),
              entities: g.entities,
              specification: { path: pulumi.interpolate`${root}${g.specFolder}` },
              materializationSettings: {
                storeType: g.storeType,
                schedule: { triggerType: "Recurrence", frequency: azure.schedule.frequency, interval: azure.schedule.interval },
                resource: { instanceType: MATERIALIZATION_INSTANCE },
                // Serverless Spark sizes a session by cores and memory both: the feature store
                // tutorial's settings for standard_e8s_v3 (8 vCPU, 64 GiB).
                sparkConfiguration: {
                  "spark.driver.cores": "4",
                  "spark.driver.memory": "36g",
                  "spark.executor.cores": "4",
                  "spark.executor.memory": "36g",
                  "spark.executor.instances": "2",
                },
              },
              stage: plan.profile === "prod" ? "Production" : "Development",
              tags: { ...tags, ...(group?.tags ?? {}) },
            },
          },
          "featureSetVersion",
        ),
        { ...opts, dependsOn: [spec, ...entityVersions, ...deps.waitFor] },
      );
      return [g.group, { spec, container, version }];
    }),
  );
}
