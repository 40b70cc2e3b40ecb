import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { defineConfig, type Plugin } from "vite";
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
  plugins: [solid(), precompress()],
  server: { proxy: { "/api": "http://localhost:8787" } },
  build: {
    target: "es2020",
    // chinese-days builds its holiday tables as it loads, so the bundler keeps it wherever core is imported; only the
    // API's warnings use it (core warning.ts): unused, it stays out of the pages.
    rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !id.includes("/chinese-days/") } },
  },
});
