import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { maskName, must } from "@tongxin/core";
import { communities, meetingVotes, topics, users, volunteers } from "../db/schema";
import { testApp, type TestApp } from "../../test/harness";

let t: TestApp;
let peace: number;
let elsewhere: number;
beforeAll(async () => {
  t = await testApp();
  const all = await t.database.db.select({ id: communities.id, name: communities.name }).from(communities);
  peace = must(all.find((c) => c.name === "和平社区")).id;
  elsewhere = must(all.find((c) => c.name !== "和平社区")).id;
});
afterAll(() => t.cleanup());

const PHONE = /(?<![\da-zA-Z])1[3-9]\d{9}(?![\da-zA-Z])/;

async function topicNamed(title: string) {
  const [row] = await t.database.db.select().from(topics).where(eq(topics.title, title));
  return must(row);
}
const history = (communityId: number, topicId: number) =>
  t.agent().get(`/api/public/communities/${communityId}/topics/${topicId}`);

describe("a community's public topics, without signing in", () => {
  it("lists the topics in deliberation and decided, each with its step, never one gathering support or declined", async () => {
    const res = await t.agent().get(`/api/public/communities/${peace}/topics?limit=100`);
    expect(res.status).toBe(200);
    expect(res.json.community.name).toBe("和平社区");
    const byTitle = new Map<string, { status: string; currentStep: string | null }>(
      res.json.items.map((i: { title: string }) => [i.title, i]),
    );
    expect(byTitle.get("健身器材维修")).toMatchObject({ status: "deliberating", currentStep: "consult" });
    expect(byTitle.get("加装单元门禁系统")).toMatchObject({ status: "deliberating", currentStep: "announce" });
    expect(byTitle.get("中心花园绿化提升")).toMatchObject({ status: "decided", currentStep: "implement" });
    expect(byTitle.get("小区路灯更换为节能灯")).toMatchObject({ status: "done", currentStep: null });
    expect(byTitle.get("小区东门改为只出不进")).toMatchObject({ status: "rejected", currentStep: null });
    expect(byTitle.has("小区增设电动车充电桩")).toBe(false);
    expect(byTitle.has("在小区内饲养鸽子")).toBe(false);
    expect(JSON.stringify(res.json)).not.toMatch(PHONE);
  });

  it("pages by cursor, newest first, each topic once", async () => {
    const whole = (await t.agent().get(`/api/public/communities/${peace}/topics?limit=100`)).json.items.map(
      (i: { id: number }) => i.id,
    );
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await t.agent().get(`/api/public/communities/${peace}/topics?limit=3${query}`);
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(3);
      walked.push(...page.json.items.map((i: { id: number }) => i.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(walked).toEqual(whole);
    expect(walked).toEqual([...walked].sort((a, b) => b - a));
    expect(walked.length).toBeGreaterThan(3);
  });

  it("refuses a cursor it did not hand out and an id that is no id, and answers 404 for no such community", async () => {
    expect((await t.agent().get(`/api/public/communities/${peace}/topics?cursor=bm9wZQ`)).status).toBe(400);
    expect((await t.agent().get("/api/public/communities/abc/topics")).status).toBe(400);
    expect((await t.agent().get("/api/public/communities/999999/topics")).status).toBe(404);
  });

  it("holds none of this community's topics under another community", async () => {
    const res = await t.agent().get(`/api/public/communities/${elsewhere}/topics`);
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([]);
  });
});

describe("a topic's public history", () => {
  it("tells a done topic from proposal to result: every step, the meetings' counts, the decision, notice and result", async () => {
    const topic = await topicNamed("小区路灯更换为节能灯");
    const res = await history(peace, topic.id);
    expect(res.status).toBe(200);
    expect(res.json.steps.map((s: { key: string }) => s.key)).toEqual([
      "consult",
      "propose",
      "discuss",
      "review",
      "resolve",
      "announce",
      "implement",
      "report",
    ]);
    const discuss = res.json.steps[2];
    expect(discuss.meeting).toMatchObject({ body: "twoCommittees", place: expect.any(String) });
    const counted = await t.database.db
      .select({ choice: meetingVotes.choice })
      .from(meetingVotes)
      .where(eq(meetingVotes.topicId, topic.id));
    const tallied = res.json.steps.reduce(
      (n: number, s: { meeting: { votes: { for: number; against: number; abstain: number } } | null }) =>
        n + (s.meeting ? s.meeting.votes.for + s.meeting.votes.against + s.meeting.votes.abstain : 0),
      0,
    );
    expect(tallied).toBe(counted.length);
    // Who was there, as counts of the meeting's invitations: every voter present, never more present than invited.
    for (const s of res.json.steps.filter((s: { meeting: unknown }) => s.meeting)) {
      const { votes, attendance } = s.meeting;
      expect(attendance.present).toBe(votes.for + votes.against + votes.abstain);
      expect(attendance.members).toBeGreaterThanOrEqual(attendance.present);
    }
    expect(res.json.decision).toContain("居民代表会议决议");
    expect(res.json.result).toContain("LED");
    expect(res.json.notice.from < res.json.notice.to).toBe(true);
    // Counts only: no voter's id or name, and no phone.
    const text = JSON.stringify(res.json);
    expect(text).not.toMatch(PHONE);
    expect(text).not.toContain("userId");
  });

  it("masks the proposer's name unless they consented as a volunteer; a resident who is no volunteer stays masked", async () => {
    const [volunteering] = await t.database.db
      .select({ topicId: topics.id, userId: users.id, name: users.name })
      .from(topics)
      .innerJoin(users, eq(users.id, topics.proposerUserId))
      .innerJoin(volunteers, eq(volunteers.userId, users.id))
      .where(and(eq(topics.communityId, peace), inArray(topics.status, ["deliberating", "decided", "done"])));
    const { topicId, userId, name } = must(volunteering);
    const consent = (publicNameConsent: boolean) =>
      t.database.db.update(volunteers).set({ publicNameConsent }).where(eq(volunteers.userId, userId));
    await consent(false);
    expect((await history(peace, topicId)).json.topic.proposer).toBe(maskName(name));
    await consent(true);
    expect((await history(peace, topicId)).json.topic.proposer).toBe(name);
    const [resident] = await t.database.db
      .select({ topicId: topics.id, name: users.name })
      .from(topics)
      .innerJoin(users, eq(users.id, topics.proposerUserId))
      .leftJoin(volunteers, eq(volunteers.userId, users.id))
      .where(and(eq(topics.communityId, peace), eq(topics.status, "deliberating"), isNull(volunteers.userId)));
    const shown = (await history(peace, must(resident).topicId)).json.topic.proposer;
    expect(shown).toBe(maskName(must(resident).name));
    expect(shown).not.toBe(must(resident).name);
  });

  it("shows a topic in 决议公开 with its notice running and the decision, and a rejected one with the reason", async () => {
    const announced = (await history(peace, (await topicNamed("加装单元门禁系统")).id)).json;
    expect(announced.topic.currentStep).toBe("announce");
    // A running notice shows the day it is due to end (5 working days from the decision, 3 days ago): still ahead.
    expect(Date.parse(announced.notice.to)).toBeGreaterThan(Date.parse(announced.notice.from));
    expect(Date.parse(announced.notice.to)).toBeGreaterThan(t.clock.ms);
    expect(announced.decision).toContain("更换和平花园12个单元门禁");
    const rejected = (await history(peace, (await topicNamed("小区东门改为只出不进")).id)).json;
    expect(rejected.steps.at(-1)).toMatchObject({ key: "resolve", outcome: "rejected" });
    expect(rejected.decision).toContain("未通过");
    expect(rejected.result).toBeNull();
  });

  it("tells a 板凳协商 with its building's name and no door", async () => {
    const bench = (await history(peace, (await topicNamed("单元楼道扶手加装")).id)).json;
    expect(bench.topic.procedure).toBe("bench");
    expect(bench.topic.building).toMatch(/栋$/);
    expect(bench.steps[0].meeting.body).toBe("bench");
    expect(JSON.stringify(bench)).not.toMatch(/单元\d{3}/);
  });

  it("is 404 under another community, for a topic still gathering support or declined, and for no such topic", async () => {
    const done = await topicNamed("小区路灯更换为节能灯");
    expect((await history(elsewhere, done.id)).status).toBe(404);
    expect((await history(peace, (await topicNamed("小区增设电动车充电桩")).id)).status).toBe(404);
    expect((await history(peace, (await topicNamed("在小区内饲养鸽子")).id)).status).toBe(404);
    expect((await history(peace, 999999)).status).toBe(404);
    expect((await t.agent().get(`/api/public/communities/${peace}/topics/x1`)).status).toBe(400);
  });
});
