import { isProdStack } from "./stack";

/** Config of rules whose minimum depends on the profile: a floor for every stack, a higher one in production. */
export function minimumSchema(what: string, minimumDays: number, prodMinimumDays: number) {
  return {
    properties: {
      minimumDays: { type: "integer" as const, minimum: 0, default: minimumDays, description: `Shortest ${what} allowed, in days.` },
      prodMinimumDays: {
        type: "integer" as const,
        minimum: 0,
        default: prodMinimumDays,
        description: `Shortest ${what} allowed in production stacks (mlops:profile prod, or a name matching prodStackPattern), in days.`,
      },
      prodStackPattern: { type: "string" as const, default: "prod$", description: "Regular expression matched against the stack name." },
    },
  };
}

export interface MinimumConfig {
  minimumDays: number;
  prodMinimumDays: number;
  prodStackPattern: string;
}

/** The minimum in force for the stack being checked, and why. */
export function minimumFor(config: MinimumConfig): { days: number; why: string } {
  return isProdStack(config.prodStackPattern)
    ? { days: config.prodMinimumDays, why: "in a production stack" }
    : { days: config.minimumDays, why: "the minimum" };
}
