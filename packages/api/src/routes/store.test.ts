import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { makeVolunteers, userIdOf } from "../../test/volunteering";
import { grant, key } from "../../test/points";
import { expireReservations } from "../services/store/expire";
import { and, eq } from "drizzle-orm";
import { accessLog } from "../db/schema";
import { must } from "@tongxin/core";

/** Staff of 幸福里社区 (community 2), made once by the street admin. */
let neighbour: Promise<Agent> | null = null;
const otherStaff = () =>
  (neighbour ??= (async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const account = await admin.post("/api/accounts", { phone: "13600008881", name: "邻社区干部", communityId: 2 });
    await admin.post(`/api/accounts/${account.json.user.id}/roles`, { role: "communityStaff", scopeId: 2 });
    return t.agent().firstLogin("13600008881", account.json.temporaryPassword);
  })());

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const DAY_MS = 86_400_000;

async function newItem(stock: number, pointsPrice: number, extra: Record<string, unknown> = {}) {
  const staff = await t.agent().login(DEMO.communityStaff);
  const res = await staff.post("/api/communities/1/store/items", {
    name: `测试商品${stock}-${pointsPrice}`,
    pointsPrice,
    stock,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.json as { id: number; version: number };
}

const idOf = async (agent: Awaited<ReturnType<typeof makeVolunteers>>[number]) =>
  (await agent.get("/api/me")).json.user.id as number;

describe("the points store (爱心超市)", () => {
  it("50 volunteers redeem an item with stock 5 at once: exactly 5 get a pickup code, the rest are told it is out of stock, and the points add up", async () => {
    const item = await newItem(5, 30);
    const people = await makeVolunteers(t, 50, "81");
    const ids = await Promise.all(people.map(idOf));
    for (const id of ids) await grant(t, `volunteer:${id}`, 100);
    const answers = await Promise.all(
      people.map((p) => p.post(`/api/store/items/${item.id}/redemptions`, {}, { "idempotency-key": key("rush") })),
    );
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(5);
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error.reason === "out_of_stock")).toBe(true);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(45);
    expect(new Set(won.map((w) => w.json.code)).size).toBe(5);
    for (const w of won) expect(w.json.code).toMatch(/^\d{8}$/);

    const staff = await t.agent().login(DEMO.communityStaff);
    const store = (await staff.get("/api/communities/1/store/items")).json;
    expect(store.items.find((i: { id: number }) => i.id === item.id)).toMatchObject({ stock: 0, lowStock: true });
    const balances = await Promise.all(people.map(async (p) => (await p.get("/api/me/points")).json));
    expect(balances.filter((b) => b.reserved === 30 && b.available === 70)).toHaveLength(5);
    expect(balances.filter((b) => b.reserved === 0 && b.available === 100)).toHaveLength(45);
    expect((await staff.get("/api/points/verify")).json).toMatchObject({
      sound: true,
      sum: 0,
      negative: [],
      cacheMismatches: [],
    });
  });

  it("replaying a redemption with the same key changes nothing; the same key for another quantity is refused", async () => {
    const item = await newItem(10, 20);
    const [v] = await makeVolunteers(t, 1, "82");
    await grant(t, `volunteer:${await idOf(must(v))}`, 100);
    const headers = { "idempotency-key": key("tap") };
    const first = await must(v).post(`/api/store/items/${item.id}/redemptions`, { quantity: 2 }, headers);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ quantity: 2, points: 40, status: "reserved", replayed: false });
    const again = await must(v).post(`/api/store/items/${item.id}/redemptions`, { quantity: 2 }, headers);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ redemptionId: first.json.redemptionId, code: first.json.code, replayed: true });
    expect((await must(v).post(`/api/store/items/${item.id}/redemptions`, { quantity: 3 }, headers)).status).toBe(409);
    expect((await must(v).get("/api/me/points")).json).toMatchObject({ posted: 100, reserved: 40, available: 60 });
    const staff = await t.agent().login(DEMO.communityStaff);
    expect(
      (await staff.get("/api/communities/1/store/items")).json.items.find((i: { id: number }) => i.id === item.id)
        .stock,
    ).toBe(8);
    expect((await must(v).post(`/api/store/items/${item.id}/redemptions`, {})).status).toBe(400); // no key: a second tap could spend twice
  });

  it("a short balance is 422, an item past its monthly limit is 422, another community's store is refused", async () => {
    const item = await newItem(10, 50, { monthlyLimit: 1 });
    const [v] = await makeVolunteers(t, 1, "83");
    await grant(t, `volunteer:${await idOf(must(v))}`, 70);
    expect(
      (await must(v).post(`/api/store/items/${item.id}/redemptions`, {}, { "idempotency-key": key("a") })).status,
    ).toBe(201);
    const limit = await must(v).post(`/api/store/items/${item.id}/redemptions`, {}, { "idempotency-key": key("b") });
    expect([limit.status, limit.json.error.reason]).toEqual([422, "monthly_limit"]);
    const cheap = await newItem(10, 30);
    const short = await must(v).post(`/api/store/items/${cheap.id}/redemptions`, {}, { "idempotency-key": key("c") });
    expect([short.status, short.json.error.reason]).toEqual([422, "insufficient_balance"]);
    expect((await must(v).get("/api/communities/2/store/items")).status).toBe(403);
  });

  it("store staff hand the goods over by code once; the statement shows the reservation becoming a spend", async () => {
    const item = await newItem(3, 25);
    const [v] = await makeVolunteers(t, 1, "84");
    const userId = await idOf(must(v));
    await grant(t, `volunteer:${userId}`, 60);
    const { code } = (
      await must(v).post(`/api/store/items/${item.id}/redemptions`, {}, { "idempotency-key": key("p") })
    ).json;
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await must(v).post(`/api/communities/1/store/pickups/${code}`)).status).toBe(403);
    const seen = await staff.get(`/api/communities/1/store/pickups/${code}`);
    // The desk checks who collects: the full name and the phone's last four digits, and the read is logged.
    expect(seen.json).toMatchObject({
      quantity: 1,
      points: 25,
      status: "reserved",
      holder: "测试840",
      phoneTail: "0000",
    });
    const reads = await t.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectUserId, userId), eq(accessLog.entity, "store")));
    expect(reads).toEqual([
      expect.objectContaining({ fields: "phone", entityId: seen.json.redemptionId, communityId: 1 }),
    ]);
    expect((await (await otherStaff()).get(`/api/communities/1/store/pickups/${code}`)).status).toBe(403);
    expect((await (await otherStaff()).get(`/api/communities/2/store/pickups/${code}`)).status).toBe(404);
    const handed = await staff.post(`/api/communities/1/store/pickups/${code}`);
    expect(handed.json).toMatchObject({ status: "collected", holder: "测试840" });
    expect(handed.json.phoneTail).toBeUndefined();
    const twice = await staff.post(`/api/communities/1/store/pickups/${code}`);
    expect([twice.status, twice.json.error.reason]).toEqual([409, "already_collected"]);
    const mine = (await must(v).get("/api/me/points")).json;
    expect(mine).toMatchObject({ posted: 35, reserved: 0, available: 35 });
    expect(mine.entries.map((e: { kind: string; amount: number }) => [e.kind, e.amount])).toEqual([
      ["redemption", -25],
      ["issuance", 60],
    ]);
    expect(mine.redemptions[0]).toMatchObject({ status: "collected", code: null });
    expect(mine.entries[0].reason).toBe("爱心超市兑换：测试商品3-25 × 1"); // the statement says what was bought
    const audit = (await staff.get("/api/audit?communityId=1&limit=5")).json.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toContain("store.handOver");
  });

  it("a reservation not collected in 14 days expires: points released, goods restocked, the code refused", async () => {
    const item = await newItem(2, 40);
    const [v] = await makeVolunteers(t, 1, "85");
    await grant(t, `volunteer:${await idOf(must(v))}`, 40);
    const { code } = (
      await must(v).post(`/api/store/items/${item.id}/redemptions`, {}, { "idempotency-key": key("e") })
    ).json;
    const staff = await t.agent().login(DEMO.communityStaff);
    t.clock.ms += 14 * DAY_MS - 1000;
    await expireReservations(t.deps);
    expect((await must(v).get("/api/me/points")).json).toMatchObject({ reserved: 40, available: 0 }); // a second early: still held
    t.clock.ms += 1000;
    // Due but not yet swept: the desk already refuses it.
    expect((await staff.post(`/api/communities/1/store/pickups/${code}`)).json.error.reason).toBe(
      "reservation_expired",
    );
    expect(await expireReservations(t.deps)).toBeGreaterThanOrEqual(1); // with the earlier tests' reservations
    expect((await must(v).get("/api/me/points")).json).toMatchObject({ posted: 40, reserved: 0, available: 40 });
    expect(
      (await staff.get("/api/communities/1/store/items")).json.items.find((i: { id: number }) => i.id === item.id)
        .stock,
    ).toBe(2);
    const month = (
      await staff.get(
        `/api/communities/1/points?month=${new Date(t.clock.ms + 8 * 3_600_000).toISOString().slice(0, 7)}`,
      )
    ).json;
    expect(month.summary.expired).toBeGreaterThanOrEqual(40);
    expect((await must(v).get("/api/me/points")).json.redemptions[0]).toMatchObject({ status: "expired", code: null });
    expect((await staff.get("/api/points/verify")).json.sound).toBe(true);
  });

  it("staff manage items: stock moves by a delta, stale edits are refused, bad fields get 400/422, every change is audited", async () => {
    const item = await newItem(4, 10);
    const staff = await t.agent().login(DEMO.communityStaff);
    const restock = await staff.patch(`/api/store/items/${item.id}`, {
      version: item.version,
      addStock: 20,
      pointsPrice: 12,
    });
    expect(restock.json).toMatchObject({ stock: 24, pointsPrice: 12, lowStock: false });
    expect((await staff.patch(`/api/store/items/${item.id}`, { version: item.version, addStock: 1 })).status).toBe(409);
    const tooMuch = await staff.patch(`/api/store/items/${item.id}`, { version: restock.json.version, addStock: -25 });
    expect([tooMuch.status, tooMuch.json.error.reason]).toEqual([422, "invalid_stock"]);
    const bad = await staff.post("/api/communities/1/store/items", { name: "", pointsPrice: 0, stock: -1 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(["name", "pointsPrice", "stock"]),
    );
    const withdrawn = await staff.patch(`/api/store/items/${item.id}`, {
      version: restock.json.version,
      active: false,
    });
    const [v] = await makeVolunteers(t, 1, "86");
    await grant(t, `volunteer:${await idOf(must(v))}`, 100);
    expect(
      (await must(v).get("/api/communities/1/store/items")).json.items.some((i: { id: number }) => i.id === item.id),
    ).toBe(false);
    expect(
      (await must(v).post(`/api/store/items/${item.id}/redemptions`, {}, { "idempotency-key": key("w") })).json.error
        .reason,
    ).toBe("item_inactive");
    expect(withdrawn.json.active).toBe(false);
    const audit = (await staff.get("/api/audit?communityId=1&limit=10")).json.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toEqual(expect.arrayContaining(["store.item.create", "store.item.update"]));
    expect(
      (
        await (
          await t.agent().login(DEMO.volunteer)
        ).post("/api/communities/1/store/items", { name: "x", pointsPrice: 1, stock: 1 })
      ).status,
    ).toBe(403);
  });

  it("the store lists what the volunteer can afford first", async () => {
    const [v] = await makeVolunteers(t, 1, "87");
    await grant(t, `volunteer:${await idOf(must(v))}`, 15);
    const { items, available } = (await must(v).get("/api/communities/1/store/items")).json;
    expect(available).toBe(15);
    const firstUnaffordable = items.findIndex((i: { affordable: boolean }) => !i.affordable);
    expect(
      items
        .slice(0, firstUnaffordable)
        .every((i: { pointsPrice: number; stock: number }) => i.pointsPrice <= 15 && i.stock > 0),
    ).toBe(true);
    expect(items.slice(firstUnaffordable).every((i: { affordable: boolean }) => !i.affordable)).toBe(true);
    expect(await userIdOf(t, DEMO.volunteer)).toBeGreaterThan(0);
  });
});
