// Bundles the server into one ESM file for `node`: no transpiler at run time.
// Native modules cannot be bundled; they stay production dependencies, loaded from node_modules.
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });

// The readings worker (decision 0014) is its own file beside the server, which starts it as a worker thread.
await build({
  entryPoints: { server: "src/server.ts", "readings-worker": "src/services/readings/worker.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["@libsql/client", "@node-rs/argon2"],
  // Bundled CommonJS packages call require() for Node's modules; ESM has none until given one.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  legalComments: "none",
  logLevel: "warning",
});
