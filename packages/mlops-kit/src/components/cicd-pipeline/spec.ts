import type * as pulumi from "@pulumi/pulumi";
import * as z from "zod/mini";
import { commonFields, distinctEntries, overridesField } from "../../core/spec";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { RegistryInfo } from "../model-registry/info";
import { type CiCdPipelineArgs, OVERRIDE_ROLES } from "./args";

export * from "./args";

function isOutputLike(v: unknown): boolean {
  return typeof v === "object" && v !== null && ("apply" in v || v instanceof Promise);
}
const input = <T extends z.ZodMiniType>(plain: T) => z.union([plain, z.custom<pulumi.Input<z.output<T>>>(isOutputLike)]);
const nonEmpty = () => z.string().check(z.minLength(1));

/** GitHub owner and repository names: letters, digits, `-`, `_`, `.` (owner: `-` only, 39 at most). */
export const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\/[A-Za-z0-9._-]{1,100}$/;
/**
 * A branch name that is also safe inside an OIDC subject and a CEL string: git's ref rules
 * (git-check-ref-format) narrowed to the characters a subject needs; no `*`, so never a wildcard.
 */
export const BRANCH = /^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$)[A-Za-z0-9._/-]{1,200}$/;
/** GitHub environment names: up to 255 characters; no wildcard, quote or colon here, which a subject cannot hold. */
export const ENVIRONMENT = /^[A-Za-z0-9._ -]{1,255}$/;
/** A stage name becomes part of identity names (IAM role 64, service account 30): short DNS label. */
export const STAGE_NAME = /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/;
/** GitHub usernames or `org/team` slugs. */
const APPROVER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\/[A-Za-z0-9._-]{1,100})?$/;
const IMAGE_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const RELATIVE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/@+-]{1,200}$/;
const ONE_LINE = /^[^\r\n\0]+$/;

/** Five-field cron the three schedulers read alike (GitHub Actions, Cloud Scheduler, EventBridge Scheduler once converted). */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return "must be five-field cron (minute hour day-of-month month day-of-week), e.g. 0 3 * * MON";
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const numeric = /^(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?(,(\d{1,2}(-\d{1,2})?)(\/\d{1,2})?)*$/;
  for (const [f, what] of [
    [minute, "minute"],
    [hour, "hour"],
    [dom, "day of month"],
  ] as const) {
    if (!numeric.test(f)) return `has a ${what} field (${f}) that is not numbers, ranges, steps or *`;
  }
  if (!numeric.test(month) && !/^[A-Z]{3}(-[A-Z]{3})?(,[A-Z]{3}(-[A-Z]{3})?)*$/.test(month))
    return `has a month field (${month}) that is not valid`;
  // Numbers mean different days to AWS cron (1 = Sunday) and unix cron (0 = Sunday): names only.
  if (
    dow !== "*" &&
    !/^(SUN|MON|TUE|WED|THU|FRI|SAT)(-(SUN|MON|TUE|WED|THU|FRI|SAT))?(,(SUN|MON|TUE|WED|THU|FRI|SAT)(-(SUN|MON|TUE|WED|THU|FRI|SAT))?)*$/.test(
      dow,
    )
  ) {
    return "names days of the week (MON-FRI, SUN) or uses *: numbers mean different days to AWS and unix cron";
  }
  // AWS cron needs `?` in one of the two day fields; unix cron runs on either: only one can be set.
  if (dom !== "*" && dow !== "*") return "sets both a day of month and a day of week; set one and leave the other *";
  return undefined;
}

const stageSchema = z.strictObject({
  name: z.string().check(z.regex(STAGE_NAME, "must be a lowercase DNS label of at most 20 characters (it names the stage's identity)")),
  environment: z.optional(
    z.string().check(z.regex(ENVIRONMENT, "must be a GitHub environment name: letters, digits, spaces and ._- (no wildcard)")),
  ),
  approvers: z.optional(z.array(z.string().check(z.regex(APPROVER, "must be a GitHub user or org/team slug"))).check(distinctEntries())),
  approval: z.optional(z.boolean()),
  services: z.optional(z.array(nonEmpty()).check(distinctEntries())),
  pulumiStack: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.\-/]{1,100}$/, "must be a Pulumi stack name such as acme/platform/prod"))),
});

export const DEFAULT_STAGES = [
  { name: "staging", approval: false },
  { name: "production", approval: true },
] as const;

export const ciCdPipelineSchema = z
  .strictObject({
    ...commonFields,
    repository: z.string().check(z.regex(REPOSITORY, "must be a GitHub repository as owner/name, e.g. acme/ml-platform")),
    repositoryOwnerId: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,19}$/, "must be the owner's numeric GitHub id"))),
    branch: z._default(z.string().check(z.regex(BRANCH, "must be a branch name such as main (no wildcard)")), "main"),
    registry: z.custom<pulumi.Input<RegistryInfo>>(
      (v) => typeof v === "object" && v !== null,
      "is required: pass a ModelRegistry's `info`",
    ),
    services: z._default(
      z.array(
        z.custom<pulumi.Input<InferenceServiceInfo>>((v) => typeof v === "object" && v !== null, "must be an InferenceService's `info`"),
      ),
      [],
    ),
    stages: z.optional(
      z.array(stageSchema).check(
        z.minLength(1),
        z.maxLength(10),
        distinctEntries((s: { name: string }) => s.name),
      ),
    ),
    build: z._default(
      z.strictObject({
        imageName: z.optional(
          z.string().check(z.maxLength(128), z.regex(IMAGE_NAME, "must be an image name: lowercase letters, digits, . _ - and /")),
        ),
        dockerfile: z._default(z.string().check(z.regex(RELATIVE_PATH, "must be a relative path inside the repository")), "Dockerfile"),
        context: z._default(
          z.string().check(z.regex(/^\.$|^(?!\/)(?!.*\.\.)[A-Za-z0-9._/@+-]{1,200}$/, "must be a relative path inside the repository")),
          ".",
        ),
        testCommand: z.optional(z.string().check(z.regex(ONE_LINE, "must be a single-line shell command"))),
        model: z.optional(z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "must be a model name of the registry"))),
        cloudNative: z.optional(z.boolean()),
      }),
      { dockerfile: "Dockerfile", context: "." },
    ),
    retrain: z.optional(
      z.strictObject({
        schedule: z.string().check(
          z.superRefine((cron, ctx) => {
            const problem = cronProblem(cron);
            if (problem) ctx.addIssue({ code: "custom", message: problem });
          }),
        ),
        command: z.string().check(z.regex(ONE_LINE, "must be a single-line shell command")),
      }),
    ),
    aws: z.optional(z.strictObject({ oidcProviderArn: z.optional(input(nonEmpty())), overrides: overridesField(OVERRIDE_ROLES.aws) })),
    gcp: z.optional(
      z.strictObject({
        projectNumber: z.optional(z.string().check(z.regex(/^[1-9][0-9]{5,19}$/, "must be a numeric project number"))),
        poolGeneration: z.optional(z.int().check(z.gte(1), z.lte(999))),
        overrides: overridesField(OVERRIDE_ROLES.gcp),
      }),
    ),
    azure: z.optional(
      z.strictObject({ resourceGroupName: z.optional(input(nonEmpty())), overrides: overridesField(OVERRIDE_ROLES.azure) }),
    ),
  })
  .check(
    z.superRefine((spec, ctx) => {
      const envs = new Map<string, number>();
      (spec.stages ?? []).forEach((s, i) => {
        const env = s.environment ?? s.name;
        const at = envs.get(env);
        // One identity per environment subject: two stages on one environment would trust each other's jobs.
        if (at !== undefined)
          ctx.addIssue({ code: "custom", path: ["stages", i, "environment"], message: `is also stage ${at}'s environment` });
        envs.set(env, i);
      });
    }),
  );

export type CiCdPipelineSpec = z.output<typeof ciCdPipelineSchema>;

type Assert<T extends true> = T;
/** @internal */
export type _ArgsMatchSchema = Assert<CiCdPipelineArgs extends z.input<typeof ciCdPipelineSchema> ? true : false>;
