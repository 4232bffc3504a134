#!/usr/bin/env node
// The CLI ships as TypeScript source; tsx compiles it on load, as it does the programs it plans.
require("tsx/cjs");
require("../src/main.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
