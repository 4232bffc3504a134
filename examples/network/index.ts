import { MlopsVpc } from "mlops-kit";

// Two zones, one NAT gateway, flow logs kept 14 days; private paths to the cloud's APIs on.
const network = new MlopsVpc("ml", {
  cidr: "10.40.0.0/16",
  zones: 2,
  nat: "single",
  flowLogs: { retentionDays: 14 },
  tags: { team: "ml-platform" },
});

export const networkId = network.networkId;
export const privateSubnetIds = network.privateSubnetIds;
export const info = network.network;
