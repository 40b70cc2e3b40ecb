import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { webApp } from "./static";

const SCRIPT = `console.log(${JSON.stringify("同心".repeat(200))});`;
const PAGE = `<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-Ab12.js"></script></head><body><div id="root"></div></body></html>`;

const WORKER = `self.addEventListener("fetch", () => {}); // ${"同心".repeat(100)}`;
const MANIFEST = JSON.stringify({ name: "同心", start_url: "/", display: "standalone", icons: [] });

/** A build as vite leaves it: the page, a hashed script with its .br and .gz, a hashed image without. */
function fakeBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), "tongxin-web-"));
  mkdirSync(join(dist, "assets"));
  const write = (name: string, text: string) => {
    writeFileSync(join(dist, name), text);
    writeFileSync(join(dist, `${name}.br`), brotliCompressSync(text));
    writeFileSync(join(dist, `${name}.gz`), gzipSync(text));
  };
  write("index.html", PAGE);
  write("assets/index-Ab12.js", SCRIPT);
  write("sw.js", WORKER);
  write("manifest.webmanifest", MANIFEST);
  writeFileSync(join(dist, "assets/logo-Cd34.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return dist;
}

const dist = fakeBuild();
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function server() {
  const app = new Hono();
  app.get("/api/health", (c) => c.json({ status: "ok" }));
  const web = webApp(dist);
  if (!web) throw new Error("the fake build was not found");
  app.use("*", web);
  return app;
}

describe("the built web app", () => {
  const app = server();

  it("sends a hashed script as brotli when the browser accepts it, with its type, Vary and a year's immutable caching", async () => {
    const res = await app.request("/assets/index-Ab12.js", {
      headers: { "Accept-Encoding": "gzip, deflate, br, zstd" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Encoding")).toBe("br");
    expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("Vary")).toBe("Accept-Encoding");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it("sends gzip to a browser without brotli, and the plain file to one that accepts neither", async () => {
    const gzipped = await app.request("/assets/index-Ab12.js", { headers: { "Accept-Encoding": "gzip, br;q=0" } });
    expect(gzipped.headers.get("Content-Encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(SCRIPT);
    const plain = await app.request("/assets/index-Ab12.js");
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
  });

  it("sends a file that has no compressed variant as it is, without Vary", async () => {
    const res = await app.request("/assets/logo-Cd34.png", { headers: { "Accept-Encoding": "br, gzip" } });
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Content-Encoding")).toBeNull();
    expect(res.headers.get("Vary")).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBe(4);
  });

  it("sends the page for client-side routes with no-cache and an ETag, and answers 304 when the browser has it", async () => {
    for (const path of ["/", "/login", "/admin/accounts"]) {
      const res = await app.request(path, { headers: { "Accept-Encoding": "br" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
      expect(res.headers.get("Cache-Control")).toBe("no-cache");
      expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(PAGE);
      const etag = res.headers.get("ETag");
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await app.request(path, { headers: { "Accept-Encoding": "br", "If-None-Match": `W/${etag}` } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
    }
  });

  it("sends the service worker as a script and the manifest as a manifest, both revalidated on every use", async () => {
    const worker = await app.request("/sw.js");
    expect([worker.status, worker.headers.get("Content-Type"), worker.headers.get("Cache-Control")]).toEqual([
      200,
      "text/javascript; charset=utf-8",
      "no-cache",
    ]);
    expect(await worker.text()).toBe(WORKER);
    const manifest = await app.request("/manifest.webmanifest", { headers: { "Accept-Encoding": "br" } });
    expect([manifest.headers.get("Content-Type"), manifest.headers.get("Cache-Control")]).toEqual([
      "application/manifest+json",
      "no-cache",
    ]);
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await manifest.arrayBuffer())).toString())).toMatchObject({
      name: "同心",
    });
  });

  it("answers 404 for a missing script or manifest at the top, never the page in its place", async () => {
    for (const path of ["/old-sw.js", "/manifest.fr.webmanifest"]) expect((await app.request(path)).status).toBe(404);
    expect((await app.request("/verify/QFHP26ZYCS")).status).toBe(200);
  });

  it("answers HEAD with the headers GET would send and no body", async () => {
    const res = await app.request("/login", { method: "HEAD", headers: { "Accept-Encoding": "gzip" } });
    expect([res.status, res.headers.get("Content-Encoding"), res.headers.get("Cache-Control")]).toEqual([
      200,
      "gzip",
      "no-cache",
    ]);
    expect(await res.text()).toBe("");
  });

  it("answers 200 when the ETag the browser holds is another encoding's or an old page's", async () => {
    const brotli = await app.request("/", { headers: { "Accept-Encoding": "br" } });
    const etag = brotli.headers.get("ETag") ?? "";
    const plain = await app.request("/", { headers: { "If-None-Match": etag } });
    expect(plain.status).toBe(200);
    expect(await plain.text()).toBe(PAGE);
    const old = await app.request("/", { headers: { "Accept-Encoding": "br", "If-None-Match": '"an-old-page"' } });
    expect(old.status).toBe(200);
  });

  it("answers 404 for a missing hashed file instead of the page, and leaves /api to the API", async () => {
    expect((await app.request("/assets/index-Old0.js")).status).toBe(404);
    expect((await app.request("/api/nothing-here")).status).toBe(404);
    expect(await (await app.request("/api/health")).json()).toEqual({ status: "ok" });
  });

  it("is absent when the app was not built", () => {
    expect(webApp(join(dist, "missing"))).toBeUndefined();
  });
});
