// Programs the tests run (stacks, examples, the CLI) load mlops-kit's build, and the user-program
// fixtures type-check against its declarations, as a user's program does: build both from the
// sources under test first, so a test never sees a stale build.
export default function setup(): void {
  require("../packages/mlops-kit/scripts/build").build({ types: "stale" });
}
