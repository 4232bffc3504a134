import { defineConfig } from "vitest/config";
import base from "../vitest.config.mjs";

// The repository's configuration, with two changes for mutant runs: the build before the run is
// code only (a mutant's declarations do not matter and take seconds to rebuild), and no JSON report.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    globalSetup: ["./mutation/global-setup.ts"],
    reporters: ["default"],
    outputFile: undefined,
  },
});
