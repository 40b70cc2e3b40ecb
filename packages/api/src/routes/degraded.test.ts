import { afterEach, describe, expect, inject, it } from "vitest";
import { like } from "drizzle-orm";
import { createClient } from "@libsql/client";
import { createApp } from "../app";
import { Sessions } from "../auth/session";
import { openDatabase } from "../db/client";
import { grids } from "../db/schema";
import { Agent, DEMO, tempDatabase, testApp, type TestApp } from "../../test/harness";
import { makeReadOnly } from "../../test/read-only";

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<"stuck">((resolve) => setTimeout(() => resolve("stuck"), ms))]);

const gridNames = async (t: TestApp, prefix: string) =>
  (
    await t.database.db
      .select({ name: grids.name })
      .from(grids)
      .where(like(grids.name, `${prefix}%`))
  )
    .map((g) => g.name)
    .sort();

function expectBusy(res: { status: number; json: any; headers: Headers }, reason: string) {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("1");
  expect(res.json).toEqual({ error: { code: "unavailable", message: expect.any(String), reason } });
}

describe("the API under overload and a failing database", () => {
  let t: TestApp | undefined;
  const undo: (() => void)[] = [];
  afterEach(() => {
    t?.cleanup();
    t = undefined;
    for (const fn of undo.splice(0).reverse()) fn();
  });

  it("refuses writes beyond the lock's queue with 503 and Retry-After, and every acknowledged write is in the database", async () => {
    t = await testApp({ limits: { lock: { waitMsMax: 10_000, waitersMax: 2 } } });
    const staff = await t.agent().login(DEMO.communityStaff);
    const names = Array.from({ length: 30 }, (_, i) => `洪峰${String(i).padStart(2, "0")}`);
    const answers = await Promise.all(names.map((name) => staff.post("/api/communities/1/grids", { name })));
    const created = names.filter((_, i) => answers[i]?.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(created.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const res of refused) expectBusy(res, "queue_full");
    expect(await gridNames(t, "洪峰")).toEqual(created);
  });

  it("reads answer promptly while a long write transaction holds the writer, with committed data only", async () => {
    t = await testApp();
    const staff = await t.agent().login(DEMO.communityStaff);
    let finish = () => {};
    let started = () => {};
    const ready = new Promise<void>((resolve) => (started = resolve));
    const held = t.database.db.transaction(async (tx) => {
      await tx.insert(grids).values({ communityId: 1, level: 1, name: "未提交网格", createdAt: 1 });
      started();
      await new Promise<void>((resolve) => (finish = resolve));
    });
    await ready;
    const list = await within(staff.get("/api/communities/1/grids"), 2_000);
    const board = await within(t.agent().get("/api/public/communities/1/board"), 2_000);
    finish();
    await held;
    expect(list).not.toBe("stuck");
    expect(board).not.toBe("stuck");
    const listed = list as Exclude<typeof list, "stuck">;
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.json)).not.toContain("未提交网格");
    expect((board as Exclude<typeof board, "stuck">).status).toBe(200);
    expect(JSON.stringify((await staff.get("/api/communities/1/grids")).json)).toContain("未提交网格");
  });

  it("answers 503 with Retry-After when another process keeps the write lock past the retries, having written nothing", async () => {
    t = await testApp({ limits: { retry: { attemptsMax: 2, backoffMsBase: 5, random: () => 0.5 } } });
    const staff = await t.agent().login(DEMO.communityStaff);
    const [file] = (await t.database.client.execute("pragma database_list")).rows;
    const other = createClient({ url: `file:${String(file?.file)}`, timeout: 10 });
    const otherTx = await other.transaction("write");
    expectBusy(await staff.post("/api/communities/1/grids", { name: "锁外网格" }), "busy");
    await otherTx.rollback();
    other.close();
    expect(await gridNames(t, "锁外网格")).toEqual([]);
    expect((await staff.post("/api/communities/1/grids", { name: "锁外网格" })).status).toBe(201);
  });

  it("verifies the ledger on the readers while another process holds the write lock", async () => {
    t = await testApp({ limits: { retry: { attemptsMax: 2, backoffMsBase: 5, random: () => 0.5 } } });
    const admin = await t.agent().login(DEMO.streetAdmin);
    const [file] = (await t.database.client.execute("pragma database_list")).rows;
    const other = createClient({ url: `file:${String(file?.file)}`, timeout: 10 });
    const otherTx = await other.transaction("write");
    const report = await within(admin.get("/api/points/verify"), 5_000);
    await otherTx.rollback();
    other.close();
    expect(report).not.toBe("stuck");
    expect(report === "stuck" ? null : [report.status, report.json.sound]).toEqual([200, true]);
  });

  it("health reports degraded with the reason when a write cannot commit, while reads still answer", async () => {
    const temp = await tempDatabase(inject("demoDatabase"));
    temp.database.close();
    undo.push(temp.cleanup);
    undo.push(makeReadOnly(temp.path));
    const database = openDatabase(`file:${temp.path}`);
    undo.push(() => database.close());
    const app = createApp({
      database,
      sessions: new Sessions(database),
      now: Date.now,
      log: () => {},
      config: { trustProxy: false, allowedOrigins: [] },
    });
    const health = await new Agent(app).get("/api/health");
    expect(health.status).toBe(503);
    expect(health.json).toEqual({ status: "degraded", reason: expect.stringMatching(/readonly/i) });
    expect((await new Agent(app).get("/api/public/communities/1/board")).status).toBe(200);
  });
});
