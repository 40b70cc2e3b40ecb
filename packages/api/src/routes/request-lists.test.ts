import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeUnconfirmed } from "../services/request/sweep";
import { Sessions } from "../auth/session";
import { DEMO, testApp, type TestApp } from "../../test/harness";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const H = 3_600_000;
const post = async (body: Record<string, unknown>) =>
  (await (await t.agent().login(DEMO.resident)).post("/api/requests", body)).json.id as number;

describe("request lists, feed and the public board", () => {
  it("staff list their community's requests with filters; overdue ones come oldest first", async () => {
    const old = await post({ kind: "service", category: "plumbing", description: "水龙头坏了" });
    t.clock.ms += 25 * H; // the 24-hour acceptance limit of plumbing has passed for `old`
    const fresh = await post({ kind: "wish", category: "item", description: "想要一本字典" });
    const staff = await t.agent().login(DEMO.communityStaff);
    const all = await staff.get("/api/requests?communityId=1&limit=100");
    expect(all.json.items.map((r: { id: number }) => r.id).slice(0, 2)).toEqual([fresh, old]);
    const overdue = await staff.get("/api/requests?communityId=1&overdue=1&limit=100");
    expect(overdue.json.items.map((r: { id: number }) => r.id)).toContain(old);
    expect(overdue.json.items.map((r: { id: number }) => r.id)).not.toContain(fresh);
    expect(overdue.json.items.find((r: { id: number }) => r.id === old).overdue).toBe("accept_overdue");
    const wishes = await staff.get("/api/requests?communityId=1&kind=wish&limit=100");
    expect(wishes.json.items.every((r: { kind: string }) => r.kind === "wish")).toBe(true);
    const worker = await t.agent().login(DEMO.gridWorker);
    const gridId = (await worker.get("/api/me")).json.roles.find(
      (r: { role: string }) => r.role === "gridWorker",
    ).scopeId;
    expect((await worker.get(`/api/requests?communityId=1&gridId=${gridId}`)).status).toBe(200);
    expect((await worker.get("/api/requests?communityId=1")).status).toBe(403);
    expect((await (await t.agent().login(DEMO.resident)).get("/api/requests?communityId=1")).status).toBe(403);
    expect((await staff.get("/api/requests?communityId=2")).status).toBe(403);
  });

  it("a volunteer's claim and release leave a request staff never accepted on the acceptance warning", async () => {
    const id = await post({ kind: "service", category: "plumbing", description: "下水道堵了" });
    t.clock.ms += 25 * H;
    const staff = await t.agent().login(DEMO.communityStaff);
    const warned = async () =>
      (await staff.get("/api/requests?communityId=1&overdue=1&limit=100")).json.items.find(
        (r: { id: number }) => r.id === id,
      )?.overdue;
    expect(await warned()).toBe("accept_overdue");
    const volunteer = await t.agent().login(DEMO.volunteer);
    expect((await volunteer.post(`/api/requests/${id}/claim`)).json.status).toBe("claimed");
    expect(await warned()).toBe("accept_overdue");
    expect((await volunteer.post(`/api/requests/${id}/release`, { reason: "临时有事" })).json.status).toBe("submitted");
    expect(await warned()).toBe("accept_overdue");
    await staff.post(`/api/requests/${id}/accept`);
    expect(await warned()).toBeUndefined();
  });

  it("a resident lists their own requests; a volunteer's feed shows open requests that fit their skills, with masked names", async () => {
    const id = await post({ kind: "service", category: "companionship", description: "周末陪老人散步" });
    const mine = await (await t.agent().login(DEMO.resident)).get("/api/me/requests");
    expect(mine.json.items[0].id).toBe(id);
    const feed = await (await t.agent().login(DEMO.volunteer)).get("/api/me/request-feed"); // the demo volunteer does 助老陪护
    const item = feed.json.items.find((r: { id: number }) => r.id === id);
    expect(item).toMatchObject({ ownerName: "郑*兰" });
    expect(
      feed.json.items.every((r: { category: string }) =>
        ["companionship", "haircut", "item", "other"].includes(r.category),
      ),
    ).toBe(true);
    expect((await (await t.agent().login(DEMO.resident)).get("/api/me/request-feed")).status).toBe(422);
  });

  it("closes unconfirmed requests after 7 days, apart from confirmed ones, and the public board counts both", async () => {
    const worker = await t.agent().login(DEMO.gridWorker);
    const volunteer = await t.agent().login(DEMO.volunteer);
    const resident = await t.agent().login(DEMO.resident);
    const before = (await t.agent().get("/api/public/communities/1/board")).json;
    const confirmedId = await post({ kind: "wish", category: "item", description: "书包" });
    const silentId = await post({ kind: "wish", category: "item", description: "台灯" });
    for (const id of [confirmedId, silentId]) {
      await worker.post(`/api/requests/${id}/accept`);
      await volunteer.post(`/api/requests/${id}/claim`);
      await volunteer.post(`/api/requests/${id}/complete`);
    }
    await resident.post(`/api/requests/${confirmedId}/confirm`, { rating: 4 });
    const deps = {
      database: t.database,
      sessions: new Sessions(t.database),
      now: () => t.clock.ms,
      log: () => {},
      config: { trustProxy: false, allowedOrigins: [] },
    };
    await closeUnconfirmed(deps);
    expect((await resident.get(`/api/requests/${silentId}`)).json.status).toBe("done");
    t.clock.ms += 7 * 24 * H;
    expect(await closeUnconfirmed(deps)).toBeGreaterThanOrEqual(1);
    expect(await closeUnconfirmed(deps)).toBe(0); // each closes once
    expect((await resident.get(`/api/requests/${silentId}`)).json).toMatchObject({
      status: "closed",
      closure: "unconfirmed",
    });

    const board = await t.agent().get("/api/public/communities/1/board");
    expect(board.status).toBe(200);
    // Ours closed, plus any demo requests whose 7 days ran out meanwhile.
    expect(board.json.counts.closed).toBeGreaterThanOrEqual((before.counts.closed ?? 0) + 2);
    expect(board.json.confirmedShare).toBeGreaterThan(0);
    expect(board.json.confirmedShare).toBeLessThan(1);
    expect(board.json.averageRating).toBeGreaterThanOrEqual(1);
    expect(board.json.averageRating).toBeLessThanOrEqual(5);
    expect(board.json.recentlyClosed.map((r: { owner: string }) => r.owner)).toContain("郑*兰");
    expect(board.json.recentlyClosed.every((r: { owner: string }) => r.owner.includes("*"))).toBe(true);
    expect(JSON.stringify(board.json)).not.toContain(DEMO.resident);
    expect((await t.agent().get("/api/public/communities/999/board")).status).toBe(404);
  });

  it("the people concerned are told, with an unread count that clears when read", async () => {
    const resident = await t.agent().login(DEMO.resident);
    await resident.post("/api/me/notifications/read", {});
    const id = await post({ kind: "wish", category: "item", description: "暖水袋" });
    const worker = await t.agent().login(DEMO.gridWorker);
    expect((await worker.get("/api/me/notifications")).json.items[0]).toMatchObject({
      kind: "request_new",
      payload: { requestId: id },
    });
    await worker.post(`/api/requests/${id}/accept`);
    const inbox = await resident.get("/api/me/notifications");
    expect(inbox.json.unread).toBe(1);
    expect(inbox.json.items[0]).toMatchObject({
      kind: "request_changed",
      payload: { requestId: id, action: "accept", status: "accepted" },
    });
    await resident.post("/api/me/notifications/read", {});
    expect((await resident.get("/api/me/notifications")).json.unread).toBe(0);
  });
});
