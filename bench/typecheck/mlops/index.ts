/**
 * The type-check subject: a small user program built with mlops-kit (a network with public and
 * private subnets in two zones and a NAT gateway per zone), as a one-cloud user writes it.
 */
import * as pulumi from "@pulumi/pulumi";
import { MlopsVpc } from "mlops-kit";

const network = new MlopsVpc("core", { cidr: "10.0.0.0/16", zones: 2, nat: "perZone" });

export const vpcId = network.networkId;
export const privateSubnetIds = network.privateSubnetIds;
export const stack = pulumi.getStack();
