// Programs the tests run load mlops-kit's build: rebuild its code from the mutated sources.
export default function setup(): void {
  require("../packages/mlops-kit/scripts/build").build({ types: false });
}
