/**
 * One size of issue 12's table: builds the database from the demo template,
 * starts the real server on it and reads every list with 10 connections, then
 * times the ledger's verification with the server's RSS before and after.
 */
import type { ChildProcess } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { API_TOKEN_RATE_POLICY } from "@tongxin/core";
import { openDatabase } from "../src/db/client";
import { FIGURES_REFRESH_MS } from "../src/services/dashboard/figures";
import { refreshTimes, type RefreshFigure } from "./dashboards";
import { buildSized, type Size, type SizedHandles } from "./sized-data";
import { load, login, rssMb, start, stop, waitFor } from "./measure";

const LIST_CONNECTIONS = 10;
const LIST_SECONDS = Number(process.env.BENCH_LIST_SECONDS ?? 3);
/** A slow list is read this many times per connection instead of for LIST_SECONDS: a timed run drops the requests still in flight at its end, which would cap p99 near the run's length. */
const SLOW_READS_PER_CONNECTION = 3;
const REQUEST_WAIT_S_MAX = 120;
const VERIFY_WAIT_MS_MAX = 300_000;
const PORT = 18789;
const BASE = `http://127.0.0.1:${PORT}`;

type List = {
  name: string;
  /** `{hotTopic}` stands for the sized data's topic with the most comments, `{hotHousehold}` for its most visited household. */
  path: string;
  as: Caller;
  /** Read for this long instead of LIST_SECONDS. */
  seconds?: number;
  /** Read this many times in all instead: a token has only so many calls a minute. */
  reads?: number;
};
type Caller = "anonymous" | "staff" | "volunteer" | "holder" | "admin" | "token";

const STREET_DASHBOARD = "/api/dashboards/street/1";

/** The lists of issue 12's table, then the newer ones (我的任务, inbox, the residents picker). */
export const LISTS: List[] = [
  { name: "GET /api/requests (staff)", path: "/api/requests?communityId=1&limit=20", as: "staff" },
  { name: "GET /api/requests?overdue=1", path: "/api/requests?communityId=1&overdue=1&limit=20", as: "staff" },
  { name: "GET /api/public/communities/1/board", path: "/api/public/communities/1/board", as: "anonymous" },
  { name: "GET /api/public/honor-roll", path: "/api/public/honor-roll?communityId=1", as: "anonymous" },
  { name: "GET /api/me/points", path: "/api/me/points", as: "volunteer" },
  { name: "GET /api/volunteers?q=zs", path: "/api/volunteers?communityId=1&q=zs&limit=20", as: "staff" },
  { name: "GET /api/activities", path: "/api/activities?communityId=1&limit=20", as: "anonymous" },
  { name: "GET /api/me/tasks/shifts", path: "/api/me/tasks/shifts", as: "volunteer" },
  { name: "GET /api/me/tasks/requests", path: "/api/me/tasks/requests", as: "holder" },
  { name: "GET /api/me/notifications", path: "/api/me/notifications", as: "volunteer" },
  { name: "GET /api/me/residents?q=张", path: `/api/me/residents?q=${encodeURIComponent("张")}`, as: "staff" },
  // Deliberation (issue 14): the desk by step and by status, the public page, commitments, meetings.
  { name: "GET topics?step=consult", path: "/api/communities/1/topics?step=consult&limit=20", as: "staff" },
  { name: "GET topics?status=proposed", path: "/api/communities/1/topics?status=proposed&limit=20", as: "volunteer" },
  { name: "GET /api/public/communities/1/topics", path: "/api/public/communities/1/topics", as: "anonymous" },
  { name: "GET commitments (staff)", path: "/api/communities/1/commitments?limit=20", as: "staff" },
  { name: "GET /api/public/communities/1/commitments", path: "/api/public/communities/1/commitments", as: "anonymous" },
  { name: "GET meetings (staff)", path: "/api/communities/1/meetings?limit=20", as: "staff" },
  { name: "GET a hot topic's comments", path: "/api/topics/{hotTopic}/comments?limit=20", as: "volunteer" },
  // 民情账 (issue 15): a much-visited household's page, the confirmations waiting.
  { name: "GET a household's care (staff)", path: "/api/households/{hotHousehold}/care", as: "staff" },
  { name: "GET care visits to confirm", path: "/api/communities/1/care/unconfirmed?limit=20", as: "staff" },
  // Other systems (issue 17): a district platform's token reading requests, the street admin's list of tokens.
  {
    name: "GET /api/requests (API token)",
    path: "/api/requests?communityId=1&limit=20",
    as: "token",
    reads: API_TOKEN_RATE_POLICY.limit / 2,
  },
  { name: "GET /api/streets/1/api-tokens", path: "/api/streets/1/api-tokens?limit=20", as: "admin" },
  // Read across a whole period of the figures job, so its refresh of every place runs during the reads.
  { name: "GET /api/dashboards/street/1", path: STREET_DASHBOARD, as: "admin", seconds: FIGURES_REFRESH_MS / 1000 + 5 },
];

export type ListFigure = { list: string; p50: number; p99: number; non2xx: number; reads: string };
export type SizedResult = {
  size: Size;
  buildS: number;
  counts: Record<string, number>;
  lists: ListFigure[];
  verify: string;
  rssEndMb: number;
  /** The street dashboard's first reading: computed on reading until the figures job has kept the street. */
  dashboardFirstMs: number;
  refresh: RefreshFigure[];
};

/** How long the server's start-up jobs get before the lists are read. */
const JOBS_SETTLE_MS = 15_000;

async function build(template: string, file: string, size: Size, now: number): Promise<SizedHandles> {
  for (const suffix of ["", "-wal", "-shm"])
    if (existsSync(template + suffix)) copyFileSync(template + suffix, file + suffix);
  const database = openDatabase(`file:${file}`);
  try {
    return await buildSized(database, file, size, now);
  } finally {
    database.close();
  }
}

async function verify(staff: string, rssBefore: number, rssAfter: () => number): Promise<string> {
  const startMs = performance.now();
  try {
    const res = await fetch(`${BASE}/api/points/verify`, {
      headers: { cookie: staff },
      signal: AbortSignal.timeout(VERIFY_WAIT_MS_MAX),
    });
    const report = (await res.json()) as { sound?: boolean; entries?: number };
    const ms = Math.round(performance.now() - startMs);
    return `${res.status} ${report.sound ? "sound" : "NOT SOUND"}, ${report.entries ?? "?"} entries in ${ms} ms; server RSS ${rssBefore.toFixed(0)} → ${rssAfter().toFixed(0)} MB`;
  } catch (error) {
    return `failed after ${Math.round(performance.now() - startMs)} ms (${String(error)}); server RSS before ${rssBefore.toFixed(0)} MB`;
  }
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** One client's time for the list, after a first read that warms the caches. */
async function probeMs(url: string, headers: Record<string, string>): Promise<number> {
  await fetch(url, { headers }).then((r) => r.arrayBuffer());
  const startMs = performance.now();
  await fetch(url, { headers }).then((r) => r.arrayBuffer());
  return performance.now() - startMs;
}

/** A list read by 10 connections: for LIST_SECONDS, or, when that would see only a few answers, a fixed number of reads. */
async function readList(list: List, headers: Record<string, string>, handles: SizedHandles): Promise<ListFigure> {
  const url =
    BASE +
    list.path
      .replace("{hotTopic}", String(handles.hotTopicId))
      .replace("{hotHousehold}", String(handles.hotHouseholdId));
  const seconds = list.seconds ?? LIST_SECONDS;
  const slow = (await probeMs(url, headers)) * LIST_CONNECTIONS * SLOW_READS_PER_CONNECTION > seconds * 1000;
  const amount = list.reads ?? LIST_CONNECTIONS * SLOW_READS_PER_CONNECTION;
  const counted = slow || list.reads !== undefined;
  const row = await load(list.name, {
    url,
    connections: LIST_CONNECTIONS,
    headers,
    timeout: REQUEST_WAIT_S_MAX,
    ...(counted ? { amount } : { duration: seconds }),
  });
  return {
    list: list.name,
    p50: row["p50 ms"],
    p99: row["p99 ms"],
    non2xx: row.non2xx + row.errors,
    reads: counted ? String(amount) : `${seconds} s`,
  };
}

/** A read token for the whole street, issued by its admin as a district platform would get one. */
async function issueToken(adminCookie: string): Promise<string> {
  const res = await fetch(`${BASE}/api/streets/1/api-tokens`, {
    method: "POST",
    headers: { cookie: adminCookie, origin: BASE, "content-type": "application/json" },
    body: JSON.stringify({ name: "区平台（压测）", access: "read", expiresInDays: 30 }),
  });
  const answer = (await res.json()) as { secret?: string };
  if (!res.ok || !answer.secret) throw new Error(`issuing a token failed: ${res.status}`);
  return answer.secret;
}

/** Builds `size` from the seeded template in `file`, measures, stops the server. */
export async function runSize(size: Size, template: string, file: string, now: number): Promise<SizedResult> {
  const buildStart = performance.now();
  const handles = await build(template, file, size, now);
  const buildS = Math.round((performance.now() - buildStart) / 1000);
  const api = start("api", PORT, `file:${file}`);
  try {
    await waitFor(`${BASE}/api/health`, 300_000);
    // The jobs that run at start (sweeps, reminders due over hundreds of thousands of sign-ups) finish before lists are timed.
    await new Promise((resolve) => setTimeout(resolve, JOBS_SETTLE_MS));
    const staff = await login(BASE, "13800000002");
    const admin = await login(BASE, "13800000001");
    const callers: Record<Caller, Record<string, string>> = {
      anonymous: {},
      staff: { cookie: staff },
      volunteer: { cookie: handles.volunteerCookie },
      holder: { cookie: handles.holderCookie },
      admin: { cookie: admin },
      token: { authorization: `Bearer ${await issueToken(admin)}` },
    };
    const firstMs = performance.now();
    await fetch(BASE + STREET_DASHBOARD, { headers: { cookie: admin } }).then((r) => r.arrayBuffer());
    const dashboardFirstMs = Math.round(performance.now() - firstMs);
    const lists: ListFigure[] = [];
    for (const list of LISTS) lists.push(await readList(list, callers[list.as], handles));
    const verified = await verify(staff, rssMb(api), () => (alive(api) ? rssMb(api) : 0));
    const rssEndMb = alive(api) ? rssMb(api) : 0;
    const refresh = await refreshTimes(file);
    return { size, buildS, counts: handles.counts, lists, verify: verified, rssEndMb, dashboardFirstMs, refresh };
  } finally {
    await stop(api);
  }
}
