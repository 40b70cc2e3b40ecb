import type { MiddlewareHandler } from "hono";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { preferredEncoding } from "./encoding";

/** Below this a compressed body saves less than the work and headers cost. */
export const JSON_COMPRESS_BYTES_MIN = 1024;
// Per response, so a middle quality: most of the gain for a fraction of the time of the maximum.
const BROTLI_QUALITY = 5;
const JSON_TYPE = /^application\/json(;|$)/i;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Compresses JSON answers of the API (brotli or gzip, as the client accepts) from a small size up.
 * Only JSON, which the routes build whole in memory: downloads keep streaming untouched.
 */
export const compressJson: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  // Headers only: reading the body (or `c.header` after the route) turns the Node adapter's ready answer into a stream.
  if (res.headers.has("Content-Encoding") || !JSON_TYPE.test(res.headers.get("Content-Type") ?? "")) return;
  res.headers.append("Vary", "Accept-Encoding");
  const encoding = preferredEncoding(c.req.header("Accept-Encoding"), ["br", "gzip"]);
  if (!encoding || res.status === 204 || res.status === 304) return;
  const bytes = Buffer.from(await res.arrayBuffer());
  const body =
    bytes.byteLength < JSON_COMPRESS_BYTES_MIN
      ? bytes
      : encoding === "br"
        ? await brotli(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
            },
          })
        : await gz(bytes);
  c.res = new Response(body, res);
  if (body !== bytes) c.res.headers.set("Content-Encoding", encoding);
  c.res.headers.set("Content-Length", String(body.byteLength));
};
