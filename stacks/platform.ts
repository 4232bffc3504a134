/**
 * The reference ML platform. Everything here is driven by stack configuration: the same program
 * deploys to AWS, GCP or Azure (`mlops:cloud`) in a dev or prod shape (`mlops:profile`).
 */
import * as pulumi from "@pulumi/pulumi";
import { MlopsVpc } from "mlops-kit";

const config = new pulumi.Config("platform");

const network = new MlopsVpc("platform", {
  cidr: config.get("cidr") ?? "10.0.0.0/16",
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

export const cloud = network.cloud;
export const networkId = network.networkId;
export const privateSubnetIds = network.privateSubnetIds;
export const networkInfo = network.network;
