import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { must, PHOTO_DATA_URL_CHARS_MAX, TOPIC_PHOTOS_MAX, type MeetingBody } from "@tongxin/core";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { makeVolunteers, userIdOf } from "../../test/volunteering";
import { Sessions } from "../auth/session";
import {
  auditLog,
  buildings,
  grids,
  meetingAgenda,
  meetings,
  notifications,
  requests,
  topicSupports,
  topics,
  users,
  volunteers,
  warnings,
} from "../db/schema";

// Community 1 (和平社区) is home to every demo account; community 2 (幸福里社区) is "another community".
let t: TestApp;
let staff: Agent;
let resident: Agent;
let neighbour: Agent;
let outsider: Agent;
beforeAll(async () => {
  t = await testApp();
  staff = await t.agent().login(DEMO.communityStaff);
  resident = await t.agent().login(DEMO.resident);
  neighbour = await t.agent().login(DEMO.volunteer);
  outsider = await signedIn(await residentOf(2));
});
afterAll(() => t.cleanup());

const DAY = 86_400_000;
const db = () => t.database.db;
const reasonOf = (res: { json: any }) => res.json?.error?.reason;
const PHOTO = "data:image/jpeg;base64,/9j/4AAQ";
const light = { title: "3号楼楼道灯坏了", description: "三单元二楼到四楼的楼道灯不亮，老人晚上上下楼不安全。" };

async function residentOf(communityId: number) {
  const [row] = await db()
    .select({ id: users.id })
    .from(users)
    .leftJoin(volunteers, eq(volunteers.userId, users.id))
    .where(and(eq(users.communityId, communityId), isNull(volunteers.userId)))
    .limit(1);
  return must(row).id;
}

async function signedIn(userId: number) {
  const cookie = await new Sessions(t.database).create(userId);
  const agent = t.agent();
  agent.cookie = `${cookie.name}=${cookie.value}`;
  return agent;
}

async function propose(by: Agent = resident, body: Record<string, unknown> = light, communityId = 1) {
  const res = await by.post(`/api/communities/${communityId}/topics`, body);
  expect(res.status).toBe(201);
  return res.json.id as number;
}

/** A topic of community 2, written as its own people would have. */
async function foreignTopic() {
  const [row] = await db()
    .insert(topics)
    .values({
      communityId: 2,
      proposerUserId: await residentOf(2),
      title: "幸福里的议题",
      description: "别的社区",
      status: "proposed",
      createdAt: t.clock.ms,
      updatedAt: t.clock.ms,
    })
    .returning({ id: topics.id });
  return must(row).id;
}

/** A meeting of the body with the topic on its agenda, decided (or not yet counted). */
async function meetingOn(topicId: number, body: MeetingBody, passed: boolean | null, communityId = 1) {
  const [meeting] = await db()
    .insert(meetings)
    .values({
      communityId,
      body,
      title: "会议",
      place: "社区议事厅",
      startsAt: t.clock.ms,
      status: passed === null ? "open" : "closed",
      createdBy: await userIdOf(t, DEMO.communityStaff),
      createdAt: t.clock.ms,
    })
    .returning({ id: meetings.id });
  const meetingId = must(meeting).id;
  await db()
    .insert(meetingAgenda)
    .values({ meetingId, topicId, position: 1, passed, decidedAt: passed === null ? null : t.clock.ms });
  return meetingId;
}

const step = (topicId: number, body: Record<string, unknown>, by: Agent = staff) =>
  by.post(`/api/topics/${topicId}/steps`, body);
const show = async (topicId: number, by: Agent = resident) => (await by.get(`/api/topics/${topicId}`)).json;

async function messagesTo(phone: string) {
  return db()
    .select({ kind: notifications.kind, payload: notifications.payload })
    .from(notifications)
    .where(and(eq(notifications.userId, await userIdOf(t, phone)), eq(notifications.kind, "topic_changed")))
    .orderBy(asc(notifications.id));
}

describe("proposing a topic", () => {
  it("takes a resident's proposal with photos and a building of the community", async () => {
    const [building] = await db()
      .select({ id: buildings.id })
      .from(buildings)
      .innerJoin(grids, eq(grids.id, buildings.gridId))
      .where(eq(grids.communityId, 1))
      .limit(1);
    const id = await propose(resident, { ...light, photos: [PHOTO, PHOTO], buildingId: must(building).id });
    const topic = await show(id);
    expect(topic).toMatchObject({
      status: "proposed",
      photos: [PHOTO, PHOTO],
      supportCount: 0,
      proposer: { mine: true },
    });
  });

  it("takes four photos of the largest size the web app sends, though together they pass the ordinary body limit", async () => {
    const large = `data:image/jpeg;base64,/9j/4AAQ${"A".repeat(PHOTO_DATA_URL_CHARS_MAX - 40)}`;
    expect(large.length).toBeLessThanOrEqual(PHOTO_DATA_URL_CHARS_MAX);
    const id = await propose(resident, { ...light, photos: Array(TOPIC_PHOTOS_MAX).fill(large) });
    expect((await show(id)).photos).toHaveLength(TOPIC_PHOTOS_MAX);
    // Every other route keeps the ordinary limit.
    const comment = await resident.post(`/api/topics/${id}/comments`, { body: "好".repeat(70_000) });
    expect(comment.status).toBe(413);
  });

  it("refuses the signed-out (401), another community's people (403), missing fields (400)", async () => {
    expect((await t.agent().post("/api/communities/1/topics", light)).status).toBe(401);
    const foreign = await outsider.post("/api/communities/1/topics", light);
    expect([foreign.status, reasonOf(foreign)]).toEqual([403, "outside_own_community"]);
    const blank = await resident.post("/api/communities/1/topics", { title: "", description: "x" });
    expect(blank.status).toBe(400);
    expect(blank.json.error.issues.map((i: { path: string }) => i.path)).toContain("title");
  });

  it("refuses a fifth photo and a building of another community (422), an unknown one (404)", async () => {
    const photos = await resident.post("/api/communities/1/topics", { ...light, photos: Array(5).fill(PHOTO) });
    expect([photos.status, reasonOf(photos)]).toEqual([422, "too_many_photos"]);
    const [elsewhere] = await db()
      .select({ id: buildings.id })
      .from(buildings)
      .innerJoin(grids, eq(grids.id, buildings.gridId))
      .where(eq(grids.communityId, 2))
      .limit(1);
    const wrong = await resident.post("/api/communities/1/topics", { ...light, buildingId: must(elsewhere).id });
    expect([wrong.status, reasonOf(wrong)]).toEqual([422, "wrong_community"]);
    expect((await resident.post("/api/communities/1/topics", { ...light, buildingId: 999_999 })).status).toBe(404);
  });
});

describe("listing a community's topics", () => {
  it("pages newest first by cursor and filters by status and step", async () => {
    const ids = [await propose(), await propose(), await propose()];
    const first = await resident.get("/api/communities/1/topics?limit=2&status=proposed");
    expect(first.status).toBe(200);
    expect(first.json.items.map((i: { id: number }) => i.id)).toEqual([ids[2], ids[1]]);
    const next = await resident.get(
      `/api/communities/1/topics?limit=2&status=proposed&cursor=${first.json.nextCursor}`,
    );
    expect(next.json.items[0].id).toBe(ids[0]);
    await staff.post(`/api/topics/${ids[0]}/triage`, { action: "deliberate", procedure: "bench" });
    const atBench = await resident.get("/api/communities/1/topics?step=bench");
    expect(atBench.json.items.map((i: { id: number }) => i.id)).toEqual([ids[0]]);
  });

  it("refuses another community's people (403), a bad filter (400) and a forged cursor (400)", async () => {
    expect((await outsider.get("/api/communities/1/topics")).status).toBe(403);
    expect((await resident.get("/api/communities/1/topics?status=open")).status).toBe(400);
    expect((await resident.get("/api/communities/1/topics?cursor=abc")).status).toBe(400);
    expect((await resident.get("/api/communities/999/topics")).status).toBe(404);
  });
});

describe("supporting a topic", () => {
  it("counts one support per person: a second is answered the same, the proposer's is their proposal", async () => {
    const id = await propose();
    expect((await neighbour.post(`/api/topics/${id}/support`)).json).toEqual({ supported: true, supportCount: 1 });
    expect((await neighbour.post(`/api/topics/${id}/support`)).json).toEqual({ supported: true, supportCount: 1 });
    const own = await resident.post(`/api/topics/${id}/support`);
    expect([own.status, reasonOf(own)]).toEqual([422, "own_topic"]);
    // The proposer's proposal is their support: it shows as such and is not withdrawn.
    expect((await show(id, resident)).supported).toBe(true);
    const withdrawOwn = await resident.delete(`/api/topics/${id}/support`);
    expect([withdrawOwn.status, reasonOf(withdrawOwn)]).toEqual([422, "own_topic"]);
    expect((await show(id, neighbour)).supported).toBe(true);
    expect((await neighbour.delete(`/api/topics/${id}/support`)).json).toEqual({ supported: false, supportCount: 0 });
  });

  it("refuses another community's people (403), an unknown topic (404), withdrawing once deliberating (409)", async () => {
    expect((await outsider.post(`/api/topics/${await propose()}/support`)).status).toBe(403);
    expect((await neighbour.post(`/api/topics/${await foreignTopic()}/support`)).status).toBe(403);
    expect((await neighbour.post("/api/topics/999999/support")).status).toBe(404);
    const id = await propose();
    await neighbour.post(`/api/topics/${id}/support`);
    await staff.post(`/api/topics/${id}/triage`, { action: "deliberate", procedure: "bench" });
    const late = await neighbour.delete(`/api/topics/${id}/support`);
    expect([late.status, reasonOf(late)]).toEqual([409, "not_allowed_in_state"]);
  });

  it("counts 100 simultaneous supports by 100 people once each", async () => {
    const id = await propose();
    const people = await makeVolunteers(t, 100, "77");
    const answers = await Promise.all(people.map((p) => p.post(`/api/topics/${id}/support`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await Promise.all(people.slice(0, 10).map((p) => p.post(`/api/topics/${id}/support`)));
    const [rows] = await db().select({ n: count() }).from(topicSupports).where(eq(topicSupports.topicId, id));
    const [topic] = await db().select({ n: topics.supportCount }).from(topics).where(eq(topics.id, id));
    expect([must(rows).n, must(topic).n]).toEqual([100, 100]);
  });
});

describe("triage", () => {
  it("declines with a public reason, audited, and tells the proposer", async () => {
    const id = await propose();
    const before = (await messagesTo(DEMO.resident)).length;
    const none = await staff.post(`/api/topics/${id}/triage`, { action: "decline", reason: " " });
    expect([none.status, reasonOf(none)]).toEqual([422, "reason_required"]);
    const res = await staff.post(`/api/topics/${id}/triage`, { action: "decline", reason: "属物业维修范围，已转物业" });
    expect(res.json).toEqual({ id, status: "declined" });
    expect((await show(id)).declineReason).toBe("属物业维修范围，已转物业");
    expect((await messagesTo(DEMO.resident)).length).toBe(before + 1);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "topic"), eq(auditLog.entityId, id)));
    expect(must(audit).action).toBe("topic.decline");
    const again = await staff.post(`/api/topics/${id}/triage`, { action: "deliberate" });
    expect([again.status, reasonOf(again)]).toEqual([409, "not_allowed_in_state"]);
  });

  it("merges into a live topic of the same community only", async () => {
    const [a, b] = [await propose(), await propose()];
    const foreign = await staff.post(`/api/topics/${a}/triage`, { action: "merge", mergeInto: await foreignTopic() });
    expect([foreign.status, reasonOf(foreign)]).toEqual([422, "invalid_merge_target"]);
    expect((await staff.post(`/api/topics/${a}/triage`, { action: "merge", mergeInto: b })).json.status).toBe("merged");
    expect((await show(a)).mergedIntoId).toBe(b);
  });

  it("is for staff of the topic's community: a resident (403), another community's topic (403), none (404)", async () => {
    const id = await propose();
    expect((await resident.post(`/api/topics/${id}/triage`, { action: "deliberate" })).status).toBe(403);
    expect((await staff.post(`/api/topics/${await foreignTopic()}/triage`, { action: "deliberate" })).status).toBe(403);
    expect((await staff.post("/api/topics/999999/triage", { action: "deliberate" })).status).toBe(404);
    expect((await t.agent().post(`/api/topics/${id}/triage`, { action: "deliberate" })).status).toBe(401);
  });
});

describe("一征三议两公开 from proposal to result", () => {
  it("goes through every step in order, refusing skips, early closes and the wrong meetings", async () => {
    const id = await propose();
    const start = t.clock.ms;
    expect((await staff.post(`/api/topics/${id}/triage`, { action: "deliberate", procedure: "yizheng" })).status).toBe(
      200,
    );
    expect(await show(id)).toMatchObject({ status: "deliberating", currentStep: "consult", stepIndex: 0 });

    // 征求意见: public comments, masked names; closes after its 7 days only.
    expect((await neighbour.post(`/api/topics/${id}/comments`, { body: "支持，晚上确实很黑" })).status).toBe(201);
    expect((await outsider.post(`/api/topics/${id}/comments`, { body: "路过" })).status).toBe(403);
    const early = await step(id, { stepIndex: 0 });
    expect([early.status, reasonOf(early)]).toEqual([422, "comment_open"]);
    t.clock.ms = start + 7 * DAY;
    const late = await neighbour.post(`/api/topics/${id}/comments`, { body: "晚了" });
    expect([late.status, reasonOf(late)]).toEqual([422, "not_commenting"]);
    expect((await step(id, { stepIndex: 0 })).json.status).toBe("deliberating");
    const repeat = await step(id, { stepIndex: 0 });
    expect([repeat.status, reasonOf(repeat)]).toEqual([409, "stale_step"]);

    // 党组织提议 with a note; a skip to 两委商议 is refused.
    const skip = await step(id, { stepIndex: 2, meetingId: await meetingOn(id, "twoCommittees", true) });
    expect([skip.status, reasonOf(skip)]).toEqual([409, "stale_step"]);
    expect(reasonOf(await step(id, { stepIndex: 1 }))).toBe("note_required");
    expect((await step(id, { stepIndex: 1, note: "党支部提议更换楼道灯" })).status).toBe(200);

    // Meetings: only the step's body, only once counted, only with the topic on the agenda.
    expect(reasonOf(await step(id, { stepIndex: 2, meetingId: await meetingOn(id, "partyMembers", true) }))).toBe(
      "wrong_body",
    );
    expect(reasonOf(await step(id, { stepIndex: 2, meetingId: await meetingOn(id, "twoCommittees", null) }))).toBe(
      "meeting_undecided",
    );
    expect(
      reasonOf(await step(id, { stepIndex: 2, meetingId: await meetingOn(await propose(), "twoCommittees", true) })),
    ).toBe("not_on_agenda");
    expect(reasonOf(await step(id, { stepIndex: 2 }))).toBe("meeting_required");
    for (const [index, body] of [
      [2, "twoCommittees"],
      [3, "partyMembers"],
      [4, "residentReps"],
    ] as const)
      expect((await step(id, { stepIndex: index, meetingId: await meetingOn(id, body, true) })).status).toBe(200);

    // 决议公开: 5 working days after Friday 4 December run to the end of Friday 11 December.
    const topic = await show(id);
    expect(topic).toMatchObject({ currentStep: "announce", stepDueAt: "2026-12-12T00:00:00.000+08:00" });
    const objection = await neighbour.post(`/api/topics/${id}/objections`, { body: "灯的位置应再商量" });
    expect(objection.status).toBe(201);
    const twice = await neighbour.post(`/api/topics/${id}/objections`, { body: "再说一次" });
    expect([twice.status, reasonOf(twice)]).toEqual([409, "already_objected"]);
    expect(reasonOf(await step(id, { stepIndex: 5 }))).toBe("notice_running");
    t.clock.ms = Date.parse("2026-12-12T00:00:00+08:00");
    expect(reasonOf(await step(id, { stepIndex: 5 }))).toBe("objections_open");
    const answer = `/api/topics/${id}/objections/${objection.json.id}/answer`;
    expect((await resident.post(answer, { answer: "不行" })).status).toBe(403);
    expect((await staff.post(answer, { answer: "已与居民商定安装位置" })).status).toBe(200);
    expect(reasonOf(await staff.post(answer, { answer: "再答" }))).toBe("already_answered");
    expect((await step(id, { stepIndex: 5 })).json.status).toBe("decided");

    // 实施, a request it brought about, 结果公开.
    expect((await step(id, { stepIndex: 6, note: "物业已更换 6 盏声控灯" })).json.status).toBe("decided");
    const requestId = await requestOf(1);
    expect((await staff.post(`/api/topics/${id}/links`, { kind: "request", id: requestId })).status).toBe(201);
    expect(reasonOf(await staff.post(`/api/topics/${id}/links`, { kind: "request", id: requestId }))).toBe(
      "already_linked",
    );
    // A request that was cancelled carried nothing out: it is no topic's outcome.
    const cancelled = await requestOf(1);
    await db().update(requests).set({ status: "cancelled" }).where(eq(requests.id, cancelled));
    const ended = await staff.post(`/api/topics/${id}/links`, { kind: "request", id: cancelled });
    expect([ended.status, reasonOf(ended)]).toEqual([422, "link_target_ended"]);
    expect((await step(id, { stepIndex: 7, note: "楼道灯已全部修好，居民满意" })).json.status).toBe("done");

    const done = await show(id, neighbour);
    expect(done.steps.map((s: { stepKey: string }) => s.stepKey)).toEqual([
      "consult",
      "propose",
      "discuss",
      "review",
      "resolve",
      "announce",
      "implement",
      "report",
    ]);
    expect(done).toMatchObject({ commentCount: 1, objectionCount: 1, objected: true });
    const [comment] = (await neighbour.get(`/api/topics/${id}/comments`)).json.items;
    expect(comment).toMatchObject({ body: "支持，晚上确实很黑", mine: true });
    const [answered] = (await neighbour.get(`/api/topics/${id}/objections`)).json.items;
    expect(answered).toMatchObject({ answer: "已与居民商定安装位置", mine: true });
    expect(done.proposer.name).toMatch(/\*/);
    expect(done.links.requests.map((r: { id: number }) => r.id)).toEqual([requestId]);
    const statuses = (await messagesTo(DEMO.resident)).map((m) => JSON.parse(m.payload).status);
    expect(statuses.slice(-3)).toEqual(["deliberating", "decided", "done"]);
  });

  it("stops a 板凳协商 topic its bench meeting rejected", async () => {
    const id = await propose();
    await staff.post(`/api/topics/${id}/triage`, { action: "deliberate", procedure: "bench" });
    const res = await step(id, { stepIndex: 0, meetingId: await meetingOn(id, "bench", false) });
    expect(res.json).toMatchObject({ status: "rejected", step: { outcome: "rejected" } });
    expect(reasonOf(await step(id, { stepIndex: 1, note: "x" }))).toBe("not_allowed_in_state");
  });

  it("lets only staff of the topic's community record a step", async () => {
    const id = await propose();
    await staff.post(`/api/topics/${id}/triage`, { action: "deliberate", procedure: "bench" });
    expect((await step(id, { stepIndex: 0 }, resident)).status).toBe(403);
    expect((await step(await foreignTopic(), { stepIndex: 0 })).status).toBe(403);
    expect((await step(999_999, { stepIndex: 0 })).status).toBe(404);
    expect((await step(id, { stepIndex: -1 })).status).toBe(400);
  });
});

async function requestOf(communityId: number) {
  const [row] = await db()
    .insert(requests)
    .values({
      communityId,
      ownerUserId: await residentOf(communityId),
      kind: "service",
      category: "haircut",
      description: "楼道灯",
      status: "submitted",
      createdAt: t.clock.ms,
    })
    .returning({ id: requests.id });
  return must(row).id;
}

describe("raising a topic from a request", () => {
  it("keeps the source, once per live topic, for staff of the request's community", async () => {
    const requestId = await requestOf(1);
    const body = { source: "request", id: requestId, title: "楼道照明", description: "多户反映楼道灯问题" };
    const res = await staff.post("/api/topics/raise", body);
    expect(res.status).toBe(201);
    expect(res.json.source).toBe(`request:${requestId}`);
    expect((await staff.get(`/api/requests/${requestId}`)).json.topicId).toBe(res.json.id);
    expect(reasonOf(await staff.post("/api/topics/raise", body))).toBe("already_raised");
    expect((await resident.post("/api/topics/raise", body)).status).toBe(403);
    expect((await staff.post("/api/topics/raise", { ...body, id: await requestOf(2) })).status).toBe(403);
    expect((await staff.post("/api/topics/raise", { ...body, id: 999_999 })).status).toBe(404);
  });

  it("shows the topic raised from a warning in the warnings list", async () => {
    const [warning] = await db()
      .insert(warnings)
      .values({
        streetId: 1,
        communityId: 1,
        kind: "request_overdue",
        subject: "request:1",
        params: "{}",
        path: "/requests/1",
        openedAt: t.clock.ms,
      })
      .returning({ id: warnings.id });
    const id = must(warning).id;
    const raised = await staff.post("/api/topics/raise", {
      source: "warning",
      id,
      title: "超时需求多",
      description: "议一议",
    });
    expect(raised.status).toBe(201);
    const list = await staff.get("/api/warnings?scope=community&id=1&limit=100");
    expect(list.json.items.find((w: { id: number }) => w.id === id).topicId).toBe(raised.json.id);
  });
});

describe("a community's procedures", () => {
  it("falls back to the built-ins, takes the community's own and leaves topics already in deliberation alone", async () => {
    const before = await resident.get("/api/communities/1/topic-procedures");
    expect(before.json.items.find((p: { code: string }) => p.code === "bench").steps).toEqual([
      "bench",
      "implement",
      "report",
    ]);
    const running = await propose();
    await staff.post(`/api/topics/${running}/triage`, { action: "deliberate", procedure: "bench" });
    const own = {
      steps: ["consult", "bench", "announce", "implement", "report"],
      commentDays: 3,
      noticeWorkingDays: 2,
    };
    expect((await staff.put("/api/communities/1/topic-procedures/bench", own)).status).toBe(200);
    const after = await resident.get("/api/communities/1/topic-procedures");
    expect(after.json.items.find((p: { code: string }) => p.code === "bench")).toEqual({ code: "bench", ...own });
    expect((await show(running)).procedureSteps).toEqual(["bench", "implement", "report"]);
    const fresh = await propose();
    await staff.post(`/api/topics/${fresh}/triage`, { action: "deliberate", procedure: "bench" });
    expect((await show(fresh)).currentStep).toBe("consult");
  });

  it("keeps what 一征三议两公开 promises: a step may be added, none dropped (422), and nothing changes on a refusal", async () => {
    const path = "/api/communities/1/topic-procedures/yizheng";
    const yizheng = ["consult", "propose", "discuss", "review", "resolve", "announce", "implement", "report"];
    const dropped = { steps: yizheng.filter((key) => key !== "review"), commentDays: 7, noticeWorkingDays: 5 };
    const refused = await staff.put(path, dropped);
    expect(refused.status).toBe(422);
    expect(refused.json.error.issues[0].path).toBe("steps");
    expect(reasonOf(refused)).toBe("procedure_incomplete");
    const listed = await resident.get("/api/communities/1/topic-procedures");
    expect(listed.json.items.find((p: { code: string }) => p.code === "yizheng").steps).toEqual(yizheng);
    const added = { ...dropped, steps: ["consult", "bench", ...yizheng.slice(1)] };
    expect((await staff.put(path, added)).status).toBe(200);
  });

  it("refuses a procedure without a meeting (422), bad days (422), a resident (403), another community (403)", async () => {
    const path = "/api/communities/1/topic-procedures/joint";
    const good = { steps: ["joint", "announce", "implement", "report"], commentDays: 7, noticeWorkingDays: 5 };
    expect(reasonOf(await staff.put(path, { ...good, steps: ["implement", "report"] }))).toBe("invalid_procedure");
    expect(reasonOf(await staff.put(path, { ...good, noticeWorkingDays: 31 }))).toBe("invalid_notice_days");
    const comments = await staff.put(path, { ...good, commentDays: 0 });
    expect([comments.status, reasonOf(comments), comments.json.error.issues[0].path]).toEqual([
      422,
      "invalid_comment_days",
      "commentDays",
    ]);
    expect(reasonOf(await staff.put(path, { ...good, steps: ["bench", "implement", "report"] }))).toBe(
      "procedure_incomplete",
    );
    expect((await resident.put(path, good)).status).toBe(403);
    expect((await staff.put("/api/communities/2/topic-procedures/joint", good)).status).toBe(403);
    expect((await staff.put("/api/communities/1/topic-procedures/other", good)).status).toBe(400);
  });
});

describe("showing a topic", () => {
  it("is for its community's people: another community's (403), none (404)", async () => {
    expect((await outsider.get(`/api/topics/${await propose()}`)).status).toBe(403);
    expect((await resident.get(`/api/topics/${await foreignTopic()}`)).status).toBe(403);
    expect((await resident.get("/api/topics/999999")).status).toBe(404);
  });
});
