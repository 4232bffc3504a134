import { describe, expect, it } from "vitest";
import { type NameKind, physicalName } from "./naming";

const scope = { project: "mlops-platform", stack: "aws-prod" };

// Each cloud's documented maximum, written out here rather than read from NAME_RULES, so a rule
// that drifts from the documentation fails. Sources as in naming.ts: S3 bucket naming rules, IAM
// quotas, ELB CreateLoadBalancer/CreateTargetGroup, CloudWatch Logs CreateLogGroup; GCP resource
// names (RFC 1035), service account ids, GCS bucket names, log bucket ids; Azure naming rules.
const DOCUMENTED_MAX: [NameKind, number][] = [
  ["awsS3Bucket", 63],
  ["awsIamRole", 64],
  ["awsLoadBalancer", 32],
  ["awsLogGroup", 512],
  ["gcpResource", 63],
  ["gcpServiceAccount", 30],
  ["gcpInstanceBaseName", 58],
  ["gcpBucket", 63],
  ["gcpLogBucket", 100],
  ["azureResourceGroup", 90],
  ["azureNetwork", 80],
  ["azureStorageAccount", 24],
  ["azureKeyVault", 24],
  ["azureContainerRegistry", 50],
  ["awsSageMakerName", 63],
  ["awsEcrRepository", 256],
  ["gcpKmsName", 63],
  ["azureMlWorkspace", 33],
  ["awsEksCluster", 100],
  ["gcpCluster", 40],
  ["awsFeatureGroup", 64],
  ["awsGlueDatabase", 255],
  ["gcpVertexFeatureResource", 60],
  ["gcpKeyRing", 63],
  ["azureRedis", 63],
  ["azureMlWorkspace", 33],
];

describe("physicalName: the clouds' length limits", () => {
  it.each(DOCUMENTED_MAX)("GIVEN %s and a long name THEN the name is cut to exactly %i characters", (kind, max) => {
    expect(physicalName(kind, ["a".repeat(600)], scope)).toHaveLength(max);
  });
});
