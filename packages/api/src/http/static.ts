import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Context, MiddlewareHandler } from "hono";
import { getMimeType } from "hono/utils/mime";
import { type Encoding, preferredEncoding } from "./encoding";

/** Vite names these by content hash: a changed file gets a new name, so browsers may keep them for a year. */
const HASHED_PREFIX = "/assets/";
const HASHED_CACHE = "public, max-age=31536000, immutable";
/** The page and other fixed names: kept, but revalidated by ETag on every use. */
const FIXED_CACHE = "no-cache";
/**
 * Names a browser reads as a script or a manifest: when missing they answer 404, not the page, which would be read as
 * one (an old service worker checking for its update keeps running on a 404).
 */
const NEVER_THE_PAGE = /^\/[^/]*\.(?:js|webmanifest)$/;
const VARIANT_SUFFIX: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

type WebFile = {
  type: string;
  hash: string;
  plain: NonSharedBuffer;
  variants: Partial<Record<Encoding, NonSharedBuffer>>;
};

/** Every file of the build with its pre-compressed variants, read once: the app is small and never changes while running. */
function readBuild(webDist: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  const names = readdirSync(webDist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const all = new Set(names.map((entry) => join(entry.parentPath, entry.name)));
  for (const full of all) {
    if (full.endsWith(".br") || full.endsWith(".gz")) continue;
    const plain = readFileSync(full);
    const variants: WebFile["variants"] = {};
    for (const [encoding, suffix] of Object.entries(VARIANT_SUFFIX) as [Encoding, string][]) {
      if (all.has(full + suffix)) variants[encoding] = readFileSync(full + suffix);
    }
    const hash = createHash("sha256").update(plain).digest("base64url").slice(0, 22);
    const urlPath = `/${full.slice(webDist.length).split(/[\\/]/).filter(Boolean).join("/")}`;
    files.set(urlPath, { type: getMimeType(full) ?? "application/octet-stream", hash, plain, variants });
  }
  return files;
}

/** True when an `If-None-Match` list names this ETag (weakly compared, as the header asks) or is `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const value = tag.trim();
    return value === "*" || value.replace(/^W\//, "") === etag;
  });
}

function send(c: Context, path: string, file: WebFile): Response {
  const available = Object.keys(file.variants) as Encoding[];
  const encoding = preferredEncoding(c.req.header("Accept-Encoding"), available);
  const etag = encoding ? `"${file.hash}-${encoding}"` : `"${file.hash}"`;
  const headers: Record<string, string> = {
    "Content-Type": file.type,
    "Cache-Control": path.startsWith(HASHED_PREFIX) ? HASHED_CACHE : FIXED_CACHE,
    ETag: etag,
  };
  if (available.length > 0) headers.Vary = "Accept-Encoding";
  if (matchesEtag(c.req.header("If-None-Match"), etag)) return c.body(null, 304, headers);
  if (encoding) headers["Content-Encoding"] = encoding;
  const body = (encoding && file.variants[encoding]) || file.plain;
  return c.body(body, 200, headers);
}

/**
 * Serves the built web app: pre-compressed variants by `Accept-Encoding`, hashed assets cached for a year,
 * the page, the service worker (`/sw.js`) and the manifests revalidated by ETag on every use, so a new version
 * reaches phones at their next visit; client-side routes (/login, /admin/…) get the page. Undefined when not built.
 */
export function webApp(webDist: string): MiddlewareHandler | undefined {
  if (!existsSync(join(webDist, "index.html"))) return undefined;
  const files = readBuild(webDist);
  const page = files.get("/index.html");
  return async (c, next) => {
    const path = c.req.path;
    const read = c.req.method === "GET" || c.req.method === "HEAD";
    if (!read || path === "/api" || path.startsWith("/api/")) return next();
    const file = files.get(path);
    if (file) return send(c, path, file);
    // A missing hashed file is an old or mistyped name: answering with the page would be cached as a script.
    if (path.startsWith(HASHED_PREFIX) || NEVER_THE_PAGE.test(path) || !page) return next();
    return send(c, "/index.html", page);
  };
}
