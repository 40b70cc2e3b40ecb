import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { ledgerEntries } from "../db/schema";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { applyTransfer, availableOf } from "../services/points/ledger";
import { makeVolunteers } from "../../test/volunteering";
import { grant, key } from "../../test/points";
import { jobNamed, runJob } from "../services/scheduler/jobs";
import { must } from "@tongxin/core";

let t: TestApp;
let supplyBefore: { communityId: number; issued: number }[];
beforeAll(async () => {
  t = await testApp();
  supplyBefore = (await t.agent().get("/api/public/points/chain")).json.supply;
});
afterAll(() => t.cleanup());

describe("the points ledger", () => {
  it("the street admin issues points to a community fund; a replay changes nothing; other content under the same key is refused", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const headers = { "idempotency-key": "issue-2026-12-001" };
    const first = await admin.post(
      "/api/points/issuance",
      { communityId: 1, amount: 5000, reason: "年度积分发行" },
      headers,
    );
    expect(first.status).toBe(201);
    const again = await admin.post(
      "/api/points/issuance",
      { communityId: 1, amount: 5000, reason: "年度积分发行" },
      headers,
    );
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      transferId: first.json.transferId,
      replayed: true,
      fundBalance: first.json.fundBalance,
    });
    expect(
      (await admin.post("/api/points/issuance", { communityId: 1, amount: 6000, reason: "年度积分发行" }, headers))
        .status,
    ).toBe(409);
    expect(
      (
        await (
          await t.agent().login(DEMO.communityStaff)
        ).post("/api/points/issuance", { communityId: 1, amount: 1, reason: "x" })
      ).status,
    ).toBe(403);
    expect((await admin.post("/api/points/issuance", { communityId: 1, amount: 0, reason: "x" })).status).toBe(400);
  });

  it("no account but issuance goes below zero, even under concurrent spending", async () => {
    const now = t.clock.ms;
    await t.database.db.transaction((tx) =>
      applyTransfer(
        tx,
        {
          debit: "issuance:1",
          credit: "volunteer:7",
          amount: 100,
          reason: "测试",
          cause: null,
          idempotencyKey: "seed-v7",
          pending: false,
        },
        null,
        now,
      ),
    );
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.database.db.transaction((tx) =>
          applyTransfer(
            tx,
            {
              debit: "volunteer:7",
              credit: "store:1",
              amount: 30,
              reason: "兑换",
              cause: null,
              idempotencyKey: `spend-${i}`,
              pending: i % 2 === 0,
            },
            null,
            now,
          ),
        ),
      ),
    );
    expect(attempts.filter((a) => a.ok)).toHaveLength(3);
    expect(attempts.filter((a) => !a.ok).every((a) => !a.ok && a.reason === "insufficient_balance")).toBe(true);
    expect(await availableOf(t.database.db, "volunteer:7")).toBe(10);
  });

  it("entries are written unsealed; the public chain shows the sealed head and how far behind it is without writing; the sealing job chains them in order; a sealed entry never changes, an unsealed one only by sealing", async () => {
    const [v] = await makeVolunteers(t, 1, "88");
    const userId = (await must(v).get("/api/me")).json.user.id;
    await grant(t, `volunteer:${userId}`, 20);
    await runJob(t.deps, jobNamed("seal_chain"), "instance-a");
    expect(
      (
        await must(v).post(
          "/api/points/donations",
          { to: "fund", amount: 5, message: "" },
          { "idempotency-key": key("seal") },
        )
      ).status,
    ).toBe(201);
    const unsealed = await t.database.client.execute("select id from ledger_entries where hash is null order by id");
    expect(unsealed.rows.length).toBeGreaterThanOrEqual(2);
    const lastId = Number(must(unsealed.rows.at(-1)).id);
    await expect(
      t.database.client.execute({ sql: "update ledger_entries set amount = 6 where id = ?", args: [lastId] }),
    ).rejects.toThrow(/immutable/);
    const [sealedHead] = (
      await t.database.client.execute("select hash from ledger_entries where hash is not null order by id desc limit 1")
    ).rows;
    t.clock.ms += 5_000;
    const behind = (await t.agent().get("/api/public/points/chain")).json;
    expect(behind).toMatchObject({ head: must(sealedHead).hash, unsealed: unsealed.rows.length, behindMs: 5_000 });
    expect(
      must((await t.database.client.execute("select count(*) n from ledger_entries where hash is null")).rows[0]).n,
    ).toBe(unsealed.rows.length);
    expect(await runJob(t.deps, jobNamed("seal_chain"), "instance-a")).toBe(unsealed.rows.length);
    const caughtUp = (await t.agent().get("/api/public/points/chain")).json;
    const sealed = await t.database.client.execute({
      sql: "select hash from ledger_entries where id = ?",
      args: [lastId],
    });
    expect(caughtUp).toMatchObject({ head: must(sealed.rows[0]).hash, unsealed: 0, behindMs: 0 });
    expect(
      must((await t.database.client.execute("select count(*) n from ledger_entries where hash is null")).rows[0]).n,
    ).toBe(0);
    await expect(
      t.database.client.execute({
        sql: "update ledger_entries set hash = ? where id = ?",
        args: ["f".repeat(64), lastId],
      }),
    ).rejects.toThrow(/immutable/);
    await expect(
      t.database.client.execute({ sql: "delete from ledger_entries where id = ?", args: [lastId] }),
    ).rejects.toThrow(/immutable/);
    // A second writer appending to the same head would fork the chain: the database refuses it.
    const [prev] = (
      await t.database.client.execute({ sql: "select prev_hash from ledger_entries where id = ?", args: [lastId] })
    ).rows;
    await expect(
      t.database.client.execute({
        sql: "insert into ledger_entries (transfer_id, account, amount, created_at, prev_hash, hash) values (1, 'fund:1', 1, 0, ?, ?)",
        args: [String(must(prev).prev_hash), "e".repeat(64)],
      }),
    ).rejects.toThrow(/UNIQUE/);
  });

  it("verification recomputes balances and walks the chain; the public head moves with every entry and exposes a rewrite", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    await runJob(t.deps, jobNamed("seal_chain"), "instance-a");
    const sound = await staff.get("/api/points/verify");
    expect(sound.json).toMatchObject({ sum: 0, negative: [], unbalanced: [], chainBreaks: [], sound: true });
    const published = (await t.agent().get("/api/public/points/chain")).json;
    expect(published.head).toBe(sound.json.head);
    const issuedBefore = supplyBefore.find((s) => s.communityId === 1)?.issued ?? 0;
    expect(published.supply).toContainEqual(
      expect.objectContaining({ communityId: 1, community: "和平社区", issued: issuedBefore + 5000 }),
    );
    expect(published.supply.filter((s: { communityId: number }) => s.communityId !== 1)).toEqual(
      supplyBefore.filter((s) => s.communityId !== 1),
    );
    expect((await (await t.agent().login(DEMO.resident)).get("/api/points/verify")).status).toBe(403);

    // The database refuses to edit an entry; someone with the file drops that guard and edits one anyway.
    const [entry] = await t.database.db.select().from(ledgerEntries).limit(1);
    await expect(
      t.database.db
        .update(ledgerEntries)
        .set({ amount: 1 })
        .where(eq(ledgerEntries.id, must(entry).id)),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/immutable/) } });
    await t.database.client.execute("drop trigger ledger_entries_immutable");
    await t.database.db
      .update(ledgerEntries)
      .set({ amount: must(entry).amount - 1 })
      .where(eq(ledgerEntries.id, must(entry).id));
    const broken = await staff.get("/api/points/verify");
    expect(broken.json.sound).toBe(false);
    expect(broken.json.sum).toBe(-1);
    expect(broken.json.chainBreaks).toContain(must(entry).id);
    expect(broken.json.unbalanced).toContain(must(entry).transferId);
    expect(broken.json.cacheMismatches).toContain(must(entry).account); // the cached balance no longer equals the entries
  });
});
