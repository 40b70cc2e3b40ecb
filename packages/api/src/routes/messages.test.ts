import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, isNull } from "drizzle-orm";
import { notifications, ratingNominations, roleGrants } from "../db/schema";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

type Note = { id: number; kind: string; payload: Record<string, unknown>; read: boolean };

/** Appoints a resident of another community to a role there (the demo staffs only 和平社区); answers their user id. */
async function appointIn(communityId: number, role: "communityStaff" | "committeeMember"): Promise<number> {
  const [resident] = await t.database.db
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, "resident"), eq(roleGrants.scopeId, communityId), isNull(roleGrants.revokedAt)))
    .orderBy(asc(roleGrants.id))
    .limit(1);
  await t.database.db.insert(roleGrants).values({
    userId: must(resident).userId,
    role,
    scopeKind: "community",
    scopeId: communityId,
    createdAt: t.clock.ms,
  });
  return must(resident).userId;
}

/** Every message a user has now, newest first, straight from the table. */
async function inboxOf(userId: number): Promise<Note[]> {
  const rows = await t.database.db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.id));
  return rows.reverse().map((r) => ({
    id: r.id,
    kind: r.kind,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    read: r.readAt !== null,
  }));
}
const aboutRequest = (notes: Note[], requestId: number) => notes.filter((n) => n.payload.requestId === requestId);

const post = async (agent: Agent, body: Record<string, unknown>) => {
  const res = await agent.post("/api/requests", body);
  if (res.status !== 201) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.id as number;
};

describe("messages about a request name it and speak to each reader's role", () => {
  it("a new request reaches the community's staff and the grid's worker as 新需求 naming it, never another community's staff", async () => {
    const elsewhere = await appointIn(2, "communityStaff");
    const resident = await t.agent().login(DEMO.resident);
    const id = await post(resident, {
      kind: "wish",
      category: "item",
      description: "想要一台助行器，方便下楼买菜和去社区医院复诊",
    });
    const expected = {
      kind: "request_new",
      payload: {
        requestId: id,
        kind: "wish",
        category: "item",
        summary: "想要一台助行器，方便下楼买菜和去社区医院…",
        path: `/requests/${id}`,
      },
    };
    expect(aboutRequest(await inboxOf(await userIdOf(t, DEMO.communityStaff)), id)).toEqual([
      expect.objectContaining(expected),
    ]);
    expect(aboutRequest(await inboxOf(await userIdOf(t, DEMO.gridWorker)), id)).toEqual([
      expect.objectContaining(expected),
    ]);
    expect(aboutRequest(await inboxOf(elsewhere), id)).toEqual([]);
    expect(aboutRequest(await inboxOf(await userIdOf(t, DEMO.resident)), id)).toEqual([]);
    expect(aboutRequest(await inboxOf(await userIdOf(t, DEMO.committeeMember)), id)).toEqual([]);
  });

  it("a grid worker posting for a resident is not told of her own posting; the community's staff are", async () => {
    const worker = await t.agent().login(DEMO.gridWorker);
    const id = await post(worker, {
      kind: "wish",
      category: "item",
      description: "代居民申请助行器",
      ownerUserId: await userIdOf(t, DEMO.resident),
    });
    expect(aboutRequest(await inboxOf(await userIdOf(t, DEMO.gridWorker)), id)).toEqual([]);
    expect(aboutRequest(await inboxOf(await userIdOf(t, DEMO.communityStaff)), id).map((n) => n.kind)).toEqual([
      "request_new",
    ]);
  });

  it("the resident is told that a grid worker posted in her name, by whom, naming the request; one who posts for herself is not", async () => {
    const worker = await t.agent().login(DEMO.gridWorker);
    const residentId = await userIdOf(t, DEMO.resident);
    const id = await post(worker, {
      kind: "wish",
      category: "item",
      description: "代居民申请一副老花镜",
      ownerUserId: residentId,
    });
    const [told] = aboutRequest(await inboxOf(residentId), id);
    expect(told).toMatchObject({
      kind: "request_posted_for_you",
      payload: {
        requestId: id,
        category: "item",
        summary: "代居民申请一副老花镜",
        postedBy: "gridWorker",
        posterName: expect.any(String),
        path: `/requests/${id}`,
      },
    });
    expect((must(told).payload.posterName as string).length).toBeGreaterThan(0);
    const own = await post(await t.agent().login(DEMO.resident), {
      kind: "wish",
      category: "item",
      description: "自己想要一个暖水袋",
    });
    expect(aboutRequest(await inboxOf(residentId), own)).toEqual([]);
  });

  it("the assignee is told 您被派单 naming the request; the resident hears of her request's progress; the one who assigned hears nothing", async () => {
    const resident = await t.agent().login(DEMO.resident);
    const id = await post(resident, { kind: "service", category: "companionship", description: "周六上午陪我去医院" });
    const worker = await t.agent().login(DEMO.gridWorker);
    const workerId = await userIdOf(t, DEMO.gridWorker);
    const before = aboutRequest(await inboxOf(workerId), id).length;
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    expect(
      (await worker.post(`/api/requests/${id}/assign`, { holderKey: `volunteer:${volunteerId}` })).json.status,
    ).toBe("assigned");
    const subject = {
      requestId: id,
      kind: "service",
      category: "companionship",
      summary: "周六上午陪我去医院",
      path: `/requests/${id}`,
    };
    expect(aboutRequest(await inboxOf(volunteerId), id)).toEqual([
      expect.objectContaining({
        kind: "request_assigned",
        payload: { ...subject, action: "assign", status: "assigned" },
      }),
    ]);
    expect(aboutRequest(await inboxOf(await userIdOf(t, DEMO.resident)), id)[0]).toMatchObject({
      kind: "request_changed",
      payload: { ...subject, action: "assign", status: "assigned" },
    });
    expect(aboutRequest(await inboxOf(workerId), id)).toHaveLength(before);
    expect((await inboxOf(volunteerId)).some((n) => n.payload.requestId === id && n.kind === "request_changed")).toBe(
      false,
    );
  });

  it("when a request is marked done the resident is prompted to confirm it, with a link to the confirmation", async () => {
    const resident = await t.agent().login(DEMO.resident);
    const id = await post(resident, { kind: "wish", category: "item", description: "冬天的暖水袋" });
    await (await t.agent().login(DEMO.gridWorker)).post(`/api/requests/${id}/accept`);
    const volunteer = await t.agent().login(DEMO.volunteer);
    await volunteer.post(`/api/requests/${id}/claim`);
    expect((await volunteer.post(`/api/requests/${id}/complete`)).json.status).toBe("done");
    const prompt = aboutRequest(await inboxOf(await userIdOf(t, DEMO.resident)), id)[0];
    expect(prompt).toMatchObject({
      kind: "request_confirm",
      read: false,
      payload: { requestId: id, summary: "冬天的暖水袋", status: "done", path: `/requests/${id}#confirm` },
    });
    await resident.post(`/api/requests/${id}/confirm`, { rating: 5 });
    expect(aboutRequest(await inboxOf(await userIdOf(t, DEMO.volunteer)), id)[0]).toMatchObject({
      kind: "request_holder",
      payload: { status: "closed", summary: "冬天的暖水袋" },
    });
  });
});

describe("an objection to a rating notice", () => {
  it("reaches the community's committee (to answer) and the nominee (without who objected or what they wrote), no one elsewhere", async () => {
    const notices = (await t.agent().get("/api/public/notices?communityId=1")).json.items as {
      cycleId: number;
      entries: { nominationId: number }[];
    }[];
    const cycle = must(notices.find((n) => n.entries.length > 0));
    // The demo resident already objected to the first entry (seeded); one objection each.
    const nominationId = must(cycle.entries[cycle.entries.length - 1]).nominationId;
    const [nomination] = await t.database.db
      .select()
      .from(ratingNominations)
      .where(eq(ratingNominations.id, nominationId));
    expect(must(nomination).subjectKey).toMatch(/^user:/);
    const nomineeId = Number(must(nomination).subjectKey.split(":")[1]);
    const elsewhere = await appointIn(2, "committeeMember");
    const resident = await t.agent().login(DEMO.resident);
    expect(
      (
        await resident.post(`/api/rating-nominations/${nominationId}/objections`, {
          reason: "他上个月没来服务，电话13812345678",
        })
      ).status,
    ).toBe(201);

    for (const phone of [DEMO.committeeMember, DEMO.committeeMember2]) {
      const [note] = (await inboxOf(await userIdOf(t, phone))).filter((n) => n.kind === "rating_objection");
      expect(must(note).payload).toMatchObject({
        cycleId: cycle.cycleId,
        nominationId,
        path: `/ratings/cycles/${cycle.cycleId}`,
      });
      expect(must(note).payload.cycleTitle).toEqual(expect.any(String));
      expect(must(note).payload.entryName).toEqual(expect.any(String));
    }
    const [told] = (await inboxOf(nomineeId)).filter((n) => n.kind === "rating_objection_nominee");
    expect(must(told).payload).toEqual({ cycleId: cycle.cycleId, cycleTitle: expect.any(String), path: "/notices/1" });
    const residentName = (await resident.get("/api/me")).json.user.name as string;
    expect(JSON.stringify(told)).not.toMatch(new RegExp(`${residentName}|13812345678|上个月|${DEMO.resident}`));
    expect((await inboxOf(elsewhere)).filter((n) => n.kind.startsWith("rating_objection"))).toEqual([]);
    expect(
      (await inboxOf(await userIdOf(t, DEMO.resident))).filter((n) => n.kind.startsWith("rating_objection")),
    ).toEqual([]);
  });
});

describe("the inbox", () => {
  it("lists unread messages first with their count, then read ones, by cursor; marking the shown ones read loses none", async () => {
    const volunteer = await t.agent().login(DEMO.teamLeader);
    const me = (await volunteer.get("/api/me")).json.user.id as number;
    await volunteer.post("/api/me/notifications/read", {});
    const payload = { amount: 1, message: "谢谢", path: "/me/points" };
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        must(
          (
            await t.database.db
              .insert(notifications)
              .values({
                userId: me,
                kind: "points_donated",
                payload: JSON.stringify({ ...payload, message: `第${i}条` }),
                createdAt: t.clock.ms,
              })
              .returning()
          )[0],
        ).id,
      );
    const first = await volunteer.get("/api/me/notifications?limit=2");
    expect(first.json.unread).toBe(5);
    expect(first.json.items.map((n: Note) => n.id)).toEqual([ids[4], ids[3]]);
    expect(first.json.items[0]).toMatchObject({
      kind: "points_donated",
      read: false,
      payload: { amount: 1, message: "第4条", path: "/me/points" },
    });
    // The reader marks what she was shown; a message arriving meanwhile stays unread.
    expect((await volunteer.post("/api/me/notifications/read", { ids: [ids[4], ids[3]] })).status).toBe(200);
    const seen = new Map<number, boolean>();
    for (const n of first.json.items as Note[]) seen.set(n.id, n.read);
    let cursor = first.json.nextCursor as string | null;
    const order: boolean[] = [];
    while (cursor) {
      const page = await volunteer.get(`/api/me/notifications?limit=2&cursor=${cursor}`);
      expect(page.status).toBe(200);
      for (const n of page.json.items as Note[]) {
        order.push(n.read);
        if (!seen.has(n.id)) seen.set(n.id, n.read);
      }
      cursor = page.json.nextCursor;
    }
    for (const id of ids) expect(seen.has(id)).toBe(true);
    expect(order.slice(0, 3)).toEqual([false, false, false]); // the rest of the unread come before any read one
    expect(order.slice(3).every((read) => read)).toBe(true);
    expect((await volunteer.get("/api/me/notifications")).json.unread).toBe(3);
    expect((await volunteer.get("/api/me/notifications?cursor=not-a-cursor")).status).toBe(400);
  });

  it("one reader cannot mark another's messages read", async () => {
    const resident = await t.agent().login(DEMO.resident);
    const staffId = await userIdOf(t, DEMO.communityStaff);
    const [theirs] = await t.database.db
      .insert(notifications)
      .values({
        userId: staffId,
        kind: "points_fund_empty",
        payload: JSON.stringify({ communityId: 1, points: 3, path: "/admin/points?community=1" }),
        createdAt: t.clock.ms,
      })
      .returning();
    await resident.post("/api/me/notifications/read", { ids: [must(theirs).id] });
    expect(must((await inboxOf(staffId)).find((n) => n.id === must(theirs).id)).read).toBe(false);
  });
});
