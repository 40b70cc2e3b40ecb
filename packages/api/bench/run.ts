/**
 * `pnpm bench`: starts the real server in a child process over a fresh demo
 * database and loads it from this process with autocannon. Prints figures;
 * asserts nothing (targets are read by people, not by unit tests).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const PORT = 18787;
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;

async function waitForHealth(timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return performance.now() - start;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("server did not become healthy");
}

async function login(phone: string): Promise<string> {
  const res = await fetch(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE },
    body: JSON.stringify({ phone, password: "demo12345" }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

async function load(title: string, path: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url: `${BASE}${path}`, connections: CONNECTIONS, duration: DURATION_S, headers });
  const errors = result.errors + result.non2xx;
  return { route: title, "req/s": Math.round(result.requests.average), "p50 ms": result.latency.p50, "p99 ms": result.latency.p99, errors };
}

const dir = mkdtempSync(join(tmpdir(), "tongxin-bench-"));
const server = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../src/server.ts", import.meta.url))], {
  env: { ...process.env, PORT: String(PORT), DATABASE_URL: `file:${join(dir, "bench.db")}`, SEED: "demo", LOG_LEVEL: "error" },
  stdio: ["ignore", "inherit", "inherit"],
});

try {
  const firstStartMs = await waitForHealth(60_000);
  const cookie = await login("13800000002");
  const rows = [
    await load("GET /api/health (baseline)", "/api/health"),
    await load("GET /api/communities/1/grids (public)", "/api/communities/1/grids?limit=100"),
    await load("GET /api/me (session + grants)", "/api/me", { cookie }),
    await load("GET /api/accounts (staff list, 50 rows)", "/api/accounts?communityId=1&limit=50", { cookie }),
  ];
  const rssMb = Number((await import("node:fs")).readFileSync(`/proc/${server.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
  console.log(`\nTongxin API benchmark: ${CONNECTIONS} connections, ${DURATION_S} s per route, server in its own process, file database`);
  console.log(`first start (create, migrate, seed demo data, listen): ${Math.round(firstStartMs)} ms; server RSS after load: ${rssMb.toFixed(0)} MB`);
  console.table(rows);
} finally {
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
