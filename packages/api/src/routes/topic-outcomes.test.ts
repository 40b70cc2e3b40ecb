import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { must, type TopicStatus } from "@tongxin/core";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { auditLog, notifications, projects, requests, topicLinks, topics, users } from "../db/schema";

// Community 1 (和平社区) is home to every demo account; community 2 (幸福里社区) is "another community".
let t: TestApp;
let staff: Agent;
let committee: Agent;
let resident: Agent;
beforeAll(async () => {
  t = await testApp();
  staff = await t.agent().login(DEMO.communityStaff);
  committee = await t.agent().login(DEMO.committeeMember);
  resident = await t.agent().login(DEMO.resident);
});
afterAll(() => t.cleanup());

const db = () => t.database.db;
const reasonOf = (res: { json: any }) => res.json?.error?.reason;
const milestones = [{ title: "更换声控灯", target: 6 }];

async function userIdOf(phone: string) {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.phone, phone));
  return must(row).id;
}

/** A topic at the given status, as its procedure would have left it; proposed by a resident of its community. */
async function topicAt(status: TopicStatus, communityId = 1) {
  const [proposer] = await db().select({ id: users.id }).from(users).where(eq(users.communityId, communityId)).limit(1);
  const [row] = await db()
    .insert(topics)
    .values({
      communityId,
      proposerUserId: communityId === 1 ? await userIdOf(DEMO.resident) : must(proposer).id,
      title: "3号楼楼道灯坏了",
      description: "三单元二楼到四楼的楼道灯不亮，老人晚上上下楼不安全。",
      status,
      createdAt: t.clock.ms,
      updatedAt: t.clock.ms,
    })
    .returning({ id: topics.id });
  return must(row).id;
}

const countOf = async (table: typeof projects | typeof requests | typeof topicLinks) =>
  must((await db().select({ n: count() }).from(table))[0]).n;

describe("a decided topic creates a project (立为项目)", () => {
  it("creates the project with the topic's title, links it, and the topic shows it with its status", async () => {
    const id = await topicAt("decided");
    const res = await staff.post(`/api/topics/${id}/projects`, { description: "物业与志愿者一起更换", milestones });
    expect(res.status).toBe(201);
    const [project] = await db().select().from(projects).where(eq(projects.id, res.json.id));
    expect(project).toMatchObject({ communityId: 1, title: "3号楼楼道灯坏了", status: "open" });
    const topic = (await resident.get(`/api/topics/${id}`)).json;
    expect(topic.links.projects).toEqual([
      { id: res.json.id, title: "3号楼楼道灯坏了", status: "open", path: expect.any(String) },
    ]);
    const audited = await db()
      .select({ action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, await userIdOf(DEMO.communityStaff)));
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: "project.create", entity: "project", entityId: res.json.id },
        { action: "topic.link", entity: "topic", entityId: id },
      ]),
    );
  });

  it("takes a title of its own, and a second project from the same done topic is linked too", async () => {
    const id = await topicAt("done");
    const first = await staff.post(`/api/topics/${id}/projects`, { description: "一期", milestones });
    const second = await staff.post(`/api/topics/${id}/projects`, { title: "楼道灯二期", description: "", milestones });
    expect([first.status, second.status]).toEqual([201, 201]);
    const topic = (await staff.get(`/api/topics/${id}`)).json;
    expect(topic.links.projects.map((p: { title: string }) => p.title).sort()).toEqual([
      "3号楼楼道灯坏了",
      "楼道灯二期",
    ]);
  });

  it("refuses a topic still deliberating, another community's, an unknown one, and those without the roles", async () => {
    const body = { description: "x", milestones };
    expect(reasonOf(await staff.post(`/api/topics/${await topicAt("deliberating")}/projects`, body))).toBe(
      "not_allowed_in_state",
    );
    const decided = await topicAt("decided");
    expect((await staff.post(`/api/topics/${await topicAt("decided", 2)}/projects`, body)).status).toBe(403);
    expect((await staff.post("/api/topics/999999/projects", body)).status).toBe(404);
    expect((await resident.post(`/api/topics/${decided}/projects`, body)).status).toBe(403);
    // A committee member runs deliberation (topic.manage) but does not manage the 项目清单.
    expect((await committee.post(`/api/topics/${decided}/projects`, body)).status).toBe(403);
    expect((await t.agent().post(`/api/topics/${decided}/projects`, body)).status).toBe(401);
  });

  it("stores neither project nor link when the body or the topic is refused", async () => {
    const decided = await topicAt("decided");
    const before = [await countOf(projects), await countOf(topicLinks)];
    const empty = await staff.post(`/api/topics/${decided}/projects`, { description: "x", milestones: [] });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.json)).toContain("milestones");
    await staff.post(`/api/topics/${await topicAt("proposed")}/projects`, { description: "x", milestones });
    await committee.post(`/api/topics/${decided}/projects`, { description: "x", milestones });
    expect([await countOf(projects), await countOf(topicLinks)]).toEqual(before);
  });

  it("undoes the whole creation when the link cannot be written", async () => {
    const id = await topicAt("decided");
    // A stray link already names the project the next creation will write, so linking it breaks the unique index.
    const [seq] = await db().all<{ seq: number }>(sql`select seq from sqlite_sequence where name = 'projects'`);
    const nextId = must(seq).seq + 1;
    await db()
      .insert(topicLinks)
      .values({ topicId: id, kind: "project", targetId: nextId, createdBy: 1, createdAt: t.clock.ms });
    const before = [await countOf(projects), await countOf(topicLinks)];
    const res = await staff.post(`/api/topics/${id}/projects`, { description: "x", milestones });
    expect(res.status).toBe(409);
    expect([await countOf(projects), await countOf(topicLinks)]).toEqual(before);
    expect(await db().select().from(projects).where(eq(projects.id, nextId))).toEqual([]);
  });
});

describe("a decided topic dispatches a request (派发诉求)", () => {
  it("posts an issue for the topic's proposer, links it, and the topic shows it with its status", async () => {
    const id = await topicAt("decided");
    const res = await staff.post(`/api/topics/${id}/requests`, { kind: "issue", category: "environment" });
    expect(res.status).toBe(201);
    const [request] = await db().select().from(requests).where(eq(requests.id, res.json.id));
    expect(request).toMatchObject({
      communityId: 1,
      ownerUserId: await userIdOf(DEMO.resident),
      createdBy: await userIdOf(DEMO.communityStaff),
      kind: "issue",
      status: "submitted",
    });
    expect(request?.description).toMatch(/^3号楼楼道灯坏了：三单元/);
    const topic = (await resident.get(`/api/topics/${id}`)).json;
    expect(topic.links.requests).toEqual([
      { id: res.json.id, category: "environment", status: "submitted", path: expect.any(String) },
    ]);
    // The proposer hears a request was posted in her name, as with any request staff post for a resident.
    const told = await db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, await userIdOf(DEMO.resident)));
    expect(told.map((n) => n.kind)).toContain("request_posted_for_you");
  });

  it("refuses a wish, a category not for the kind, a deliberating or foreign topic, and a resident", async () => {
    const id = await topicAt("decided");
    const before = [await countOf(requests), await countOf(topicLinks)];
    const wish = await staff.post(`/api/topics/${id}/requests`, { kind: "wish", category: "other" });
    expect(wish.status).toBe(400);
    const wrong = await staff.post(`/api/topics/${id}/requests`, { kind: "service", category: "environment" });
    expect([wrong.status, reasonOf(wrong)]).toEqual([422, "category_not_for_kind"]);
    const body = { kind: "service", category: "plumbing", description: "请物业上门检修" };
    expect(reasonOf(await staff.post(`/api/topics/${await topicAt("deliberating")}/requests`, body))).toBe(
      "not_allowed_in_state",
    );
    expect((await staff.post(`/api/topics/${await topicAt("decided", 2)}/requests`, body)).status).toBe(403);
    expect((await resident.post(`/api/topics/${id}/requests`, body)).status).toBe(403);
    expect([await countOf(requests), await countOf(topicLinks)]).toEqual(before);
    expect((await staff.post(`/api/topics/${id}/requests`, body)).status).toBe(201);
  });
});
