import type { CatalogEntry } from "./types";

/**
 * EC2 instance types for model serving. Sizes from "Amazon EC2 instance types" (docs.aws.amazon.com
 * /ec2/latest/instancetypes); prices are on-demand Linux in us-east-1 from the EC2 On-Demand
 * pricing page. Prices only order the candidates; they are not billing data.
 */
export const AWS_INSTANCE_TYPES: readonly CatalogEntry[] = [
  { id: "t3.medium", cpu: 2, memoryGiB: 4, hourlyUsd: 0.0416 },
  { id: "t3.large", cpu: 2, memoryGiB: 8, hourlyUsd: 0.0832 },
  { id: "c6i.large", cpu: 2, memoryGiB: 4, hourlyUsd: 0.085 },
  { id: "m6i.large", cpu: 2, memoryGiB: 8, hourlyUsd: 0.096 },
  { id: "r6i.large", cpu: 2, memoryGiB: 16, hourlyUsd: 0.126 },
  { id: "t3.xlarge", cpu: 4, memoryGiB: 16, hourlyUsd: 0.1664 },
  { id: "c6i.xlarge", cpu: 4, memoryGiB: 8, hourlyUsd: 0.17 },
  { id: "m6i.xlarge", cpu: 4, memoryGiB: 16, hourlyUsd: 0.192 },
  { id: "r6i.xlarge", cpu: 4, memoryGiB: 32, hourlyUsd: 0.252 },
  { id: "t3.2xlarge", cpu: 8, memoryGiB: 32, hourlyUsd: 0.3328 },
  { id: "c6i.2xlarge", cpu: 8, memoryGiB: 16, hourlyUsd: 0.34 },
  { id: "m6i.2xlarge", cpu: 8, memoryGiB: 32, hourlyUsd: 0.384 },
  { id: "r6i.2xlarge", cpu: 8, memoryGiB: 64, hourlyUsd: 0.504 },
  { id: "c6i.4xlarge", cpu: 16, memoryGiB: 32, hourlyUsd: 0.68 },
  { id: "m6i.4xlarge", cpu: 16, memoryGiB: 64, hourlyUsd: 0.768 },
  { id: "r6i.4xlarge", cpu: 16, memoryGiB: 128, hourlyUsd: 1.008 },
  { id: "c6i.8xlarge", cpu: 32, memoryGiB: 64, hourlyUsd: 1.36 },
  { id: "m6i.8xlarge", cpu: 32, memoryGiB: 128, hourlyUsd: 1.536 },
  { id: "r6i.8xlarge", cpu: 32, memoryGiB: 256, hourlyUsd: 2.016 },
  { id: "m6i.16xlarge", cpu: 64, memoryGiB: 256, hourlyUsd: 3.072 },
  { id: "g4dn.xlarge", cpu: 4, memoryGiB: 16, gpu: { type: "t4", count: 1 }, hourlyUsd: 0.526 },
  { id: "g4dn.2xlarge", cpu: 8, memoryGiB: 32, gpu: { type: "t4", count: 1 }, hourlyUsd: 0.752 },
  { id: "g4dn.4xlarge", cpu: 16, memoryGiB: 64, gpu: { type: "t4", count: 1 }, hourlyUsd: 1.204 },
  { id: "g4dn.8xlarge", cpu: 32, memoryGiB: 128, gpu: { type: "t4", count: 1 }, hourlyUsd: 2.176 },
  { id: "g4dn.12xlarge", cpu: 48, memoryGiB: 192, gpu: { type: "t4", count: 4 }, hourlyUsd: 3.912 },
  { id: "g6.xlarge", cpu: 4, memoryGiB: 16, gpu: { type: "l4", count: 1 }, hourlyUsd: 0.8048 },
  { id: "g6.2xlarge", cpu: 8, memoryGiB: 32, gpu: { type: "l4", count: 1 }, hourlyUsd: 0.9776 },
  { id: "g6.4xlarge", cpu: 16, memoryGiB: 64, gpu: { type: "l4", count: 1 }, hourlyUsd: 1.3232 },
  { id: "g6.8xlarge", cpu: 32, memoryGiB: 128, gpu: { type: "l4", count: 1 }, hourlyUsd: 2.0144 },
  { id: "g6.12xlarge", cpu: 48, memoryGiB: 192, gpu: { type: "l4", count: 4 }, hourlyUsd: 4.6016 },
  { id: "g6.48xlarge", cpu: 192, memoryGiB: 768, gpu: { type: "l4", count: 8 }, hourlyUsd: 13.3504 },
  { id: "g5.xlarge", cpu: 4, memoryGiB: 16, gpu: { type: "a10g", count: 1 }, hourlyUsd: 1.006 },
  { id: "g5.2xlarge", cpu: 8, memoryGiB: 32, gpu: { type: "a10g", count: 1 }, hourlyUsd: 1.212 },
  { id: "g5.4xlarge", cpu: 16, memoryGiB: 64, gpu: { type: "a10g", count: 1 }, hourlyUsd: 1.624 },
  { id: "g5.8xlarge", cpu: 32, memoryGiB: 128, gpu: { type: "a10g", count: 1 }, hourlyUsd: 2.448 },
  { id: "g5.12xlarge", cpu: 48, memoryGiB: 192, gpu: { type: "a10g", count: 4 }, hourlyUsd: 5.672 },
  { id: "g5.48xlarge", cpu: 192, memoryGiB: 768, gpu: { type: "a10g", count: 8 }, hourlyUsd: 16.288 },
  { id: "p4d.24xlarge", cpu: 96, memoryGiB: 1152, gpu: { type: "a100-40gb", count: 8 }, hourlyUsd: 32.7726 },
  { id: "p4de.24xlarge", cpu: 96, memoryGiB: 1152, gpu: { type: "a100-80gb", count: 8 }, hourlyUsd: 40.9657 },
  { id: "p5.48xlarge", cpu: 192, memoryGiB: 2048, gpu: { type: "h100", count: 8 }, hourlyUsd: 98.32 },
];
