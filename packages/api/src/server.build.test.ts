import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { get, type IncomingHttpHeaders } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BUNDLE = join(ROOT, "packages/api/dist/server.mjs");
const WORKER = join(ROOT, "packages/api/dist/readings-worker.mjs");
const WEB_ASSETS = join(ROOT, "packages/web/dist/assets");
const BUILD_MS_MAX = 240_000;
const START_MS_MAX = 60_000;
/** Issue 12: the page, its script, its preloads and its styles, as brotli on the wire. */
const FIRST_PAGE_BYTES_MAX = 50 * 1024;
/** A sentence only the English catalogue holds (the login title). */
const ENGLISH_ONLY = "Sign in to Tongxin";

const production = Object.keys(
  JSON.parse(readFileSync(join(ROOT, "packages/api/package.json"), "utf8")).dependencies as object,
);
let server: ChildProcess | undefined;
let base = "";
const dataDir = mkdtempSync(join(tmpdir(), "tongxin-built-"));

function buildIfStale(): string {
  const result = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs"), "--if-stale"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
  return result.stdout;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function waitForHealth(): Promise<Response> {
  const deadline = Date.now() + START_MS_MAX;
  for (;;) {
    const res = await fetch(`${base}/api/health`).catch(() => undefined);
    if (res) return res;
    if (Date.now() > deadline || server?.exitCode !== null) throw new Error("the built server did not start");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A GET as a browser sends it, read as it comes off the wire (fetch would decompress). */
function getRaw(path: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { headers: { "Accept-Encoding": "br" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

beforeAll(async () => {
  buildIfStale();
  const port = await freePort();
  base = `http://localhost:${port}`;
  const env = {
    PATH: process.env.PATH,
    PORT: String(port),
    DATABASE_URL: `file:${join(dataDir, "t.db")}`,
    SEED: "demo",
    LOG_LEVEL: "warn",
  };
  server = spawn(process.execPath, ["--max-old-space-size=256", BUNDLE], { cwd: tmpdir(), env, stdio: "ignore" });
}, BUILD_MS_MAX);

afterAll(() => {
  server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the built server", () => {
  it(
    "starts with node alone from another folder, migrates a fresh database and answers /api/health",
    async () => {
      const res = await waitForHealth();
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok" });
      const commandLine = readFileSync(`/proc/${server?.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      expect(commandLine).toEqual([process.execPath, "--max-old-space-size=256", BUNDLE]);
    },
    START_MS_MAX,
  );

  it.each([BUNDLE, WORKER])(
    "%s imports only Node's modules and the API's production dependencies: no tsx, no dev dependency",
    (file) => {
      const code = readFileSync(file, "utf8");
      const imported = [
        ...code.matchAll(/^import .* from "([^"]+)";$/gm),
        ...code.matchAll(/\brequire\("([^"]+)"\)/g),
      ].map((m) => m[1] ?? "");
      const allowed = (name: string) =>
        name.startsWith("node:") || builtinModules.includes(name) || production.includes(name);
      expect(imported.length).toBeGreaterThan(0);
      expect(imported.filter((name) => !allowed(name))).toEqual([]);
      expect(code).not.toMatch(/from "tsx|require\("tsx/);
    },
  );

  it(
    "works out the demo's warnings and a grid's figures in its readings worker (decision 0014)",
    async () => {
      await waitForHealth();
      const login = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ phone: "13800000001", password: "demo12345" }),
      });
      expect(login.status).toBe(200);
      const cookie = { cookie: login.headers.get("set-cookie")?.split(";")[0] ?? "" };
      let warnings: unknown[] = [];
      for (let tries = 0; warnings.length === 0 && tries < 60; tries += 1) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 500));
        const res = await fetch(`${base}/api/warnings?scope=street&id=1`, { headers: cookie });
        warnings = ((await res.json()) as { items: unknown[] }).items;
      }
      expect(warnings.length).toBeGreaterThan(0);
      const grid = await fetch(`${base}/api/dashboards/grids/1`, { headers: cookie });
      expect(grid.status).toBe(200);
      expect(((await grid.json()) as { indicators: unknown[] }).indicators.length).toBeGreaterThan(10);
    },
    START_MS_MAX,
  );

  it("does not rebuild when nothing changed", () => {
    const before = statSync(BUNDLE).mtimeMs;
    expect(buildIfStale()).toContain("build is up to date");
    expect(statSync(BUNDLE).mtimeMs).toBe(before);
  });

  it("sends the first page in Chinese within 50 KB of brotli, hashed files cached for a year, English left for later", async () => {
    await waitForHealth();
    const page = await getRaw("/login");
    expect([page.headers["content-encoding"], page.headers["cache-control"]]).toEqual(["br", "no-cache"]);
    const html = brotliDecompressSync(page.body).toString();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? "");
    expect(assets.some((path) => path.endsWith(".js")) && assets.some((path) => path.endsWith(".css"))).toBe(true);
    let wireBytes = page.body.byteLength;
    for (const path of assets) {
      const res = await getRaw(path);
      expect([res.status, res.headers["content-encoding"], res.headers["cache-control"]]).toEqual([
        200,
        "br",
        "public, max-age=31536000, immutable",
      ]);
      wireBytes += res.body.byteLength;
      expect(brotliDecompressSync(res.body).toString()).not.toContain(ENGLISH_ONLY);
    }
    expect(wireBytes).toBeLessThanOrEqual(FIRST_PAGE_BYTES_MAX);
    const english = readdirSync(WEB_ASSETS).filter(
      (name) => name.endsWith(".js") && readFileSync(join(WEB_ASSETS, name), "utf8").includes(ENGLISH_ONLY),
    );
    expect(english).toHaveLength(1);
  });
});
