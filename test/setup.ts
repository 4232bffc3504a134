// Components load their cloud's backend with a synchronous `require`, as Pulumi's runtime
// would; under the test runner that needs a TypeScript hook for Node's own loader.
import "@mlops-kit/testing/register";
