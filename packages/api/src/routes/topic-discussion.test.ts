import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { must, publicName, TOPIC_COMMENTS_PER_PERSON_MAX } from "@tongxin/core";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { makeVolunteers, userIdOf } from "../../test/volunteering";
import { Sessions } from "../auth/session";
import { topicComments, topicObjections, users, volunteers } from "../db/schema";

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
  const [other] = await db()
    .select({ id: users.id })
    .from(users)
    .leftJoin(volunteers, eq(volunteers.userId, users.id))
    .where(and(eq(users.communityId, 2), isNull(volunteers.userId)))
    .limit(1);
  const cookie = await new Sessions(t.database).create(must(other).id);
  outsider = t.agent();
  outsider.cookie = `${cookie.name}=${cookie.value}`;
});
afterAll(() => t.cleanup());

const db = () => t.database.db;
const reasonOf = (res: { json: any }) => res.json?.error?.reason;
const light = { title: "3号楼楼道灯坏了", description: "三单元二楼到四楼的楼道灯不亮，老人晚上上下楼不安全。" };

/** A resident's topic taken into 一征三议两公开: it stands at 征求意见. */
async function consulting() {
  const res = await resident.post("/api/communities/1/topics", light);
  expect(res.status).toBe(201);
  const id = res.json.id as number;
  expect((await staff.post(`/api/topics/${id}/triage`, { action: "deliberate", procedure: "yizheng" })).status).toBe(
    200,
  );
  return id;
}

/** Every item of a list, page after page of `limit`, and the number of pages it took. */
async function readAll(by: Agent, path: string, limit: number) {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await by.get(`${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.json.items);
    cursor = res.json.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

/** `n` rows written by the demo resident and two neighbours in turn, oldest first. */
async function writers(n: number) {
  const ids = [DEMO.resident, DEMO.volunteer, DEMO.gridWorker].map((phone) => userIdOf(t, phone));
  const people = await Promise.all(ids);
  return Array.from({ length: n }, (_, i) => must(people[i % people.length]));
}

/** `n` different people of community 1, the demo resident first and never the demo staff: each objects once. */
async function objectors(n: number) {
  const me = await userIdOf(t, DEMO.resident);
  const staffId = await userIdOf(t, DEMO.communityStaff);
  const rows = await db()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.communityId, 1), notInArray(users.id, [me, staffId])))
    .orderBy(asc(users.id))
    .limit(n - 1);
  return [me, ...rows.map((r) => r.id)];
}

/** The names others see: masked unless the person consented (the demo resident did not). */
async function shownNames(userIds: number[]) {
  const rows = await db()
    .select({ id: users.id, name: users.name, consent: volunteers.publicNameConsent })
    .from(users)
    .leftJoin(volunteers, eq(volunteers.userId, users.id))
    .where(inArray(users.id, userIds));
  const names = new Map(rows.map((r) => [r.id, publicName(r.name, r.consent, false)]));
  expect(names.get(await userIdOf(t, DEMO.resident))).toMatch(/\*/);
  return userIds.map((id) => names.get(id));
}

const commentCount = async (topicId: number, userId?: number) => {
  const [row] = await db()
    .select({ n: count() })
    .from(topicComments)
    .where(and(eq(topicComments.topicId, topicId), userId ? eq(topicComments.userId, userId) : undefined));
  return must(row).n;
};

describe("a topic's comments", () => {
  it("page oldest first by cursor past the first 200, names masked and the reader's own marked", async () => {
    const id = await consulting();
    const by = await writers(205);
    await db()
      .insert(topicComments)
      .values(by.map((userId, i) => ({ topicId: id, userId, body: `意见${i}`, createdAt: t.clock.ms + i })));
    const { items, pages } = await readAll(neighbour, `/api/topics/${id}/comments`, 100);
    expect(pages).toBe(3);
    expect(items.map((c) => c.body)).toEqual(by.map((_, i) => `意见${i}`));
    expect(items.every((c, i) => i === 0 || c.id > items[i - 1].id)).toBe(true);
    expect(items.map((c) => c.name)).toEqual(await shownNames(by));
    const me = await userIdOf(t, DEMO.volunteer);
    expect(items.map((c) => c.mine)).toEqual(by.map((userId) => userId === me));
    const first = await neighbour.get(`/api/topics/${id}/comments`);
    expect([first.json.items.length, first.json.items[0]]).toEqual([
      20,
      { id: items[0].id, name: items[0].name, mine: false, body: "意见0", createdAt: expect.any(String) },
    ]);
    expect((await neighbour.get(`/api/topics/${id}`)).json).toMatchObject({ commentCount: 205 });
  });

  it("are for the topic's community only: another community's people (403), none (404), a forged cursor (400)", async () => {
    const id = await consulting();
    expect((await outsider.get(`/api/topics/${id}/comments`)).status).toBe(403);
    expect((await t.agent().get(`/api/topics/${id}/comments`)).status).toBe(401);
    expect((await resident.get("/api/topics/999999/comments")).status).toBe(404);
    const forged = await resident.get(`/api/topics/${id}/comments?cursor=abc`);
    expect([forged.status, reasonOf(forged)]).toEqual([400, "bad_cursor"]);
    expect((await resident.get(`/api/topics/${id}/comments?limit=0`)).status).toBe(400);
  });
});

describe("a topic's objections", () => {
  it("page oldest first by cursor with their answers, names masked and the reader's own marked", async () => {
    const id = await consulting();
    const by = await objectors(45);
    const answeredBy = await userIdOf(t, DEMO.communityStaff);
    await db()
      .insert(topicObjections)
      .values(
        by.map((userId, i) => ({
          topicId: id,
          userId,
          body: `异议${i}`,
          createdAt: t.clock.ms + i,
          ...(i === 1 ? { answer: "已核实", answeredBy, answeredAt: t.clock.ms + 100 } : {}),
        })),
      );
    const { items, pages } = await readAll(resident, `/api/topics/${id}/objections`, 20);
    expect(pages).toBe(3);
    expect(items.map((o) => o.body)).toEqual(by.map((_, i) => `异议${i}`));
    expect(items.slice(0, 3).map((o) => [o.answer, o.mine])).toEqual([
      [null, true],
      ["已核实", false],
      [null, false],
    ]);
    expect(items[1].answeredAt).toEqual(expect.any(String));
    expect(items.map((o) => o.name)).toEqual(await shownNames(by));
    const shown = (await resident.get(`/api/topics/${id}`)).json;
    expect(shown).toMatchObject({ objectionCount: 45, objected: true });
    expect(shown.comments).toBeUndefined();
    expect(shown.objections).toBeUndefined();
    expect((await staff.get(`/api/topics/${id}`)).json.objected).toBe(false);
  });

  it("are for the topic's community only: another community's people (403), none (404), a forged cursor (400)", async () => {
    const id = await consulting();
    expect((await outsider.get(`/api/topics/${id}/objections`)).status).toBe(403);
    expect((await t.agent().get(`/api/topics/${id}/objections`)).status).toBe(401);
    expect((await resident.get("/api/topics/999999/objections")).status).toBe(404);
    const forged = await resident.get(`/api/topics/${id}/objections?cursor=abc`);
    expect([forged.status, reasonOf(forged)]).toEqual([400, "bad_cursor"]);
  });
});

describe("one person's comments on a topic", () => {
  it(`stop at ${TOPIC_COMMENTS_PER_PERSON_MAX}: the next is refused and not stored, another person still comments`, async () => {
    const id = await consulting();
    const me = await userIdOf(t, DEMO.volunteer);
    for (let i = 0; i < TOPIC_COMMENTS_PER_PERSON_MAX; i++)
      expect((await neighbour.post(`/api/topics/${id}/comments`, { body: `第${i + 1}条` })).status).toBe(201);
    const over = await neighbour.post(`/api/topics/${id}/comments`, { body: "再说一条" });
    expect([over.status, reasonOf(over)]).toEqual([409, "comment_limit_reached"]);
    expect(await commentCount(id, me)).toBe(TOPIC_COMMENTS_PER_PERSON_MAX);
    const other = await resident.post(`/api/topics/${id}/comments`, { body: "我也说一句" });
    expect(other.status).toBe(201);
    expect(await commentCount(id)).toBe(TOPIC_COMMENTS_PER_PERSON_MAX + 1);
    // Answered as the list shows it, so the page can add it at once.
    const listed = (await resident.get(`/api/topics/${id}/comments`)).json.items;
    expect(other.json).toEqual(listed[listed.length - 1]);
  });

  it("stop at the limit when 20 arrive at once", async () => {
    const id = await consulting();
    const [person] = await makeVolunteers(t, 1, "78");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => must(person).post(`/api/topics/${id}/comments`, { body: `刷屏${i}` })),
    );
    const created = answers.filter((a) => a.status === 201).length;
    expect(created).toBe(TOPIC_COMMENTS_PER_PERSON_MAX);
    expect(answers.filter((a) => a.status !== 201).every((a) => reasonOf(a) === "comment_limit_reached")).toBe(true);
    expect(await commentCount(id)).toBe(TOPIC_COMMENTS_PER_PERSON_MAX);
    expect((await neighbour.post(`/api/topics/${id}/comments`, { body: "邻居的意见" })).status).toBe(201);
  });
});
