/**
 * The hot paths of decisions 0004 and 0006 against their yardsticks, a read
 * idle and while 50 clients sign up, and the first page's bytes on the wire.
 */
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import type autocannon from "autocannon";
import { migrateDatabase, openDatabase } from "../src/db/client";
import { seedDemoIfEmpty } from "../src/seed/demo";
import { benchActivities, benchOffers, benchPoints, benchVolunteers } from "./data";
import { firstPage } from "./first-page";
import { DURATION_S, load, login, rssMb, start, stop, waitFor, type Row } from "./measure";

const CONNECTIONS = 50;
const READ_CONNECTIONS = 10;
const FIRST_PAGE_KB_MAX = 50;
const BASE = "http://127.0.0.1:18787";
const BARE = "http://127.0.0.1:18788";

const cpuOf = (row: Row) => row["server CPU µs/req"] ?? NaN;

/**
 * `run` between two runs of its yardstick: the ratio is against their mean.
 * Also the yardstick's server CPU per request over the run's: what the ratio
 * would be were both servers CPU-bound rather than waiting on the disk.
 */
async function bracketed(
  yardstick: () => Promise<Row>,
  run: () => Promise<Row>,
): Promise<{ rows: Row[]; ratio: number; cpuRatio: number }> {
  const before = await yardstick();
  const row = await run();
  const after = await yardstick();
  const mean = (f: (r: Row) => number) => (f(before) + f(after)) / 2;
  return {
    rows: [before, row, after],
    ratio:
      row["req/s"] /
      Math.max(
        1,
        mean((r) => r["req/s"]),
      ),
    cpuRatio: mean(cpuOf) / cpuOf(row),
  };
}

/** Each request a distinct (volunteer, shift) pair; shifts never overlap, so every answer is 201 confirmed or waitlisted. */
function signups(cookies: string[], shiftIds: number[]) {
  let n = 0;
  const requests: autocannon.Request[] = [
    {
      method: "POST",
      setupRequest: (req) => {
        const i = n++;
        const cookie = cookies[i % cookies.length] ?? "";
        const shiftId = shiftIds[Math.floor(i / cookies.length) % shiftIds.length];
        // As the web app sends it: a fresh Idempotency-Key per tap.
        return {
          ...req,
          path: `/api/shifts/${shiftId}/signups`,
          headers: { ...req.headers, cookie, origin: BASE, "idempotency-key": `bench-${i}-key` },
        };
      },
    },
  ];
  return { requests, attempted: () => n };
}

/** Points: each request a fresh Idempotency-Key, as the web app sends one per tap. */
function keyed(cookies: string[], path: string, body: string): autocannon.Request[] {
  let i = 0;
  return [
    {
      method: "POST",
      setupRequest: (req) => {
        const k = i++;
        return {
          ...req,
          path,
          body,
          headers: {
            ...req.headers,
            cookie: cookies[k % cookies.length] ?? "",
            origin: BASE,
            "content-type": "application/json",
            "idempotency-key": `bench-points-${path.length}-${k}`,
          },
        };
      },
    },
  ];
}

async function printFirstPage(): Promise<void> {
  const page = await firstPage(BASE);
  if ("missing" in page) return console.log(`first page: not measured, ${page.missing}`);
  console.log(
    `first page with accept-encoding: br: ${(page.totalBytes / 1024).toFixed(1)} KB on the wire (target ≤ ${FIRST_PAGE_KB_MAX} KB)`,
  );
  console.table(page.files);
}

export async function hotPaths(dir: string, now: number): Promise<void> {
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
  console.log(
    `hot paths data: demo street + 100,000 volunteers + 20,000 activities + 10,000 offers in ${Math.round((performance.now() - setupStart) / 1000)} s`,
  );

  const children: ChildProcess[] = [
    start("api", 18787, url),
    start("./bare-server.ts", 18788, `file:${join(dir, "bare.db")}`),
  ];
  const [api, bareServer] = children as [ChildProcess, ChildProcess];
  try {
    await waitFor(`${BASE}/api/health`);
    await waitFor(`${BARE}/bare`);
    const reads = [
      await load("GET /api/health", { url: `${BASE}/api/health`, connections: CONNECTIONS }),
      await load("GET /api/communities/1/grids (public)", {
        url: `${BASE}/api/communities/1/grids?limit=100`,
        connections: CONNECTIONS,
      }),
      await load("GET /api/me (session + grants)", {
        url: `${BASE}/api/me`,
        headers: { cookie: cookies[0] ?? "" },
        connections: CONNECTIONS,
      }),
    ];
    const bare = () =>
      load(
        "POST /bare (one insert, bare Hono)",
        { url: `${BARE}/bare`, method: "POST", connections: CONNECTIONS },
        bareServer,
      );
    const signing = signups(cookies, shiftIds);
    const signup = await bracketed(bare, () =>
      load("POST /api/shifts/:id/signups", { url: BASE, requests: signing.requests, connections: CONNECTIONS }, api),
    );
    const rssAfterSignup = rssMb(api);

    const read = (label: string) =>
      load(`GET /api/activities (${READ_CONNECTIONS} connections, ${label})`, {
        url: `${BASE}/api/activities?communityId=1&limit=20`,
        connections: READ_CONNECTIONS,
      });
    const idle = await read("idle");
    const [during, signupBeside] = await Promise.all([
      read(`while ${CONNECTIONS} clients sign up`),
      load("POST /api/shifts/:id/signups (beside the reads)", {
        url: BASE,
        requests: signing.requests,
        connections: CONNECTIONS,
      }),
    ]);

    // Matching through the API: a request of a demo resident, ranked against every volunteer of the street.
    const residentCookie = await login(BASE, "13800000007");
    const posted = await fetch(`${BASE}/api/requests`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, cookie: residentCookie },
      body: JSON.stringify({ kind: "wish", category: "companionship", description: "压测：陪伴" }),
    });
    const requestId = ((await posted.json()) as { id: number }).id;
    const workerCookie = await login(BASE, "13800000004");
    await fetch(`${BASE}/api/requests/${requestId}/matches`, { headers: { cookie: workerCookie } }); // the first call fills the candidate pool
    const matching = await load("GET /api/requests/:id/matches (100k volunteers, 10k offers, pool warm)", {
      url: `${BASE}/api/requests/${requestId}/matches`,
      headers: { cookie: workerCookie },
      connections: 1,
    });
    const listing = [
      await load("GET /api/activities (one client at a time)", {
        url: `${BASE}/api/activities?communityId=1&limit=20`,
        connections: 1,
      }),
      await load("GET /api/activities (volunteer, with suitability)", {
        url: `${BASE}/api/activities?communityId=1&limit=20`,
        headers: { cookie: cookies[1] ?? "" },
        connections: CONNECTIONS,
      }),
    ];

    const bare2 = () =>
      load(
        "POST /bare2 (two-row insert in one transaction, bare Hono)",
        { url: `${BARE}/bare2`, method: "POST", connections: CONNECTIONS },
        bareServer,
      );
    const redemptions = await bracketed(bare2, () =>
      load(
        "POST /api/store/items/:id/redemptions",
        {
          url: BASE,
          requests: keyed(cookies, `/api/store/items/${itemId}/redemptions`, "{}"),
          connections: CONNECTIONS,
        },
        api,
      ),
    );
    const transfers = await bracketed(bare2, () =>
      load(
        "POST /api/points/donations (transfer to the fund)",
        {
          url: BASE,
          requests: keyed(cookies, "/api/points/donations", JSON.stringify({ to: "fund", amount: 1, message: "" })),
          connections: CONNECTIONS,
        },
        api,
      ),
    );
    const ledger = await fetch(`${BASE}/api/points/verify`, {
      headers: { cookie: await login(BASE, "13800000002") },
    }).then((r) => r.json() as Promise<{ sound: boolean; entries: number; transfers: number }>);

    console.log(
      `\n${CONNECTIONS} connections unless said, ${DURATION_S} s per run; servers in their own processes on database files (WAL, synchronous=FULL)`,
    );
    console.table([
      ...reads,
      ...signup.rows,
      idle,
      during,
      signupBeside,
      ...listing,
      matching,
      ...redemptions.rows,
      ...transfers.rows.slice(1),
    ]);
    const both = (r: { ratio: number; cpuRatio: number }) =>
      `${r.ratio.toFixed(2)} (by CPU per request: ${r.cpuRatio.toFixed(2)})`;
    console.log(
      `sign-ups / bare insert route: ${both(signup)} (target ≥ 1.0); sign-ups attempted in both runs: ${signing.attempted()}`,
    );
    console.log(
      `redemptions / bare two-row insert: ${both(redemptions)}; transfers / bare two-row insert: ${both(transfers)} (target ≥ 0.8)`,
    );
    console.log(
      `a read's p99 while ${CONNECTIONS} clients sign up / idle: ${(during["p99 ms"] / Math.max(1, idle["p99 ms"])).toFixed(2)} (target ≤ 2)`,
    );
    console.log(
      `ledger after the runs: ${ledger.transfers} transfers, ${ledger.entries} entries, verification ${ledger.sound ? "sound" : "NOT SOUND"}`,
    );
    await printFirstPage();
    console.log(
      `API server RSS: ${rssAfterSignup.toFixed(0)} MB after the sign-up run, ${rssMb(api).toFixed(0)} MB at the end of the hot paths (target ≤ 300)`,
    );
  } finally {
    for (const child of children) await stop(child);
  }
}
