import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|webmanifest)$/;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Writes `name.br` and `name.gz` beside each text file of the build, so the server sends them without compressing per request. */
function precompress(): Plugin {
  return {
    name: "tongxin:precompress",
    apply: "build",
    async writeBundle({ dir }) {
      if (!dir) return;
      const files = (await readdir(dir, { recursive: true })).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(
        files.map(async (file) => {
          const bytes = await readFile(join(dir, file));
          const size = bytes.byteLength;
          const br = await brotli(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: size },
          });
          const gzipped = await gz(bytes, { level: 9 });
          // A variant no smaller than the file is not worth a lookup.
          if (br.byteLength < size) await writeFile(join(dir, `${file}.br`), br);
          if (gzipped.byteLength < size) await writeFile(join(dir, `${file}.gz`), gzipped);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [
    solid(),
    precompress(),
    // The service worker (src/sw/sw.ts) with the list of every file of the build to precache: the page, every
    // chunk (also the lazily loaded pages, so any page opens offline), the styles and the icons. The manifests are
    // in public/ (one per language) and the page registers the worker itself (lib/worker.ts), after first paint.
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src/sw",
      filename: "sw.ts",
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ["**/*.{html,js,css,svg,png,webmanifest}"],
        // Hashed names change with their content: no revision needed.
        dontCacheBustURLsMatching: /^assets\//,
        // The charts' chunk is the largest; every chunk must be kept, or its page would not open offline.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
    }),
  ],
  server: { proxy: { "/api": "http://localhost:8787" } },
  build: {
    target: "es2020",
    // chinese-days builds its holiday tables as it loads, so the bundler keeps it wherever core is imported; only the
    // API's warnings use it (core warning.ts): unused, it stays out of the pages.
    rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !id.includes("/chinese-days/") } },
  },
});
