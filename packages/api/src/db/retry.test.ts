import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Hono } from "hono";
import { sql } from "drizzle-orm";
import { startHranaServer, type HranaServer } from "../../test/hrana-server";
import { mapError } from "../http/errors";
import { openDatabase, type Database } from "./client";
import { retryWhileLockLost, type RetryPolicy } from "./retry";

const POLICY: RetryPolicy = { attemptsMax: 4, backoffMsBase: 1, random: () => 0.5 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TXN_MS_MAX = 300;

let dir: string;
let server: HranaServer;
let database: Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tongxin-retry-"));
  server = await startHranaServer(join(dir, "retry.db"), { txnMsMax: TXN_MS_MAX });
  database = openDatabase(server.url);
  await database.client.execute("create table marks (x integer not null)");
});
afterAll(async () => {
  database.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a lost write lock on a libSQL server", () => {
  it("a transaction that held the lock too long while another writer waited loses it, runs again from the start and commits once", async () => {
    let attempts = 0;
    let holding = () => {};
    const held = new Promise<void>((resolve) => (holding = resolve));
    const slow = database.db.transaction(async (tx) => {
      attempts += 1;
      await tx.run(sql`insert into marks values (1)`);
      if (attempts === 1) holding(), await sleep(3 * TXN_MS_MAX); // a slow request holding the lock
      await tx.run(sql`insert into marks values (2)`);
    });
    await held;
    await database.client.execute("insert into marks values (3)"); // waits for the lock; the server takes it back from the slow one
    await slow;
    expect(attempts).toBe(2);
    expect(server.expired()).toBe(1);
    expect((await database.client.execute("select x from marks order by x")).rows.map((r) => Number(r.x))).toEqual([
      1, 2, 3,
    ]);
  });

  it("work that keeps losing the lock is tried a bounded number of times, then answered 503 with Retry-After", async () => {
    let tries = 0;
    const busy = Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });
    const outcome = retryWhileLockLost(async () => {
      tries += 1;
      throw new Error("Failed query", { cause: busy });
    }, POLICY);
    await expect(outcome).rejects.toThrow("Failed query");
    expect(tries).toBe(4);
    const app = new Hono().get("/write", () => outcome).onError(mapError);
    const res = await app.request("/write");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toMatchObject({ error: { code: "unavailable" } });
  });

  it("other errors are not retried", async () => {
    let tries = 0;
    await expect(
      retryWhileLockLost(
        async () => (
          (tries += 1), Promise.reject(Object.assign(new Error("constraint"), { code: "SQLITE_CONSTRAINT" }))
        ),
        POLICY,
      ),
    ).rejects.toThrow("constraint");
    expect(tries).toBe(1);
  });
});
