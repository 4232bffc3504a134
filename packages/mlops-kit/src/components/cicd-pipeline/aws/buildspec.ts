// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub Actions expressions and shell variables, not template placeholders
import { stringify } from "yaml";
import type { RegistryInfo } from "../../model-registry/info";
import { registerCommand } from "../actions";
import type { CiCdPipelinePlan } from "../plan";

// CodeBuild buildspecs (CodeBuild User Guide, "Build specification reference", version 0.2),
// rendered with a YAML emitter. Values reach the build as environment variables, never spliced
// into commands: IMAGE, IMAGE_TAG (the commit), RETRAIN, STAGE, ASG_NAMES.

const LOGIN = 'aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${IMAGE%%/*}"';

/** Builds and pushes the image (and retrains first when the schedule asks), then registers the version. */
export function imageBuildspec(plan: CiCdPipelinePlan, registry: RegistryInfo): string {
  const pre = [LOGIN];
  if (plan.retrain) pre.push(`if [ "$RETRAIN" = "true" ]; then ${plan.retrain.command}; fi`);
  if (plan.build.testCommand) pre.push(plan.build.testCommand);
  const post = ['docker push "$IMAGE:$IMAGE_TAG"'];
  if (plan.build.model) post.push(registerCommand("aws", registry, plan.build.model, "$IMAGE:$IMAGE_TAG"));
  return stringify(
    {
      version: 0.2,
      phases: {
        pre_build: { commands: pre },
        build: { commands: [`docker build --file "${plan.build.dockerfile}" --tag "$IMAGE:$IMAGE_TAG" "${plan.build.context}"`] },
        post_build: { commands: post },
      },
    },
    { lineWidth: 0 },
  );
}

/**
 * Moves the stage's tag to the commit's image (ECR User Guide, "Retagging an image": the manifest
 * is put again under the new tag, no layers move) and refreshes the stage's Auto Scaling groups.
 */
export function deployBuildspec(): string {
  return stringify(
    {
      version: 0.2,
      phases: {
        build: {
          commands: [
            'REPOSITORY="${IMAGE#*/}"',
            'MANIFEST="$(aws ecr batch-get-image --repository-name "$REPOSITORY" --image-ids imageTag="$IMAGE_TAG" --query "images[0].imageManifest" --output text)"',
            // ECR refuses a put of the tag's current manifest (ImageAlreadyExistsException): only that is fine.
            'if ! OUT="$(aws ecr put-image --repository-name "$REPOSITORY" --image-tag "$STAGE" --image-manifest "$MANIFEST" 2>&1)"; then echo "$OUT"; echo "$OUT" | grep -q ImageAlreadyExistsException || exit 1; fi',
            // A group that cannot be refreshed fails the stage, not only the last one.
            'for group in $ASG_NAMES; do aws autoscaling start-instance-refresh --auto-scaling-group-name "$group" --preferences \'{"MinHealthyPercentage":100,"MaxHealthyPercentage":200}\' || exit 1; done',
          ],
        },
      },
    },
    { lineWidth: 0 },
  );
}
