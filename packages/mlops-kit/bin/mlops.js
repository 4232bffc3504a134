#!/usr/bin/env node
// The `mlops` command. An installed mlops-kit runs its build (dist/cli.js); a checkout of the
// repository runs the CLI from its sources (packages/cli), so an edit there needs no build.
const fs = require("node:fs");
const path = require("node:path");

const checkout = path.join(__dirname, "..", "..", "cli", "bin", "mlops.js");
if (!__dirname.split(path.sep).includes("node_modules") && fs.existsSync(checkout)) {
  require(checkout);
} else {
  require("../dist/cli.js")
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
