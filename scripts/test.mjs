#!/usr/bin/env node
// The one test command: type-check, the house rules (lint, format, dead code), build the web app,
// run every vitest project (core, api, end-to-end in Chromium), then print "N passed, N failed" for CI.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { pnpm } from "./pnpm.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RESULTS = ".test-results/vitest.json";

function run(label, [command, args]) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  return result.status === 0;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    console.error(`Chromium is missing at ${CHROMIUM}; install Debian's package: sudo apt-get install -y chromium`);
    return false;
  }
  return run("install Debian's chromium", [
    "sh",
    ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"],
  ]);
}

let failedChecks = 0;
if (!run("type-check every package", pnpm(["-r", "typecheck"]))) failedChecks += 1;
if (!run("lint: layer rules and no non-null assertions", pnpm(["lint"]))) failedChecks += 1;
if (!run("format: the code is as the formatter writes it", pnpm(["format:check"]))) failedChecks += 1;
if (!run("knip: no unused files, exports or dependencies", pnpm(["knip"]))) failedChecks += 1;
if (!run("build the web app", pnpm(["build"]))) failedChecks += 1;
if (!ensureChromium()) failedChecks += 1;

mkdirSync(".test-results", { recursive: true });
const vitestOk = run(
  "vitest: core, api, end-to-end",
  pnpm(["exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${RESULTS}`]),
);

let passed = 0;
let failed = failedChecks;
if (existsSync(RESULTS)) {
  const report = JSON.parse(readFileSync(RESULTS, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (!vitestOk && report.numFailedTests === 0) failed += 1; // a suite that failed to load
} else {
  failed += 1;
}
if (passed === 0) failed += 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
