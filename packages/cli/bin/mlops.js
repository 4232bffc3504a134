#!/usr/bin/env node
// The CLI ships as TypeScript source, compiled on load by the same hook that runs the programs it plans.
require("@mlops-kit/testing/register");
// Node exits when nothing is left to wait for, even with our promise unsettled (a program awaiting a
// promise nothing will settle): that must not look like success.
let finished = false;
process.exitCode = 1;
process.on("exit", () => {
  if (!finished) process.stderr.write("error: the program stopped with work it never finished (a promise that never settles)\n");
});
require("../src/main.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    finished = true;
    process.exitCode = code;
  });
