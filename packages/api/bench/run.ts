/**
 * `pnpm bench`: builds a database file, starts the real server in a child
 * process and loads it from this process with autocannon. Prints figures;
 * asserts nothing (targets are read by people, not by unit tests).
 *   1. read paths of the foundation;
 *   2. sign-up under concurrent clients, side by side with a bare Hono route doing one insert;
 *   3. listing upcoming activities with 100k volunteers and 20k activities;
 *   4. points: redemptions and transfers (donations) under concurrent clients, beside a bare two-row insert in one transaction.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { migrateDatabase, openDatabase } from "../src/db/client";
import { seedDemoIfEmpty } from "../src/seed/demo";
import { benchActivities, benchOffers, benchPoints, benchVolunteers } from "./data";
import { must } from "@tongxin/core";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function start(script: string, port: number, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", here(script)], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, SEED: "none", LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

async function waitFor(url: string, timeoutMs = 60_000) {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    try {
      await fetch(url, { method: url.endsWith("/bare") ? "OPTIONS" : "GET" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${url} did not answer`);
}

async function login(phone: string): Promise<string> {
  const res = await fetch("http://127.0.0.1:18787/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://127.0.0.1:18787" },
    body: JSON.stringify({ phone, password: "demo12345" }),
  });
  if (!res.ok) throw new Error(`login ${phone} failed: ${res.status}`);
  return must(must(res.headers.get("set-cookie")).split(";")[0]);
}

type Row = { run: string; "req/s": number; "p50 ms": number; "p99 ms": number; non2xx: number; errors: number };

async function load(run: string, options: autocannon.Options): Promise<Row> {
  const r = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options });
  return { run, "req/s": Math.round(r.requests.average), "p50 ms": r.latency.p50, "p99 ms": r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

const rssMb = (child: ChildProcess) => Number(readFileSync(`/proc/${child.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;

const dir = mkdtempSync(join(tmpdir(), "tongxin-bench-"));
const children: ChildProcess[] = [];
try {
  const now = Date.now();
  const url = `file:${join(dir, "bench.db")}`;
  const database = openDatabase(url);
  const setupStart = performance.now();
  await migrateDatabase(database);
  // The demo accounts' passwords exist here: the bench signs in as the resident and the grid worker.
  await seedDemoIfEmpty(database.db, now);
  const cookies = await benchVolunteers(database, 100_000, 2_000, now);
  const shiftIds = await benchActivities(database, 20_000, 20, now);
  await benchOffers(database, 10_000, now);
  const { itemId } = await benchPoints(database, 1_000_000, now);
  database.close();
  console.log(`data: demo street + 100,000 volunteers + 20,000 activities + 10,000 offers in ${Math.round((performance.now() - setupStart) / 1000)} s`);

  const api = start("../src/server.ts", 18787, url);
  const bare = start("./bare-server.ts", 18788, `file:${join(dir, "bare.db")}`);
  children.push(api, bare);
  await waitFor("http://127.0.0.1:18787/api/health");
  await waitFor("http://127.0.0.1:18788/bare");
  const BASE = "http://127.0.0.1:18787";

  const reads = [
    await load("GET /api/health", { url: `${BASE}/api/health` }),
    await load("GET /api/communities/1/grids (public)", { url: `${BASE}/api/communities/1/grids?limit=100` }),
    await load("GET /api/me (session + grants)", { url: `${BASE}/api/me`, headers: { cookie: must(cookies[0]) } }),
  ];

  // Each request a distinct (volunteer, shift) pair; shifts never overlap, so every answer is 201 confirmed or waitlisted.
  let n = 0;
  const signup = await load("POST /api/shifts/:id/signups", {
    url: BASE,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const i = n++;
          const cookie = must(cookies[i % cookies.length]);
          const shiftId = must(shiftIds[Math.floor(i / cookies.length) % shiftIds.length]);
          // As the web app sends it: a fresh Idempotency-Key per tap.
          return { ...req, path: `/api/shifts/${shiftId}/signups`, headers: { ...req.headers, cookie, origin: BASE, "idempotency-key": `bench-${i}-key` } };
        },
      },
    ],
  });
  const rssAfterSignup = rssMb(api);
  const bareRow = await load("POST /bare (one insert, bare Hono)", { url: "http://127.0.0.1:18788/bare", method: "POST" });

  // Matching through the API: a request of a demo resident, ranked against every volunteer of the street.
  const residentCookie = await login("13800000007");
  const posted = await fetch(`${BASE}/api/requests`, { method: "POST", headers: { "content-type": "application/json", origin: BASE, cookie: residentCookie }, body: JSON.stringify({ kind: "wish", category: "companionship", description: "压测：陪伴" }) });
  const requestId = ((await posted.json()) as { id: number }).id;
  const workerCookie = await login("13800000004");
  await fetch(`${BASE}/api/requests/${requestId}/matches`, { headers: { cookie: workerCookie } }); // the first call fills the candidate pool
  const matching = await load("GET /api/requests/:id/matches (100k volunteers, 10k offers, pool warm)", { url: `${BASE}/api/requests/${requestId}/matches`, headers: { cookie: workerCookie }, connections: 1 });

  const listing = [
    await load("GET /api/activities (one client at a time)", { url: `${BASE}/api/activities?communityId=1&limit=20`, connections: 1 }),
    await load("GET /api/activities (anonymous, 20k activities)", { url: `${BASE}/api/activities?communityId=1&limit=20` }),
    await load("GET /api/activities (volunteer, with suitability)", { url: `${BASE}/api/activities?communityId=1&limit=20`, headers: { cookie: must(cookies[1]) } }),
  ];

  // Points: each request a fresh Idempotency-Key, as the web app sends one per tap.
  const keyed = (path: string, body: string) => {
    let i = 0;
    return [
      {
        method: "POST" as const,
        setupRequest: (req: autocannon.Request) => {
          const k = i++;
          return { ...req, path, body, headers: { ...req.headers, cookie: must(cookies[k % cookies.length]), origin: BASE, "content-type": "application/json", "idempotency-key": `bench-points-${path.length}-${k}` } };
        },
      },
    ];
  };
  const redemptions = await load("POST /api/store/items/:id/redemptions", { url: BASE, requests: keyed(`/api/store/items/${itemId}/redemptions`, "{}") });
  const transfers = await load("POST /api/points/donations (transfer to the fund)", { url: BASE, requests: keyed("/api/points/donations", JSON.stringify({ to: "fund", amount: 1, message: "" })) });
  const bare2 = await load("POST /bare2 (two-row insert in one transaction, bare Hono)", { url: "http://127.0.0.1:18788/bare2", method: "POST" });
  const ledger = await fetch(`${BASE}/api/points/verify`, { headers: { cookie: await login("13800000002") } }).then((r) => r.json() as Promise<{ sound: boolean; entries: number; transfers: number }>);

  console.log(`\n${CONNECTIONS} connections unless said, ${DURATION_S} s per run; servers in their own processes on database files (WAL, synchronous=FULL)`);
  console.table([...reads, signup, bareRow, ...listing, matching, redemptions, transfers, bare2]);
  console.log(`sign-up throughput / bare insert route: ${(signup["req/s"] / bareRow["req/s"]).toFixed(2)} (target ≥ 0.50); sign-ups attempted: ${n}`);
  console.log(`redemptions / bare two-row insert: ${(redemptions["req/s"] / bare2["req/s"]).toFixed(2)}; transfers / bare two-row insert: ${(transfers["req/s"] / bare2["req/s"]).toFixed(2)} (target ≥ 0.50)`);
  console.log(`ledger after the runs: ${ledger.transfers} transfers, ${ledger.entries} entries, verification ${ledger.sound ? "sound" : "NOT SOUND"}`);
  console.log(`API server RSS: ${rssAfterSignup.toFixed(0)} MB after the sign-up run, ${rssMb(api).toFixed(0)} MB at the end`);
} finally {
  for (const child of children) child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
