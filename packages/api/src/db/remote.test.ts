import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { startHranaServer, type HranaServer } from "../../test/hrana-server";
import { Sessions } from "../auth/session";
import { createApp } from "../app";
import { migrateDatabase, openDatabase, type Database } from "./client";
import { seedDemoIfEmpty } from "../seed/demo";
import { createClient } from "@libsql/client";
import { sealChain } from "../services/points/seal";
import { communities, grids, rateCounters } from "./schema";
import { must } from "@tongxin/core";

// No libSQL server installs here; this loopback Hrana server keeps the data layer honest about remote mode.
describe("the data layer over a libSQL server (http: URL)", () => {
  let server: HranaServer;
  let database: Database;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tongxin-remote-"));
    server = await startHranaServer(join(dir, "remote.db"));
    database = openDatabase(server.url, "test-token");
    await migrateDatabase(database);
  });

  afterAll(async () => {
    database.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the migrations and seeds the demo street over HTTP", async () => {
    expect(await seedDemoIfEmpty(database.db, Date.now())).toBe(true);
    const [row] = await database.db.select({ n: count() }).from(communities);
    expect(must(row).n).toBe(5);
    expect(server.requests()).toBeGreaterThan(10);
  }, 180_000); // thousands of round trips: ~25 s on an idle machine, more when the machine is shared

  it("migrating again is a no-op", async () => {
    await migrateDatabase(database);
    const [row] = await database.db.select({ n: count() }).from(communities);
    expect(must(row).n).toBe(5);
  });

  it("commits a transaction and rolls back a failed one", async () => {
    const [community] = await database.db.select().from(communities).limit(1);
    await database.db.transaction(async (tx) => {
      await tx.insert(grids).values({ communityId: must(community).id, level: 1, name: "远程网格", createdAt: 1 });
    });
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(grids).values({ communityId: must(community).id, level: 1, name: "回滚网格", createdAt: 1 });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await database.db.select().from(grids).where(eq(grids.name, "远程网格"))).toHaveLength(1);
    expect(await database.db.select().from(grids).where(eq(grids.name, "回滚网格"))).toHaveLength(0);
  });

  it("enforces the schema's constraints on the server too", async () => {
    await expect(
      database.db.insert(grids).values({ communityId: 1, level: 4, name: "太深", createdAt: 1 }),
    ).rejects.toThrow();
  });

  it("serves sign-in and a staff write through the API", async () => {
    const app = createApp({
      database,
      sessions: new Sessions(database),
      now: Date.now,
      log: () => {},
      config: { trustProxy: false, allowedOrigins: [] },
    });
    const login = await app.request("http://localhost/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost" },
      body: JSON.stringify({ phone: "13800000002", password: "demo12345" }),
    });
    expect(login.status).toBe(200);
    const cookie = must(must(login.headers.get("set-cookie")).split(";")[0]);
    const created = await app.request("http://localhost/api/communities/1/grids", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", cookie },
      body: JSON.stringify({ name: "服务器网格" }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "服务器网格", level: 1 });
  });

  it("redeems, hands over and donates points through the hot paths, and the ledger seals and verifies on the server", async () => {
    const app = createApp({
      database,
      sessions: new Sessions(database),
      now: Date.now,
      log: () => {},
      config: { trustProxy: false, allowedOrigins: [] },
    });
    const as = async (phone: string) => {
      const login = await app.request("http://localhost/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost" },
        body: JSON.stringify({ phone, password: "demo12345" }),
      });
      const cookie = must(must(login.headers.get("set-cookie")).split(";")[0]);
      return (method: string, path: string, body?: unknown, key?: string) =>
        app.request(`http://localhost${path}`, {
          method,
          headers: {
            "content-type": "application/json",
            origin: "http://localhost",
            cookie,
            ...(key ? { "idempotency-key": key } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
    };
    const volunteer = await as("13800000006");
    const staff = await as("13800000002");
    const { items } = (await (await volunteer("GET", "/api/communities/1/store/items")).json()) as {
      items: { id: number; name: string }[];
    };
    const towel = must(items.find((i) => i.name === "纯棉毛巾"));
    const redeemed = await volunteer("POST", `/api/store/items/${towel.id}/redemptions`, {}, "remote-redeem-1");
    expect(redeemed.status).toBe(201);
    const { code } = (await redeemed.json()) as { code: string };
    expect((await staff("POST", `/api/communities/1/store/pickups/${code}`)).status).toBe(200);
    expect(
      (await volunteer("POST", "/api/points/donations", { to: "fund", amount: 3, message: "远程" }, "remote-gift-1"))
        .status,
    ).toBe(201);
    expect(await sealChain(database.client)).toBeGreaterThan(0);
    const [unsealed] = (await database.client.execute("select count(*) as n from ledger_entries where hash is null"))
      .rows;
    expect(Number(must(unsealed).n)).toBe(0);
    const report = (await (await staff("GET", "/api/points/verify")).json()) as { sound: boolean; sum: number };
    expect(report).toMatchObject({ sound: true, sum: 0, unsealed: 0, chainBreaks: [] });
  });

  it("reads in a read transaction on the server", async () => {
    const names = await database.read(async (tx) =>
      (await tx.select({ name: communities.name }).from(communities)).map((c) => c.name),
    );
    expect(names).toHaveLength(5);
  });

  it("a write that meets another writer's lock on the server is retried, and commits once the lock is free", async () => {
    const other = createClient({ url: server.url, authToken: "test-token" });
    const otherTx = await other.transaction("write");
    await otherTx.execute("insert into rate_counters (key, window_start_ms, count) values ('remote-other', 0, 1)");
    setTimeout(() => void otherTx.commit(), 100);
    await database.db.insert(rateCounters).values({ key: "remote-mine", windowStartMs: 0, count: 1 });
    other.close();
    const rows = await database.db.select({ key: rateCounters.key }).from(rateCounters);
    expect(
      rows
        .map((r) => r.key)
        .filter((k) => k.startsWith("remote-"))
        .sort(),
    ).toEqual(["remote-mine", "remote-other"]);
  });
});
