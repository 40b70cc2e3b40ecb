import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { must, type MessageKind, type MessagePayloads } from "@tongxin/core";
import { messageChannels, outbox, roleGrants, users } from "../db/schema";
import { notify } from "../services/notify";
import { dispatchOutbox } from "../services/outbox/dispatch";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { grant, key } from "../../test/points";
import { makeVolunteers, publishedActivity, shiftOn } from "../../test/volunteering";

const SECRET = "a-shared-secret-of-the-gateway";
const M = 60_000;
const at = (local: string) => Date.parse(`${local}+08:00`);

/** A gateway on a local port: records every POST and answers what `answer` says (200 by default). */
type Received = { channel: string; headers: Record<string, string>; body: string; json: any };
function startReceiver() {
  const received: Received[] = [];
  const state = { answer: (_r: Received): number => 200, delayMs: 0 };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const r = {
        channel: (req.url ?? "").slice(1),
        headers: req.headers as Record<string, string>,
        body,
        json: JSON.parse(body),
      };
      received.push(r);
      setTimeout(() => {
        res.statusCode = state.answer(r);
        res.end();
      }, state.delayMs);
    });
  });
  return new Promise<{ url: string; received: Received[]; state: typeof state; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, received, state, close: () => server.close() });
    }),
  );
}

let t: TestApp;
let gateway: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  gateway = await startReceiver();
  t = await testApp({
    config: {
      channels: {
        sms: { url: `${gateway.url}/sms`, secret: SECRET },
        wechat: { url: `${gateway.url}/wechat`, secret: SECRET },
      },
    },
  });
});
afterAll(() => {
  gateway.close();
  t.cleanup();
});

const dispatch = () => dispatchOutbox(t.deps);
const userOf = async (agent: Agent) => (await agent.get("/api/me")).json.user.id as number;
const rowsOf = (userId: number) => t.database.db.select().from(outbox).where(eq(outbox.userId, userId));
const receivedBy = (userId: number) => gateway.received.filter((r) => r.json.to.userId === userId);
async function send<K extends MessageKind>(userIds: number[], kind: K, payload: MessagePayloads[K]) {
  await t.database.db.transaction((tx) => notify(tx, userIds, kind, payload, t.clock.ms));
}
const teamApproved = { teamId: 1, teamName: "暖心帮扶志愿服务队", path: "/teams/1" };

/** Volunteers of 和平社区 who chose these channels (in the database, for many at once). */
async function listeners(count: number, prefix: string, choice = { sms: true, wechat: false }) {
  const agents = await makeVolunteers(t, count, prefix);
  const ids = await Promise.all(agents.map(userOf));
  await t.database.db.insert(messageChannels).values(ids.map((userId) => ({ userId, ...choice, updatedAt: 0 })));
  return ids;
}

describe("channel choices on the profile", () => {
  it("are off until chosen (opt-in), saved as chosen, and refused field by field when malformed", async () => {
    const [v] = await makeVolunteers(t, 1, "601");
    const me = must(v);
    expect((await me.get("/api/me/channels")).json).toEqual({ sms: false, wechat: false });
    for (const [body, path] of [
      [{ sms: "yes", wechat: false }, "sms"],
      [{ sms: true }, "wechat"],
      [{ sms: true, wechat: false, email: true }, "email"],
    ] as const) {
      const res = await me.put("/api/me/channels", body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("invalid_input");
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await me.put("/api/me/channels", { sms: true, wechat: false })).json).toEqual({ sms: true, wechat: false });
    expect((await me.get("/api/me/channels")).json).toEqual({ sms: true, wechat: false });
    expect((await t.agent().get("/api/me/channels")).status).toBe(401);
    expect((await t.agent().put("/api/me/channels", { sms: true, wechat: true })).status).toBe(401);
  });
});

describe("a message outside the app", () => {
  it("goes to the inbox and to each chosen channel, signed and keyed; a 500 is retried after a minute with the same key, then delivered", async () => {
    const { leader, activityId, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-20", "09:00", "11:00")], {
      title: "河道清洁",
    });
    const [v] = await makeVolunteers(t, 1, "602");
    const me = must(v);
    const userId = await userOf(me);
    await me.put("/api/me/channels", { sms: true, wechat: true });
    expect((await me.post(`/api/shifts/${shiftIds[0]}/signups`)).status).toBe(201);
    expect((await leader.post(`/api/activities/${activityId}/cancel`, { reason: "暴雨预警" })).status).toBe(200);

    const inbox = await me.get("/api/me/notifications");
    expect(inbox.json.items.map((n: { kind: string }) => n.kind)).toContain("activity_cancelled");
    expect((await rowsOf(userId)).map((r) => [r.channel, r.state]).sort()).toEqual([
      ["sms", "pending"],
      ["wechat", "pending"],
    ]);

    let smsTries = 0;
    gateway.state.answer = (r) => (r.channel === "sms" && r.json.to.userId === userId && ++smsTries === 1 ? 500 : 200);
    await dispatch();
    const afterFirst = await rowsOf(userId);
    const sms = must(afterFirst.find((r) => r.channel === "sms"));
    expect(sms).toMatchObject({ state: "pending", attempts: 1, lastError: "HTTP 500", nextAttemptAt: t.clock.ms + M });
    expect(afterFirst.find((r) => r.channel === "wechat")).toMatchObject({ state: "delivered", attempts: 1 });

    await dispatch(); // not due yet
    expect(receivedBy(userId)).toHaveLength(2);
    t.clock.ms += M;
    await dispatch();
    expect(must((await rowsOf(userId)).find((r) => r.channel === "sms"))).toMatchObject({
      state: "delivered",
      attempts: 2,
      deliveredAt: t.clock.ms,
    });

    const requests = receivedBy(userId);
    expect(requests.map((r) => r.channel).sort()).toEqual(["sms", "sms", "wechat"]);
    for (const r of requests) {
      const [, unix, mac] = must(/^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.headers["x-tongxin-signature"] ?? ""));
      expect(createHmac("sha256", SECRET).update(`${unix}.${r.body}`).digest("hex")).toBe(mac);
      expect(r.headers["idempotency-key"]).toBe(String(r.json.id));
      expect(r.json).toMatchObject({
        kind: "activity_cancelled",
        urgent: false,
        to: { userId, phone: "16020000000" },
        text: "【同心】活动“河道清洁”（12月20日 09:00）已取消，请登录同心查看。",
        url: `/activities/${activityId}`,
      });
      expect(r.body).not.toContain("暴雨预警");
    }
    const smsKeys = requests.filter((r) => r.channel === "sms").map((r) => r.headers["idempotency-key"]);
    expect(new Set(smsKeys).size).toBe(1);
    // A wrong secret does not verify.
    const first = must(requests[0]);
    const unix = must(/t=(\d+)/.exec(first.headers["x-tongxin-signature"] ?? ""))[1];
    expect(first.headers["x-tongxin-signature"]).not.toContain(
      createHmac("sha256", "another-secret").update(`${unix}.${first.body}`).digest("hex"),
    );
    gateway.state.answer = () => 200;
  });

  it("is rejected for good on a 4xx, but retried on a 429, and fails after the last of six attempts", async () => {
    const [rejected, busy] = await listeners(2, "603", { sms: false, wechat: true });
    gateway.state.answer = (r) => (r.json.to.userId === rejected ? 422 : r.json.to.userId === busy ? 429 : 200);
    await send([must(rejected), must(busy)], "team_approved", teamApproved);
    await dispatch();
    expect(must((await rowsOf(must(rejected)))[0])).toMatchObject({
      state: "failed",
      attempts: 1,
      lastError: "HTTP 422",
    });
    expect(must((await rowsOf(must(busy)))[0])).toMatchObject({ state: "pending", lastError: "HTTP 429" });
    for (let i = 0; i < 5; i++) {
      t.clock.ms += 6 * 60 * M;
      await dispatch();
    }
    expect(must((await rowsOf(must(busy)))[0])).toMatchObject({ state: "failed", attempts: 6, nextAttemptAt: null });
    expect(receivedBy(must(busy))).toHaveLength(6);
    gateway.state.answer = () => 200;
  });

  it("is sent once however many dispatchers race for it, and a dead dispatcher's claim is taken again after it expires", async () => {
    const ids = await listeners(30, "604", { sms: true, wechat: true });
    await send(ids, "team_approved", teamApproved);
    gateway.state.delayMs = 20;
    const taken = await Promise.all([dispatch(), dispatch(), dispatch(), dispatch()]);
    gateway.state.delayMs = 0;
    const rows = (await Promise.all(ids.map(rowsOf))).flat();
    expect(rows).toHaveLength(60);
    expect(taken.reduce((a, b) => a + b, 0)).toBe(60);
    expect(rows.every((r) => r.state === "delivered" && r.attempts === 1)).toBe(true);
    const keys = gateway.received
      .filter((r) => ids.includes(r.json.to.userId))
      .map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(60);
    expect(new Set(keys).size).toBe(60);

    // A dispatcher claimed a row and died: nobody takes it before its claim expires, then one does.
    const [lost] = await listeners(1, "605", { sms: false, wechat: true });
    await send([must(lost)], "team_approved", teamApproved);
    const row = must((await rowsOf(must(lost)))[0]);
    await t.database.db
      .update(outbox)
      .set({ state: "sending", claimToken: "dead", attempts: 1, nextAttemptAt: t.clock.ms + M })
      .where(eq(outbox.id, row.id));
    expect(await dispatch()).toBe(0);
    t.clock.ms += M;
    expect(await dispatch()).toBe(1);
    expect(must((await rowsOf(must(lost)))[0])).toMatchObject({ state: "delivered", attempts: 2, claimToken: null });
  });
});

describe("messages written outside notify", () => {
  it("a gift of points to a household reaches its member who chose WeChat, and only once", async () => {
    const resident = await t.agent().login(DEMO.resident);
    const residentId = await userOf(resident);
    await resident.put("/api/me/channels", { sms: false, wechat: true });
    const householdId = (await resident.get("/api/me/points")).json.household.id as number;
    const [v] = await makeVolunteers(t, 1, "611");
    const giver = must(v);
    await grant(t, `volunteer:${await userOf(giver)}`, 30);
    const headers = { "idempotency-key": key("outbox-gift") };
    const gift = { to: { householdId }, amount: 10, message: "祝早日康复" };
    expect((await giver.post("/api/points/donations", gift, headers)).status).toBe(201);
    expect((await giver.post("/api/points/donations", gift, headers)).status).toBe(200);
    await dispatch();
    const sent = receivedBy(residentId).filter((r) => r.json.kind === "points_donated");
    expect(sent.map((r) => [r.channel, r.json.text])).toEqual([
      ["wechat", "【同心】您收到10积分的转赠，请登录同心查看。"],
    ]);
  });
});

describe("a gateway that cannot be reached", () => {
  it("leaves the row to be tried again, with the network error's code and without the gateway's address", async () => {
    const closed = await startReceiver();
    closed.close();
    const [userId] = await listeners(1, "610", { sms: false, wechat: true });
    const id = must(userId);
    await send([id], "team_approved", teamApproved);
    const deps = { ...t.deps, config: { ...t.deps.config, channels: { wechat: { url: closed.url, secret: SECRET } } } };
    expect(await dispatchOutbox(deps)).toBe(1);
    expect(must((await rowsOf(id))[0])).toMatchObject({
      state: "pending",
      attempts: 1,
      lastError: "ECONNREFUSED",
      nextAttemptAt: t.clock.ms + M,
    });
  });
});

describe("without a gateway (development, the demo)", () => {
  it("a message goes to the log as one JSON line with the phone masked, and counts as delivered", async () => {
    const [userId] = await listeners(1, "609", { sms: true, wechat: false });
    const id = must(userId);
    await send([id], "team_approved", teamApproved);
    const lines: { msg: string; fields?: Record<string, unknown> }[] = [];
    const deps = {
      ...t.deps,
      config: { ...t.deps.config, channels: {} },
      log: (_level: string, msg: string, fields?: Record<string, unknown>) => void lines.push({ msg, fields }),
    };
    expect(await dispatchOutbox(deps)).toBe(1);
    expect(receivedBy(id)).toEqual([]);
    expect(lines).toEqual([
      {
        msg: "message sent to log",
        fields: expect.objectContaining({ channel: "sms", kind: "team_approved", to: "160****0000" }),
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain("16090000000");
    expect(must((await rowsOf(id))[0]).state).toBe("delivered");
  });
});

describe("quiet hours", () => {
  it("hold a non-urgent SMS from 21:00 until 08:00 Shanghai time; urgent SMS and WeChat go at night", async () => {
    const [userId] = await listeners(1, "606", { sms: true, wechat: true });
    const id = must(userId);
    t.clock.ms = at("2026-12-01T22:30:00");
    await send([id], "team_approved", teamApproved);
    await send([id], "shift_reminder", {
      shiftId: 1,
      activityId: 1,
      title: "夜间巡逻",
      startsAt: t.clock.ms + 2 * 60 * M,
      endsAt: t.clock.ms + 4 * 60 * M,
      place: "社区东门",
      lead: "twoHours",
      path: "/activities/1",
    });
    await dispatch();
    const sent = receivedBy(id).map((r) => `${r.channel} ${r.json.kind}`);
    expect(sent.sort()).toEqual(["sms shift_reminder", "wechat shift_reminder", "wechat team_approved"]);
    const held = must((await rowsOf(id)).find((r) => r.channel === "sms" && r.kind === "team_approved"));
    expect(held).toMatchObject({
      state: "pending",
      attempts: 0,
      urgent: false,
      nextAttemptAt: at("2026-12-02T08:00:00"),
    });

    t.clock.ms = at("2026-12-02T07:59:00");
    await dispatch();
    expect(receivedBy(id)).toHaveLength(3);
    t.clock.ms = at("2026-12-02T08:00:00");
    await dispatch();
    expect(receivedBy(id).map((r) => `${r.channel} ${r.json.kind}`)).toContain("sms team_approved");
  });
});

describe("unsubscribing (退订)", () => {
  it("skips what still waits and sends nothing more outside the app; the inbox still gets every message", async () => {
    const [v] = await makeVolunteers(t, 1, "607");
    const me = must(v);
    const userId = await userOf(me);
    await me.put("/api/me/channels", { sms: true, wechat: true });
    t.clock.ms = at("2026-12-02T22:00:00"); // the SMS waits for morning, WeChat goes now
    await send([userId], "team_approved", teamApproved);
    await me.put("/api/me/channels", { sms: false, wechat: false });
    expect((await rowsOf(userId)).map((r) => r.state)).toEqual(["skipped", "skipped"]);
    await send([userId], "points_donated", { amount: 5, message: "谢谢", path: "/points" });
    t.clock.ms = at("2026-12-03T09:00:00");
    await dispatch();
    expect(receivedBy(userId)).toEqual([]);
    expect(await rowsOf(userId)).toHaveLength(2);
    expect((await me.get("/api/me/notifications")).json.unread).toBe(2);
  });

  it("is checked again when the row is sent: a choice turned off meanwhile leaves the row unsent", async () => {
    const [userId] = await listeners(1, "608", { sms: false, wechat: true });
    const id = must(userId);
    await send([id], "team_approved", teamApproved);
    // Turned off behind the outbox's back (the row stays pending): the dispatcher checks the choice again.
    await t.database.db.update(messageChannels).set({ wechat: false }).where(eq(messageChannels.userId, id));
    await dispatch();
    expect(receivedBy(id)).toEqual([]);
    expect(must((await rowsOf(id))[0]).state).toBe("skipped");
  });
});

describe("delivery state for staff", () => {
  it("lists the community's residents' deliveries newest first, masked, by cursor and state; no other community's staff reads them", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const seen: { id: number; recipient: { phone: string; name: string }; state: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<Agent["get"]>> = await staff.get(
        `/api/communities/1/deliveries?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.json.items);
      cursor = res.json.nextCursor;
    } while (cursor);
    const all = await t.database.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.communityId, 1));
    expect(seen.map((r) => r.id)).toEqual(all.map((r) => r.id).sort((a, b) => b - a));
    expect(seen.every((r) => /^1\d\d\*{4}\d{4}$/.test(r.recipient.phone))).toBe(true);
    expect(JSON.stringify(seen)).not.toMatch(/1\d{10}/);

    const failed = await staff.get("/api/communities/1/deliveries?state=failed");
    expect(failed.json.items.length).toBeGreaterThanOrEqual(2);
    expect(
      failed.json.items.every((r: { state: string; lastError: string }) => r.state === "failed" && r.lastError),
    ).toBe(true);
    expect((await staff.get("/api/communities/1/deliveries?state=lost")).status).toBe(400);
    expect((await staff.get("/api/communities/1/deliveries?cursor=garbage")).json.error).toMatchObject({
      reason: "bad_cursor",
      issues: [{ path: "cursor" }],
    });

    // Staff of community 2 only: refused on community 1, and community 2's list holds none of 1's rows.
    const [other] = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.phone, DEMO.committeeMember2));
    await t.database.db.insert(roleGrants).values({
      userId: must(other).id,
      role: "communityStaff",
      scopeKind: "community",
      scopeId: 2,
      createdAt: t.clock.ms,
    });
    const otherStaff = await t.agent().login(DEMO.committeeMember2);
    expect((await otherStaff.get("/api/communities/1/deliveries")).status).toBe(403);
    const theirs = await otherStaff.get("/api/communities/2/deliveries?limit=100");
    expect(theirs.status).toBe(200);
    const ours = new Set(all.map((r) => r.id));
    expect(theirs.json.items.filter((r: { id: number }) => ours.has(r.id))).toEqual([]);
    expect((await otherStaff.get("/api/communities/999999/deliveries")).status).toBe(404);

    const volunteer = await t.agent().login(DEMO.volunteer);
    expect((await volunteer.get("/api/communities/1/deliveries")).status).toBe(403);
  });
});
