import { findings, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./blob-soft-delete";

const account = planResource("azure-native:storage:StorageAccount", "logs", { resourceGroupName: "rg", accountName: "logs123" });
const blobService = (deleteRetentionPolicy: Record<string, unknown>) =>
  planResource("azure-native:storage:BlobServiceProperties", "logs", {
    resourceGroupName: "rg",
    accountName: ref(account, "logs123"),
    blobServicesName: "default",
    deleteRetentionPolicy,
  });

describe(rule.name, () => {
  it("GIVEN blob soft delete for 7 days THEN it passes", async () => {
    expect(await findings(rule, [account, blobService({ enabled: true, days: 7 })])).toEqual([]);
  });

  it("GIVEN no blob service properties THEN it fails", async () => {
    expect(await findings(rule, [account])).toEqual([expect.stringContaining("has no blob service properties")]);
  });

  it("GIVEN soft delete off THEN it fails", async () => {
    expect(await findings(rule, [account, blobService({ enabled: false })])).toEqual([expect.stringContaining("blob soft delete is off")]);
  });

  it("GIVEN 3 days THEN it fails", async () => {
    expect(await findings(rule, [account, blobService({ enabled: true, days: 3 })])).toEqual([
      expect.stringContaining("keeps deleted blobs 3 days; the minimum is 7"),
    ]);
  });
});
