#!/usr/bin/env node
// `pnpm build`: bundles the API (one ESM file for node) and builds the web app, then stamps the build
// with a hash of everything it was made from. With --if-stale (`pnpm start`), builds only when the
// build is missing or the stamp no longer matches: a content hash, so a checkout that only touches
// modification times does not rebuild.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pnpm } from "./pnpm.mjs";

process.chdir(new URL("..", import.meta.url).pathname);

const STAMP = "packages/api/dist/build-stamp";
const OUTPUTS = [
  "packages/api/dist/server.mjs",
  "packages/api/dist/readings-worker.mjs",
  "packages/web/dist/index.html",
];
const INPUTS = [
  "package.json",
  "pnpm-lock.yaml",
  "tsconfig.base.json",
  "scripts/build.mjs",
  "scripts/pnpm.mjs",
  "packages/core/package.json",
  "packages/core/src",
  "packages/api/package.json",
  "packages/api/bundle.mjs",
  "packages/api/src",
  "packages/web/package.json",
  "packages/web/vite.config.ts",
  "packages/web/index.html",
  "packages/web/public",
  "packages/web/src",
];
const TEST_FILE = /\.test\.tsx?$/;

// Inside `pnpm …`, npm_execpath is the pnpm that runs us: a script for node, or (pnpm 12) a native binary.
function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true })
    .map((name) => join(path, String(name)))
    .filter((file) => statSync(file).isFile() && !TEST_FILE.test(file));
}

function sourceHash() {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap(files).sort())
    hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

const hash = sourceHash();
const current =
  OUTPUTS.every((output) => existsSync(output)) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash;
if (process.argv.includes("--if-stale") && current) {
  console.log("build is up to date");
} else {
  const [command, args] = pnpm(["--filter", "@tongxin/api", "--filter", "@tongxin/web", "build"]);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(STAMP, hash);
}
