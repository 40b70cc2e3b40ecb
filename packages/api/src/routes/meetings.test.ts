import { and, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEETING_RULES_DEFAULT, must } from "@tongxin/core";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import {
  buildings,
  meetingAgenda,
  meetings,
  meetingVotes,
  notifications,
  roleGrants,
  topicSteps,
  topics,
  users,
} from "../db/schema";
import { castVote } from "../services/meeting/vote";

let t: TestApp;
let staff: Agent;
let member: Agent;
let member2: Agent;
let resident: Agent;
let residentId: number;
let memberId: number;
let member2Id: number;
beforeAll(async () => {
  t = await testApp();
  staff = await t.agent().login(DEMO.communityStaff);
  member = await t.agent().login(DEMO.committeeMember);
  member2 = await t.agent().login(DEMO.committeeMember2);
  resident = await t.agent().login(DEMO.resident);
  residentId = (await resident.get("/api/me")).json.user.id;
  memberId = (await member.get("/api/me")).json.user.id;
  member2Id = (await member2.get("/api/me")).json.user.id;
});
afterAll(() => t.cleanup());

/** Topics belong to the topics helper's verbs; here one is put straight into deliberation. */
async function topic(communityId = 1, status: "deliberating" | "proposed" = "deliberating") {
  const [row] = await t.database.db
    .insert(topics)
    .values({
      communityId,
      proposerUserId: residentId,
      title: "修好三号楼楼道灯",
      description: "三号楼二单元楼道灯坏了一个月",
      status,
      procedure: status === "deliberating" ? "yizheng" : null,
      stepIndex: status === "deliberating" ? 2 : null,
      createdAt: t.clock.ms,
      updatedAt: t.clock.ms,
    })
    .returning({ id: topics.id });
  return must(row).id;
}

const plan = (topicIds: number[], extra: Record<string, unknown> = {}) => ({
  body: "twoCommittees",
  title: "十二月两委会议",
  place: "社区党群服务中心二楼",
  startsAt: "2026-12-05T09:00:00+08:00",
  topicIds,
  ...extra,
});

async function twoCommitteesOf(communityId: number) {
  const rows = await t.database.db
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(
      and(
        inArray(roleGrants.role, ["communityStaff", "committeeMember"]),
        eq(roleGrants.scopeKind, "community"),
        eq(roleGrants.scopeId, communityId),
        isNull(roleGrants.revokedAt),
      ),
    );
  return rows.filter((r, i) => rows.findIndex((o) => o.userId === r.userId) === i);
}

async function openMeeting(topicIds: number[], extra: Record<string, unknown> = {}) {
  const created = await staff.post("/api/communities/1/meetings", plan(topicIds, extra));
  expect(created.status).toBe(201);
  expect((await staff.post(`/api/meetings/${created.json.id}/transitions`, { action: "open" })).status).toBe(200);
  return created.json.id as number;
}

describe("planning a meeting", () => {
  it("staff plan a 两委 meeting with its agenda: every member is invited and told in their inbox, and it is listed", async () => {
    const topicId = await topic();
    const created = await staff.post("/api/communities/1/meetings", plan([topicId]));
    expect(created.status).toBe(201);
    const members = await twoCommitteesOf(1);
    expect(created.json).toMatchObject({ status: "planned", invited: members.length });
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.userId, memberId));
    expect(notes.some((n) => n.kind === "meeting_invited" && n.payload.includes(`/meetings/${created.json.id}`))).toBe(
      true,
    );
    const list = await staff.get("/api/communities/1/meetings?limit=1");
    expect(list.json.items[0]).toMatchObject({ id: created.json.id, body: "twoCommittees", status: "planned" });
    expect((await member.get("/api/me/meetings")).json.items[0]).toMatchObject({ id: created.json.id, reply: null });
  });

  it("refuses bad input with the field, other communities' ids, residents without the role and strangers", async () => {
    const topicId = await topic();
    const bad = await staff.post("/api/communities/1/meetings", plan([topicId], { body: "council" }));
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe("body");
    expect((await staff.post("/api/communities/1/meetings", plan([topicId, topicId]))).status).toBe(400);
    // A day not on the calendar is refused, not moved to March.
    for (const startsAt of ["2027-02-30T10:00:00+08:00", "2026-04-31T10:00:00+08:00"]) {
      const impossible = await staff.post("/api/communities/1/meetings", plan([topicId], { startsAt }));
      expect([impossible.status, impossible.json.error.issues[0].path]).toEqual([400, "startsAt"]);
    }
    expect((await t.agent().post("/api/communities/1/meetings", plan([topicId]))).status).toBe(401);
    expect((await resident.post("/api/communities/1/meetings", plan([topicId]))).status).toBe(403);
    expect((await staff.post("/api/communities/2/meetings", plan([topicId]))).status).toBe(403);
    expect((await staff.post("/api/communities/999/meetings", plan([topicId]))).status).toBe(404);
    expect((await staff.get("/api/communities/2/meetings")).status).toBe(403);
    expect((await resident.get("/api/communities/1/meetings")).status).toBe(403);
    expect((await staff.get("/api/communities/1/meetings?cursor=nonsense")).status).toBe(400);
    const elsewhere = await staff.post("/api/communities/1/meetings", plan([await topic(2)]));
    expect([elsewhere.status, elsewhere.json.error.reason]).toEqual([422, "wrong_community"]);
    const proposed = await staff.post("/api/communities/1/meetings", plan([await topic(1, "proposed")]));
    expect([proposed.status, proposed.json.error.reason]).toEqual([422, "topic_not_deliberating"]);
    expect((await staff.post("/api/communities/1/meetings", plan([999_999]))).status).toBe(404);
    const bench = await staff.post("/api/communities/1/meetings", plan([topicId], { body: "bench" }));
    expect([bench.status, bench.json.error.reason]).toEqual([422, "building_required"]);
  });

  it("a topic waits on one meeting of a body at a time, so staff cannot keep the result they like", async () => {
    const topicId = await topic();
    expect((await staff.post("/api/communities/1/meetings", plan([topicId]))).status).toBe(201);
    const second = await staff.post("/api/communities/1/meetings", plan([topicId]));
    expect([second.status, second.json.error.reason]).toEqual([409, "topic_on_agenda"]);
    // Another body may have it on its agenda meanwhile.
    expect((await staff.post("/api/communities/1/meetings", plan([topicId], { body: "partyMembers" }))).status).toBe(
      201,
    );
  });

  it("a bench meeting invites the building's residents and its grid's workers", async () => {
    const [me] = await t.database.db.select().from(users).where(eq(users.id, residentId));
    const buildingId = must(must(me).buildingId);
    const created = await staff.post(
      "/api/communities/1/meetings",
      plan([await topic()], { body: "bench", buildingId }),
    );
    expect(created.status).toBe(201);
    const residents = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.buildingId, buildingId), isNull(users.disabledAt)));
    const shown = await staff.get(`/api/meetings/${created.json.id}`);
    const invited = shown.json.invitations as { userId: number; seat: string }[];
    expect(invited.filter((i) => i.seat === "resident").length).toBe(residents.length);
    expect(invited.some((i) => i.userId === residentId)).toBe(true);
    const [building] = await t.database.db.select().from(buildings).where(eq(buildings.id, buildingId));
    expect(must(building).communityId).toBe(1);
    expect(invited.some((i) => i.seat === "gridWorker")).toBe(true);
    // a resident invited sees the meeting and their own part, not who else was invited
    const mine = await resident.get(`/api/meetings/${created.json.id}`);
    expect(mine.json).toMatchObject({ invitations: null, manages: false, me: { reply: null, votes: [] } });
  });
});

describe("holding a meeting", () => {
  it("members reply, check in by QR or by hand, vote once each, and the count records the decision", async () => {
    const topicId = await topic();
    const created = await staff.post("/api/communities/1/meetings", plan([topicId]));
    const id = created.json.id as number;
    expect((await member.post(`/api/meetings/${id}/reply`, { reply: "attend" })).json.reply).toBe("attend");
    expect((await resident.post(`/api/meetings/${id}/reply`, { reply: "attend" })).status).toBe(403);
    expect((await member.post(`/api/meetings/${id}/reply`, { reply: "maybe" })).status).toBe(400);
    // not in session yet
    expect((await staff.post(`/api/meetings/${id}/qr`)).status).toBe(409);
    expect((await member.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "for" })).status).toBe(409);
    expect((await staff.post(`/api/meetings/${id}/transitions`, { action: "open" })).json.status).toBe("open");
    expect((await staff.post(`/api/meetings/${id}/transitions`, { action: "open" })).status).toBe(409);

    const early = await member.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "for" });
    expect([early.status, early.json.error.reason]).toEqual([422, "not_checked_in"]);
    const stranger = await resident.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "for" });
    expect([stranger.status, stranger.json.error.reason]).toEqual([403, "not_invited"]);

    const { token } = (await staff.post(`/api/meetings/${id}/qr`)).json;
    expect((await member.post(`/api/meetings/${id}/checkins`, { token: `${token}x` })).status).toBe(422);
    expect((await resident.post(`/api/meetings/${id}/checkins`, { token })).status).toBe(403);
    expect((await member.post(`/api/meetings/${id}/checkins`, { token })).status).toBe(200);
    // Present now: declining would contradict the attendance the quorum counts.
    const decline = await member.post(`/api/meetings/${id}/reply`, { reply: "decline" });
    expect([decline.status, decline.json.error.reason]).toEqual([409, "already_present"]);
    expect((await member.get(`/api/meetings/${id}`)).json.me.reply).toBe("attend");
    expect((await member.post(`/api/shifts/1/checkins`, { token })).status).not.toBe(200);
    expect((await resident.post(`/api/meetings/${id}/attendance`, { userId: member2Id })).status).toBe(403);
    expect((await staff.post(`/api/meetings/${id}/attendance`, { userId: residentId })).status).toBe(403);
    const ticked = await staff.post(`/api/meetings/${id}/attendance`, { userId: member2Id });
    expect(ticked.json).toMatchObject({ method: "hand" });
    const staffId = (await staff.get("/api/me")).json.user.id;
    // Nobody ticks themselves present: staff check in by the QR code like every member.
    const own = await staff.post(`/api/meetings/${id}/attendance`, { userId: staffId });
    expect([own.status, own.json.error.reason]).toEqual([422, "own_attendance"]);
    expect((await staff.post(`/api/meetings/${id}/checkins`, { token })).status).toBe(200);

    expect((await member.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "for" })).status).toBe(201);
    const again = await member.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "against" });
    expect([again.status, again.json.error.reason]).toEqual([409, "already_voted"]);
    expect((await member2.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "perhaps" })).status).toBe(400);
    expect((await member2.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "for" })).status).toBe(201);
    expect(
      (await staff.post(`/api/meetings/${id}/topics/${topicId}/conflict`, { reason: "我家住三号楼" })).status,
    ).toBe(200);
    const conflicted = await staff.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "against" });
    expect([conflicted.status, conflicted.json.error.reason]).toEqual([403, "conflict_declared"]);
    expect((await member.post(`/api/meetings/${id}/topics/999999/votes`, { choice: "for" })).status).toBe(404);

    // nobody sees a running count
    const during = await member.get(`/api/meetings/${id}`);
    expect(during.json.agenda[0].count).toBeNull();
    expect(during.json.me.votes).toEqual([{ topicId, choice: "for" }]);

    expect((await resident.post(`/api/meetings/${id}/topics/${topicId}/count`)).status).toBe(403);
    const counted = await staff.post(`/api/meetings/${id}/topics/${topicId}/count`);
    expect(counted.status).toBe(200);
    expect(counted.json).toMatchObject({ topicId, for: 2, against: 0, excluded: 1, quorum: true, passed: true });
    expect((await staff.post(`/api/meetings/${id}/topics/${topicId}/count`)).status).toBe(409);
    const [row] = await t.database.db.select().from(meetingAgenda).where(eq(meetingAgenda.meetingId, id));
    expect(must(row).passed).toBe(true);
    expect(must(row).decidedAt).toBe(t.clock.ms);
    // The topic stood at 两委商议: the count recorded that step with the meeting and moved it to 党员大会审议.
    expect(counted.json.movedOn).toBe(true);
    const [moved] = await t.database.db.select().from(topics).where(eq(topics.id, topicId));
    expect(moved).toMatchObject({ status: "deliberating", stepIndex: 3, currentStep: "review" });
    const [step] = await t.database.db.select().from(topicSteps).where(eq(topicSteps.topicId, topicId));
    expect(step).toMatchObject({ stepKey: "discuss", outcome: "passed", meetingId: id });
    expect(must(step).note).toContain("赞成2，反对0，弃权0，通过");

    const shown = await staff.get(`/api/meetings/${id}`);
    expect(shown.json.agenda[0]).toMatchObject({ topicId, passed: true, count: { for: 2 } });
    expect(JSON.stringify(shown.json)).not.toMatch(/1[3-9]\d{9}/);
    expect(shown.json.invitations.find((i: { userId: number }) => i.userId === memberId)).toMatchObject({
      reply: "attend",
      checkInMethod: "qr",
    });
    expect((await resident.get(`/api/meetings/${id}`)).status).toBe(403);
    const audit = await staff.get("/api/audit?communityId=1");
    expect(audit.json.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["meeting.create", "meeting.open", "meeting.attendance", "meeting.count"]),
    );
  });

  it("closing counts and moves on only the topics standing at this body's step; another keeps the decision", async () => {
    const atDiscuss = await topic();
    const atConsult = await topic();
    await t.database.db.update(topics).set({ stepIndex: 0 }).where(eq(topics.id, atConsult));
    const id = await openMeeting([atDiscuss, atConsult]);
    for (const userId of [memberId, member2Id]) await staff.post(`/api/meetings/${id}/attendance`, { userId });
    const { token } = (await staff.post(`/api/meetings/${id}/qr`)).json;
    expect((await staff.post(`/api/meetings/${id}/checkins`, { token })).status).toBe(200);
    for (const voter of [member, member2, staff])
      for (const topicId of [atDiscuss, atConsult])
        expect((await voter.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "against" })).status).toBe(
          201,
        );
    const closed = await staff.post(`/api/meetings/${id}/transitions`, { action: "close" });
    expect(closed.json.counted).toEqual([
      { topicId: atDiscuss, passed: false, movedOn: true },
      { topicId: atConsult, passed: false, movedOn: false },
    ]);
    const rows = await t.database.db
      .select()
      .from(topics)
      .where(inArray(topics.id, [atDiscuss, atConsult]));
    expect(rows.find((r) => r.id === atDiscuss)).toMatchObject({ status: "rejected", currentStep: null });
    expect(rows.find((r) => r.id === atConsult)).toMatchObject({ status: "deliberating", stepIndex: 0 });
    const steps = await t.database.db
      .select()
      .from(topicSteps)
      .where(inArray(topicSteps.topicId, [atDiscuss, atConsult]));
    expect(steps.map((r) => [r.topicId, r.stepKey, r.outcome])).toEqual([[atDiscuss, "discuss", "rejected"]]);
  });

  it("without a quorum the count decides nothing: passed stays null on closing", async () => {
    const topicId = await topic();
    const id = await openMeeting([topicId]);
    const { token } = (await staff.post(`/api/meetings/${id}/qr`)).json;
    await member.post(`/api/meetings/${id}/checkins`, { token });
    expect((await member.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "for" })).status).toBe(201);
    const closed = await staff.post(`/api/meetings/${id}/transitions`, { action: "close" });
    expect(closed.json).toMatchObject({ status: "closed", counted: [{ topicId, passed: null }] });
    const [row] = await t.database.db.select().from(meetingAgenda).where(eq(meetingAgenda.meetingId, id));
    expect(must(row).passed).toBeNull();
    const shown = await member.get(`/api/meetings/${id}`);
    expect(shown.json.agenda[0].count).toMatchObject({ quorum: false, passed: null, for: 1 });
    const late = await member2.post(`/api/meetings/${id}/topics/${topicId}/votes`, { choice: "for" });
    expect([late.status, late.json.error.reason]).toEqual([409, "meeting_not_open"]);
  });

  it("minutes are 1 to 10000 characters, kept by version, by staff only", async () => {
    const id = await openMeeting([]);
    const { version } = (await staff.get(`/api/meetings/${id}`)).json;
    expect((await staff.put(`/api/meetings/${id}/minutes`, { minutes: "", version })).status).toBe(400);
    expect((await staff.put(`/api/meetings/${id}/minutes`, { minutes: "记".repeat(10_001), version })).status).toBe(
      400,
    );
    expect((await member.put(`/api/meetings/${id}/minutes`, { minutes: "纪要", version })).status).toBe(200);
    expect((await staff.put(`/api/meetings/${id}/minutes`, { minutes: "纪要", version })).status).toBe(409);
    expect((await resident.put(`/api/meetings/${id}/minutes`, { minutes: "纪要", version: version + 1 })).status).toBe(
      403,
    );
    expect((await staff.put(`/api/meetings/999999/minutes`, { minutes: "纪要", version })).status).toBe(404);
    const long = "会议记录。".repeat(2000);
    expect((await staff.put(`/api/meetings/${id}/minutes`, { minutes: long, version: version + 1 })).status).toBe(200);
    expect((await member.get(`/api/meetings/${id}`)).json.minutes).toBe(long);
  });
});

describe("every meeting route's door", () => {
  it("refuses strangers (401), another community's meeting to this community's staff (403) and unknown ids (404)", async () => {
    const [elsewhere] = await t.database.db
      .insert(meetings)
      .values({
        communityId: 2,
        body: "twoCommittees",
        title: "幸福里两委会议",
        place: "幸福里社区",
        startsAt: t.clock.ms,
        status: "open",
        createdBy: memberId,
        createdAt: t.clock.ms,
      })
      .returning({ id: meetings.id });
    const other = must(elsewhere).id;
    const topicId = await topic(2);
    await t.database.db.insert(meetingAgenda).values({ meetingId: other, topicId, position: 0 });
    const routes: [string, string, Record<string, unknown>?][] = [
      ["GET", "/api/meetings/:id"],
      ["POST", "/api/meetings/:id/transitions", { action: "close" }],
      ["PUT", "/api/meetings/:id/minutes", { minutes: "纪要", version: 1 }],
      ["POST", "/api/meetings/:id/qr"],
      ["POST", "/api/meetings/:id/attendance", { userId: memberId }],
      ["POST", `/api/meetings/:id/topics/${topicId}/count`],
      ["POST", "/api/meetings/:id/reply", { reply: "attend" }],
      ["POST", `/api/meetings/:id/topics/${topicId}/votes`, { choice: "for" }],
      ["POST", `/api/meetings/:id/topics/${topicId}/conflict`, { reason: "亲属" }],
    ];
    for (const [method, path, body] of routes) {
      const at = (id: number) => path.replace(":id", String(id));
      expect([path, (await t.agent().request(method, at(other), body)).status]).toEqual([path, 401]);
      expect([path, (await staff.request(method, at(other), body)).status]).toEqual([path, 403]);
      expect([path, (await staff.request(method, at(999_999), body)).status]).toEqual([path, 404]);
    }
    expect((await t.agent().get("/api/me/meetings")).status).toBe(401);
    expect((await t.agent().get("/api/communities/1/meetings")).status).toBe(401);
    expect((await resident.get("/api/communities/1/agenda-topics")).status).toBe(403);
    expect((await staff.get("/api/communities/2/agenda-topics")).status).toBe(403);
    expect((await staff.get("/api/communities/2/resident-reps")).status).toBe(403);
  });
});

describe("bodies and rules", () => {
  it("staff keep the residents' representatives: only people of the community", async () => {
    const people = await t.database.db.select({ id: users.id }).from(users).where(eq(users.communityId, 1)).limit(5);
    const ids = people.map((p) => p.id);
    expect((await resident.put("/api/communities/1/resident-reps", { userIds: ids })).status).toBe(403);
    expect((await staff.put("/api/communities/2/resident-reps", { userIds: ids })).status).toBe(403);
    const [other] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.communityId, 2)).limit(1);
    const wrong = await staff.put("/api/communities/1/resident-reps", { userIds: [...ids, must(other).id] });
    expect([wrong.status, wrong.json.error.reason]).toEqual([422, "belongs_elsewhere"]);
    expect((await staff.put("/api/communities/1/resident-reps", { userIds: ids })).json.count).toBe(5);
    expect(
      (await staff.get("/api/communities/1/resident-reps")).json.items.map((i: { userId: number }) => i.userId),
    ).toEqual([...ids].sort((a, b) => a - b));
  });

  it("a community's own rule replaces the default, and a rule that cannot be met is refused", async () => {
    const rule = {
      quorum: { numerator: 1, denominator: 3, strict: false },
      quorumMin: 1,
      quorumSeat: null,
      majority: { numerator: 1, denominator: 2, strict: true },
      majorityBase: "present",
      proposerExcluded: false,
    };
    expect((await resident.put("/api/communities/1/meeting-rules/twoCommittees", rule)).status).toBe(403);
    expect((await staff.put("/api/communities/1/meeting-rules/council", rule)).status).toBe(400);
    const impossible = { ...rule, quorum: { numerator: 1, denominator: 1, strict: true } };
    const refused = await staff.put("/api/communities/1/meeting-rules/twoCommittees", impossible);
    expect([refused.status, refused.json.error.reason]).toEqual([422, "invalid_meeting_rule"]);
    expect((await staff.put("/api/communities/1/meeting-rules/jointCommittee", rule)).status).toBe(200);
    const rules = (await staff.get("/api/communities/1/meeting-rules")).json.items;
    expect(rules.find((r: { body: string }) => r.body === "jointCommittee").rule).toEqual(rule);
    expect(rules.find((r: { body: string }) => r.body === "bench").rule).toEqual(MEETING_RULES_DEFAULT.bench);
    expect((await resident.get("/api/communities/1/meeting-rules")).status).toBe(403);
    expect((await staff.get("/api/communities/2/meeting-rules")).status).toBe(403);
    const created = await staff.post("/api/communities/1/meetings", plan([], { body: "jointCommittee" }));
    expect((await staff.get(`/api/meetings/${created.json.id}`)).json.rule.quorum).toEqual(rule.quorum);
  });
});

describe("the demo street", () => {
  it("holds a past 大党委联席会议 with partner units' representatives present, minutes and a counted vote recorded as the topic's joint step", async () => {
    const list = await staff.get("/api/communities/1/meetings?limit=100");
    const joint = list.json.items.find(
      (m: { body: string; status: string }) => m.body === "jointCommittee" && m.status === "closed",
    );
    const shown = await staff.get(`/api/meetings/${joint.id}`);
    expect(shown.json.minutes.length).toBeGreaterThan(50);
    const partners = shown.json.invitations.filter((i: { seat: string }) => i.seat === "partner");
    expect(partners.length).toBeGreaterThan(0);
    expect(
      partners.every((p: { attendedAt: string | null; partnerUnit: string }) => p.attendedAt && p.partnerUnit),
    ).toBe(true);
    const [item] = shown.json.agenda;
    expect(item).toMatchObject({ passed: true, count: { quorum: true } });
    const [step] = await t.database.db.select().from(topicSteps).where(eq(topicSteps.topicId, item.topicId));
    expect(step).toMatchObject({ stepIndex: 0, stepKey: "joint", outcome: "passed", meetingId: joint.id });
    const [topicRow] = await t.database.db.select().from(topics).where(eq(topics.id, item.topicId));
    expect(topicRow).toMatchObject({ procedure: "joint", stepIndex: 1, status: "deliberating" });
    expect((await staff.get("/api/communities/1/resident-reps")).json.items.length).toBeGreaterThan(0);
  });
});

describe("concurrency", () => {
  it("100 members voting at once, each twice, are counted once each", async () => {
    // The demo community has fewer than 100 people: make up the rest.
    const extra = Array.from({ length: 100 }, (_, i) => ({
      phone: `1990000${String(i).padStart(4, "0")}`,
      name: `代表${i}`,
      passwordHash: "x",
      communityId: 1,
      createdAt: t.clock.ms,
    }));
    const reps = await t.database.db.insert(users).values(extra).returning({ id: users.id });
    await staff.put("/api/communities/1/resident-reps", { userIds: reps.map((r) => r.id) });
    const topicId = await topic();
    const id = await openMeeting([topicId], { body: "residentReps" });
    for (const r of reps) await staff.post(`/api/meetings/${id}/attendance`, { userId: r.id });
    const call = (userId: number) => ({ deps: t.deps, actor: { userId, grants: [] }, requestId: "test" });
    const results = await Promise.all(
      reps.flatMap((r, i) => [
        castVote(call(r.id), id, topicId, i % 3 === 0 ? "against" : "for"),
        castVote(call(r.id), id, topicId, "abstain"),
      ]),
    );
    expect(results.filter((r) => r.ok).length).toBe(100);
    expect(results.filter((r) => !r.ok && r.reason === "already_voted").length).toBe(100);
    const stored = await t.database.db.select().from(meetingVotes).where(eq(meetingVotes.meetingId, id));
    expect(stored.length).toBe(100);
    expect(new Set(stored.map((v) => v.userId)).size).toBe(100);
    const counted = await staff.post(`/api/meetings/${id}/topics/${topicId}/count`);
    expect(counted.json.for + counted.json.against + counted.json.abstain).toBe(100);
    expect(counted.json).toMatchObject({ members: 100, present: 100, quorum: true });
  });
});
