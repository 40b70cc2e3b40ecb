/**
 * `pnpm crash`: the points survive a crash. Each run builds a database, starts
 * the real server in a child process, loads it with concurrent redemptions,
 * donations and hours confirmations (each paying points from the fund), kills
 * it with SIGKILL at a random moment, restarts it, and checks: every
 * acknowledged redemption, donation and earning is present, the ledger
 * verifies (sums zero, nothing negative, cache equal to entries, chain
 * unbroken), and the stock adds up. Prints what it found; exits 1 on any loss.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase, openDatabase, type Database } from "../src/db/client";
import { seedDemoIfEmpty } from "../src/seed/demo";
import { activities, shifts, signups, storeItems, teams, users } from "../src/db/schema";
import { benchPoints, benchVolunteers } from "./data";
import { eq } from "drizzle-orm";
import { must } from "@tongxin/core";

const RUNS = Number(process.env.CRASH_RUNS ?? 5);
const WORKERS = 24;
const STOCK = 100_000;
const PORT = 18797;
const BASE = `http://127.0.0.1:${PORT}`;
const HOUR_MS = 3_600_000;

const start = (url: string): ChildProcess =>
  spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../src/server.ts", import.meta.url))], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: url, SEED: "none", LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit"],
  });

async function healthy() {
  for (let i = 0; i < 400; i++) {
    if (
      await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("server did not start");
}

/** A finished shift of community 1 with every bench volunteer present: confirming each one's hours pays points. */
async function finishedShift(database: Database, userIds: number[], now: number): Promise<number> {
  const { db } = database;
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.communityId, 1)).limit(1);
  const startsAt = now - 3 * HOUR_MS;
  const [activity] = await db
    .insert(activities)
    .values({
      communityId: 1,
      teamId: must(team).id,
      organiserUserId: 1,
      title: "崩溃测试",
      description: "",
      category: "elderly",
      place: "社区",
      visibility: "public",
      status: "published",
      createdAt: now - 48 * HOUR_MS,
      publishedAt: now - 48 * HOUR_MS,
    })
    .returning({ id: activities.id });
  const [shift] = await db
    .insert(shifts)
    .values({
      activityId: must(activity).id,
      communityId: 1,
      startsAt,
      endsAt: startsAt + 2 * HOUR_MS,
      capacity: userIds.length,
      signupDeadline: startsAt,
      cancelDeadline: startsAt,
    })
    .returning({ id: shifts.id });
  await db.insert(signups).values(
    userIds.map((userId) => ({
      shiftId: must(shift).id,
      userId,
      status: "confirmed" as const,
      createdAt: startsAt - 24 * HOUR_MS,
      attendance: "present" as const,
      checkInAt: startsAt,
      checkOutAt: startsAt + 2 * HOUR_MS,
      attendanceMarkedBy: 1,
    })),
  );
  return must(shift).id;
}

type Acked = { redemptions: number[]; donations: number[]; hours: number[] };

async function load(
  cookies: string[],
  userIds: number[],
  staff: string,
  itemId: number,
  shiftId: number,
  acked: Acked,
) {
  let n = 0;
  const post = (path: string, cookie: string, body: unknown, key?: string) =>
    fetch(`${BASE}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, cookie, ...(key ? { "idempotency-key": key } : {}) },
      body: JSON.stringify(body),
    });
  const worker = async () => {
    for (;;) {
      const i = n++;
      const who = i % cookies.length;
      try {
        if (i % 3 === 0) {
          const res = await post(`/api/store/items/${itemId}/redemptions`, must(cookies[who]), {}, `crash-r-${i}`);
          if (res.status === 201) acked.redemptions.push(((await res.json()) as { redemptionId: number }).redemptionId);
        } else if (i % 3 === 1) {
          const res = await post(
            "/api/points/donations",
            must(cookies[who]),
            { to: "fund", amount: 1, message: "" },
            `crash-d-${i}`,
          );
          if (res.status === 201) acked.donations.push(((await res.json()) as { transferId: number }).transferId);
        } else {
          const userId = must(userIds[Math.floor(i / 3) % userIds.length]);
          const res = await post(`/api/shifts/${shiftId}/hours`, staff, { entries: [{ userId }] });
          const outcome = res.ok
            ? ((await res.json()) as { outcomes: { ok: boolean; hoursId?: number }[] }).outcomes[0]
            : undefined;
          if (outcome?.ok) acked.hours.push(must(outcome.hoursId));
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
}

async function login(phone: string) {
  const res = await fetch(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE },
    body: JSON.stringify({ phone, password: "demo12345" }),
  });
  return must(must(res.headers.get("set-cookie")).split(";")[0]);
}

const countIn = async (database: Database, table: string, column: string, ids: (number | string)[]) =>
  ids.length === 0
    ? 0
    : Number(
        must(
          (
            await database.client.execute({
              sql: `select count(*) n from ${table} where ${column} in (${ids.map(() => "?").join(",")})`,
              args: ids,
            })
          ).rows[0],
        ).n,
      );

async function oneRun(run: number) {
  const dir = mkdtempSync(join(tmpdir(), "tongxin-crash-"));
  const url = `file:${join(dir, "crash.db")}`;
  try {
    const now = Date.now();
    const setup = openDatabase(url);
    await migrateDatabase(setup);
    await seedDemoIfEmpty(setup.db, now);
    const cookies = await benchVolunteers(setup, 1_000, 1_000, now);
    const { itemId } = await benchPoints(setup, 1_000, now);
    await setup.db.update(storeItems).set({ stock: STOCK }).where(eq(storeItems.id, itemId));
    const userIds = (
      await setup.db.select({ id: users.id }).from(users).where(eq(users.passwordHash, "bench-no-login"))
    )
      .map((u) => u.id)
      .filter((_, i) => i % 5 === 0);
    const shiftId = await finishedShift(setup, userIds, now);
    setup.close();

    let server = start(url);
    await healthy();
    const staff = await login("13800000002");
    const acked: Acked = { redemptions: [], donations: [], hours: [] };
    const killAfterMs = 300 + Math.floor(Math.random() * 1700);
    const loading = load(cookies, userIds, staff, itemId, shiftId, acked);
    await new Promise((r) => setTimeout(r, killAfterMs));
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGKILL");
    await Promise.all([loading, exited]);

    server = start(url);
    await healthy();
    const report = (await (
      await fetch(`${BASE}/api/points/verify`, { headers: { cookie: await login("13800000002") } })
    ).json()) as {
      sound: boolean;
      sum: number;
      negative: string[];
      unbalanced: number[];
      chainBreaks: number[];
      cacheMismatches: string[];
      entries: number;
    };
    const check = openDatabase(url);
    const found = {
      redemptions: await countIn(check, "redemptions", "id", acked.redemptions),
      redemptionTransfers: await countIn(
        check,
        "ledger_transfers",
        "idempotency_key",
        acked.redemptions.map((id) => `redemption:${id}`),
      ),
      donations: await countIn(check, "ledger_transfers", "id", acked.donations),
      earnings: await countIn(
        check,
        "earnings",
        "cause",
        acked.hours.map((id) => `hours:${id}`),
      ),
    };
    const stock = await check.client.execute({
      sql: "select stock + coalesce((select sum(quantity) from redemptions where item_id = ? and status <> 'expired'), 0) as total from store_items where id = ?",
      args: [itemId, itemId],
    });
    check.close();
    server.kill("SIGTERM");
    const lost =
      acked.redemptions.length -
      found.redemptions +
      (acked.redemptions.length - found.redemptionTransfers) +
      (acked.donations.length - found.donations) +
      (acked.hours.length - found.earnings);
    const stockAddsUp = Number(must(stock.rows[0]).total) === STOCK;
    return {
      run,
      "killed after ms": killAfterMs,
      redemptions: acked.redemptions.length,
      donations: acked.donations.length,
      earnings: acked.hours.length,
      lost,
      sum: report.sum,
      negative: report.negative.length,
      "chain/cache/balance issues":
        report.chainBreaks.length + report.cacheMismatches.length + report.unbalanced.length,
      "stock adds up": stockAddsUp,
      sound: report.sound && lost === 0 && stockAddsUp,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (let run = 1; run <= RUNS; run++) rows.push(await oneRun(run));
console.table(rows);
const failed = rows.filter((r) => !r.sound).length;
console.log(
  `${RUNS} crash runs: ${failed === 0 ? "every acknowledged write present, ledger sound, stock adds up" : `${failed} run(s) found a problem`}`,
);
process.exit(failed === 0 ? 0 : 1);
