// Bundles the server into one ESM file for `node`: no transpiler at run time.
// Native modules cannot be bundled; they stay production dependencies, loaded from node_modules.
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });

await build({
  entryPoints: ["src/server.ts"],
  outfile: "dist/server.mjs",
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
