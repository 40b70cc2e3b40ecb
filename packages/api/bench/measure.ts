/** What every bench run shares: servers in child processes, autocannon runs, the server's RSS. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The API server runs as `pnpm start` runs it: the built bundle on plain node with a bounded heap. */
const API_SERVER = ["--max-old-space-size=256", here("../dist/server.mjs")];

/**
 * Starts the API server (`script` "api") or a bench script (relative to bench/, with tsx);
 * BENCH_CPU_PROF=<folder> profiles the API server (`node --cpu-prof`).
 */
export function start(script: "api" | `./${string}`, port: number, databaseUrl: string): ChildProcess {
  const profile =
    process.env.BENCH_CPU_PROF && script === "api"
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
  const args = script === "api" ? API_SERVER : ["--import", "tsx", here(script)];
  return spawn(process.execPath, [...profile, ...args], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, SEED: "none", LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Stops a child and waits for it to exit, so the next size starts on a quiet machine. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export async function waitFor(url: string, timeoutMs = 120_000) {
  const startMs = performance.now();
  while (performance.now() - startMs < timeoutMs) {
    try {
      await fetch(url, { method: url.endsWith("/bare") ? "OPTIONS" : "GET" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${url} did not answer`);
}

/** Signs a demo account in (password demo12345); answers its session cookie. */
export async function login(base: string, phone: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ phone, password: "demo12345" }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!res.ok || !cookie) throw new Error(`login ${phone} failed: ${res.status}`);
  return cookie;
}

export type Row = {
  run: string;
  "req/s": number;
  "p50 ms": number;
  "p99 ms": number;
  "server CPU µs/req"?: number;
  non2xx: number;
  errors: number;
};

const CLOCK_TICKS_PER_S = 100;

/** A child's CPU time (user + system) so far, from /proc (Linux). */
const cpuMs = (child: ChildProcess) => {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
};

/** An autocannon run; with `server`, also the CPU time that server spent per answered request. */
export async function load(
  run: string,
  options: autocannon.Options & { connections: number },
  server?: ChildProcess,
): Promise<Row> {
  const cpuBefore = server ? cpuMs(server) : 0;
  const r = await autocannon("amount" in options ? options : { duration: DURATION_S, ...options });
  const row: Row = {
    run,
    "req/s": Math.round(r.requests.average),
    "p50 ms": r.latency.p50,
    "p99 ms": r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
  if (server)
    row["server CPU µs/req"] = Math.round(((cpuMs(server) - cpuBefore) * 1000) / Math.max(1, r.requests.total));
  return row;
}

/** A child's resident set, from /proc (Linux). */
export const rssMb = (child: ChildProcess) =>
  Number(readFileSync(`/proc/${child.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
