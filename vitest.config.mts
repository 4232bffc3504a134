import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    exclude: ["**/node_modules/**"],
    setupFiles: ["./test/setup.ts"],
    globalSetup: ["./test/global-setup.ts"],
    // Pulumi's runtime is a process-wide singleton: each file gets its own process, and tests in a
    // file run one after another.
    pool: "forks",
    isolate: true,
    sequence: { concurrent: false },
    // The JSON report feeds the closing "N passed, N failed" line of .ci/run.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
    // GitHub's workflow parser imports its JSON schema without an import attribute, which Node's
    // ESM loader refuses: Vite transforms it instead.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "main",
          include: ["packages/*/src/**/*.test.ts", "policies/*/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
        },
      },
      {
        // Policy rule tests never start the Pulumi runtime (they evaluate hand-made plans), so they
        // share processes: the provider SDKs load once per worker instead of once per rule.
        extends: true,
        test: { name: "rules", include: ["policies/*/rules/**/*.test.ts"], isolate: false },
      },
    ],
  },
});
