#!/usr/bin/env node
// The CLI ships as TypeScript source, compiled on load by the same hook that runs the programs it plans.
require("@mlops-kit/testing/register");
require("../src/main.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
