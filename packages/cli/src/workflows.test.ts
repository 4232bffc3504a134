import { describe, expect, it } from "vitest";
import { workflowOutputs } from "./workflows";

describe("mlops workflows", () => {
  it("GIVEN stack outputs THEN only values shaped as a pipeline's workflows are written", () => {
    const files = { build: "b", preview: "p", deploy: "d", retrain: "" };
    const found = workflowOutputs({ deliveryWorkflows: files, url: "https://x", other: { build: "b" } });
    expect(found).toEqual([["deliveryWorkflows", files]]);
  });
});
