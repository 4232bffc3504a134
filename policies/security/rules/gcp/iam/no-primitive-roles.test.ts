import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-primitive-roles";

const member = (role: string, type = "gcp:projects/iAMMember:IAMMember") =>
  planResource(type, "m", { project: "p", role, member: "serviceAccount:sa@p.iam.gserviceaccount.com" });

describe(rule.name, () => {
  it("GIVEN predefined roles on members, bindings and policies THEN it passes", async () => {
    const resources = [
      member("roles/aiplatform.user"),
      member("roles/storage.objectViewer", "gcp:storage/bucketIAMBinding:BucketIAMBinding"),
      planResource("gcp:projects/iAMPolicy:IAMPolicy", "pol", {
        project: "p",
        policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: ["user:a@b.c"] }] }),
      }),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN roles/owner on a project member THEN it fails", async () => {
    expect(await findings(rule, [member("roles/owner")])).toEqual(["role is roles/owner."]);
  });

  it("GIVEN roles/owner on an Artifact Registry repository member THEN it fails", async () => {
    expect(await findings(rule, [member("roles/owner", "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember")])).toEqual([
      "role is roles/owner.",
    ]);
  });

  it("GIVEN roles/editor on a bucket binding THEN it fails", async () => {
    expect(await findings(rule, [member("roles/editor", "gcp:storage/bucketIAMBinding:BucketIAMBinding")])).toEqual([
      "role is roles/editor.",
    ]);
  });

  it("GIVEN roles/owner in a policy document THEN it fails", async () => {
    const policy = planResource("gcp:projects/iAMPolicy:IAMPolicy", "pol", {
      project: "p",
      policyData: JSON.stringify({ bindings: [{ role: "roles/owner", members: ["user:a@b.c"] }] }),
    });
    expect(await findings(rule, [policy])).toEqual(["policyData binds roles/owner."]);
  });

  it("GIVEN roles/viewer forbidden by config THEN it fails", async () => {
    const config = { [rule.name]: { forbiddenRoles: ["roles/viewer"] } };
    expect(await findings(rule, [member("roles/viewer")], { config })).toEqual(["role is roles/viewer."]);
  });
});
