import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEMO, testApp, type Agent, type TestApp } from "../../../test/harness";
import { makeVolunteers } from "../../../test/volunteering";
import { drainFund, key } from "../../../test/points";
import { expireReservations } from "../store/expire";
import { earn, reverseEarning } from "./earning";
import { availableOf } from "./ledger";
import { must } from "@tongxin/core";

/**
 * Seeded random runs of issue / earn / redeem / pick up / expire / donate /
 * reverse through the real services and database, checked after every step
 * against a reference model of plain numbers.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const PEOPLE = 3;
const DAY_MS = 86_400_000;

const op = fc.oneof(
  fc.record({ type: fc.constant("issue" as const), amount: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ type: fc.constant("earn" as const), who: fc.nat(PEOPLE - 1), points: fc.integer({ min: 1, max: 60 }) }),
  fc.record({
    type: fc.constant("redeem" as const),
    who: fc.nat(PEOPLE - 1),
    quantity: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ type: fc.constant("pickup" as const), pick: fc.nat() }),
  fc.record({ type: fc.constant("wait" as const), days: fc.integer({ min: 1, max: 15 }) }),
  fc.record({
    type: fc.constant("donate" as const),
    who: fc.nat(PEOPLE - 1),
    amount: fc.integer({ min: 1, max: 40 }),
    toFund: fc.boolean(),
  }),
  fc.record({ type: fc.constant("reverse" as const), pick: fc.nat() }),
);

type Earning = {
  cause: string;
  who: number;
  points: number;
  status: "waiting" | "paid" | "reversed" | "cancelled";
  owed: number;
};
type Reservation = {
  code: string;
  who: number;
  points: number;
  quantity: number;
  expiresAt: number;
  status: "reserved" | "collected" | "expired";
};

class Model {
  posted = Array<number>(PEOPLE).fill(0);
  fund = 0;
  store = 0;
  household = 0;
  stock: number;
  earnings: Earning[] = [];
  reservations: Reservation[] = [];
  constructor(
    stock: number,
    readonly price: number,
  ) {
    this.stock = stock;
  }
  reserved = (who: number) =>
    this.reservations.filter((r) => r.who === who && r.status === "reserved").reduce((s, r) => s + r.points, 0);
  available = (who: number) => must(this.posted[who]) - this.reserved(who);
  pay(e: Earning) {
    e.status = "paid";
    this.fund -= e.points;
    this.posted[e.who] = must(this.posted[e.who]) + e.points;
    for (const owing of this.earnings.filter((o) => o.who === e.who && o.owed > 0)) {
      const amount = Math.min(owing.owed, this.available(e.who));
      (this.posted[e.who] = must(this.posted[e.who]) - amount), (this.fund += amount), (owing.owed -= amount);
    }
  }
  payWaiting() {
    for (const e of this.earnings.filter((w) => w.status === "waiting")) {
      if (this.fund < e.points) return;
      this.pay(e);
    }
  }
}

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function runOps(ops: Op[], run: number) {
  const admin = await t.agent().login(DEMO.streetAdmin);
  const staff = await t.agent().login(DEMO.communityStaff);
  const people: Agent[] = await makeVolunteers(t, PEOPLE, `5${run}`);
  const ids = await Promise.all(people.map(async (p) => (await p.get("/api/me")).json.user.id as number));
  await drainFund(t, 1);
  const item = (
    await staff.post("/api/communities/1/store/items", { name: `模型商品${run}`, pointsPrice: 7, stock: 6 })
  ).json;
  const m = new Model(6, 7);
  for (const [i, o] of ops.entries()) {
    if (o.type === "issue") {
      expect(
        (await admin.post("/api/points/issuance", { communityId: 1, amount: o.amount, reason: "模型" })).status,
      ).toBe(201);
      m.fund += o.amount;
      m.payWaiting();
    } else if (o.type === "earn") {
      const cause = `model:${run}:${i}`;
      await t.database.db.transaction((tx) =>
        earn(
          tx,
          {
            communityId: 1,
            userId: must(ids[o.who]),
            cause,
            earnedOn: "2026-12-01",
            compute: () => ({ points: o.points, capped: false, parts: [] }),
          },
          t.clock.ms,
        ),
      );
      const e: Earning = { cause, who: o.who, points: o.points, status: "waiting", owed: 0 };
      const queued = m.earnings.some((w) => w.status === "waiting");
      m.earnings.push(e);
      if (!queued && m.fund >= o.points) m.pay(e);
    } else if (o.type === "redeem") {
      const res = await must(people[o.who]).post(
        `/api/store/items/${item.id}/redemptions`,
        { quantity: o.quantity },
        { "idempotency-key": key("model") },
      );
      const points = m.price * o.quantity;
      const expected = m.stock < o.quantity ? 409 : m.available(o.who) < points ? 422 : 201;
      expect(res.status).toBe(expected);
      if (expected === 201)
        (m.stock -= o.quantity),
          m.reservations.push({
            code: res.json.code,
            who: o.who,
            points,
            quantity: o.quantity,
            expiresAt: Date.parse(res.json.expiresAt),
            status: "reserved",
          });
    } else if (o.type === "pickup") {
      const r = m.reservations[o.pick % Math.max(1, m.reservations.length)];
      if (!r) continue;
      const res = await staff.post(`/api/communities/1/store/pickups/${r.code}`);
      const live = r.status === "reserved" && t.clock.ms < r.expiresAt;
      expect(res.status === 200).toBe(live);
      if (live) (r.status = "collected"), (m.posted[r.who] = must(m.posted[r.who]) - r.points), (m.store += r.points);
    } else if (o.type === "wait") {
      t.clock.ms += o.days * DAY_MS;
      await expireReservations(t.deps);
      for (const r of m.reservations.filter((x) => x.status === "reserved" && x.expiresAt <= t.clock.ms))
        (r.status = "expired"), (m.stock += r.quantity);
    } else if (o.type === "donate") {
      const res = await must(people[o.who]).post(
        "/api/points/donations",
        { to: o.toFund ? "fund" : { householdId: 1 }, amount: o.amount, message: "模型" },
        { "idempotency-key": key("gift") },
      );
      const allowed = m.available(o.who) >= o.amount;
      expect(res.status).toBe(allowed ? 201 : 422);
      if (allowed) {
        m.posted[o.who] = must(m.posted[o.who]) - o.amount;
        if (o.toFund) (m.fund += o.amount), m.payWaiting();
        else m.household += o.amount;
      }
    } else {
      const e = m.earnings[o.pick % Math.max(1, m.earnings.length)];
      if (!e) continue;
      await t.database.db.transaction((tx) => reverseEarning(tx, e.cause, t.clock.ms));
      if (e.status === "waiting") e.status = "cancelled";
      else if (e.status === "paid") {
        const reversed = Math.max(0, Math.min(e.points, m.available(e.who)));
        (m.posted[e.who] = must(m.posted[e.who]) - reversed),
          (m.fund += reversed),
          (e.owed = e.points - reversed),
          (e.status = "reversed");
      }
    }
    await check(m, ids, item.id, staff);
  }
  // Leave the fund empty and nothing waiting for the next run.
  await admin.post("/api/points/issuance", { communityId: 1, amount: 100_000, reason: "清算" });
  await drainFund(t, 1);
}

async function check(m: Model, ids: number[], itemId: number, staff: Agent) {
  const db = t.database.db;
  for (const [who, id] of ids.entries()) {
    const mine = (
      await db.$client.execute({
        sql: "select posted, reserved from ledger_balances where account = ?",
        args: [`volunteer:${id}`],
      })
    ).rows[0];
    expect([Number(mine?.posted ?? 0), Number(mine?.reserved ?? 0)]).toEqual([m.posted[who], m.reserved(who)]);
    expect(await availableOf(db, `volunteer:${id}`)).toBeGreaterThanOrEqual(0);
  }
  expect(await availableOf(db, "fund:1")).toBe(m.fund);
  const stock = must(
    (await db.$client.execute({ sql: "select stock from store_items where id = ?", args: [itemId] })).rows[0],
  );
  expect(Number(stock.stock)).toBe(m.stock);
  expect(m.stock).toBeGreaterThanOrEqual(0);
  const report = (await staff.get("/api/points/verify")).json;
  expect(report).toMatchObject({
    sum: 0,
    negative: [],
    unbalanced: [],
    chainBreaks: [],
    cacheMismatches: [],
    sound: true,
  });
}

describe("the points system against a reference model", () => {
  it("after every step of random runs: balances, reservations, fund and stock equal the model; sums zero; nothing negative", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), async (ops) => {
        await runOps(ops, run++);
      }),
      { numRuns: 8, seed: 20261127, endOnFailure: true },
    );
  }, 120_000);
});
