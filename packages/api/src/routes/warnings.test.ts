import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { WARNING_MESSAGES_PER_RUN_MAX, WARNING_QUIET_MS, must, shanghaiDate } from "@tongxin/core";
import { auditLog, notifications, storeItems } from "../db/schema";
import { jobNamed, runJob } from "../services/scheduler/jobs";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { makeVolunteers, publishedActivity, shiftOn, userIdOf } from "../../test/volunteering";

const HOUR_MS = 3_600_000;

let t: TestApp;
let staff: Agent;
let resident: Agent;
let worker: Agent;
let admin: Agent;

type Item = {
  id: number;
  kind: string;
  communityId: number;
  gridId: number | null;
  params: Record<string, unknown>;
  path: string;
  open: boolean;
  openedAt: string;
  clearedAt: string | null;
  acknowledgedAt: string | null;
};

/** The job as the scheduler runs it, under its lease. */
const runWarnings = () => runJob(t.deps, jobNamed("warnings"), "test-instance");

/** Every warning of a scope, paged through by its cursor. */
async function warningsOf(agent: Agent, scope: string, id: number): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const res = await agent.get(`/api/warnings?scope=${scope}&id=${id}&limit=50${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    items.push(...res.json.items);
    cursor = res.json.nextCursor;
  } while (cursor);
  return items;
}

const about = (items: Item[], requestId: number) => items.filter((w) => w.path === `/requests/${requestId}`);

async function warningNotes(userId: number, warningId: number) {
  const rows = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "warning_opened")));
  return rows.filter((r) => JSON.parse(r.payload).warningId === warningId);
}

beforeAll(async () => {
  t = await testApp();
  staff = await t.agent().login(DEMO.communityStaff);
  resident = await t.agent().login(DEMO.resident);
  worker = await t.agent().login(DEMO.gridWorker);
  admin = await t.agent().login(DEMO.streetAdmin);
  await runWarnings();
});
afterAll(() => t.cleanup());

describe("warnings on the demo street", () => {
  it("tell a reader of more new warnings than the limit in one message counting them, not one each", async () => {
    const staffId = await userIdOf(t, DEMO.communityStaff);
    const told = await t.database.db.select().from(notifications).where(eq(notifications.userId, staffId));
    const firstRun = told.filter((n) => n.kind.startsWith("warning"));
    expect(firstRun.map((n) => n.kind)).toEqual(["warnings_opened"]);
    const digest = JSON.parse(must(firstRun[0]).payload);
    expect(digest.count).toBeGreaterThan(WARNING_MESSAGES_PER_RUN_MAX);
    expect(Object.values(digest.kinds).reduce((a: number, b) => a + Number(b), 0)).toBe(digest.count);
    expect(digest.path).toBe("/warnings");
  });

  it("open for the demo's late requests and its other facts, listed open first and newest first, each with a page to act on", async () => {
    const items = await warningsOf(staff, "community", 1);
    const kinds = new Set(items.map((w) => w.kind));
    expect(kinds).toContain("request_unaccepted");
    expect(kinds).toContain("item_out_of_stock");
    expect(items.every((w) => w.communityId === 1 && w.open && w.clearedAt === null)).toBe(true);
    expect(items.map((w) => w.id)).toEqual([...items.map((w) => w.id)].sort((a, b) => b - a));
    const late = must(items.find((w) => w.kind === "request_unaccepted"));
    expect(late.path).toMatch(/^\/requests\/\d+$/);
    expect(late.params).toEqual({ requestId: Number(late.path.split("/")[2]), category: expect.any(String) });
  });

  it("equal the overdue list: every late request of the community has its warning", async () => {
    const overdue: { id: number }[] = (await staff.get("/api/requests?communityId=1&overdue=1&limit=100")).json.items;
    const items = await warningsOf(staff, "community", 1);
    const warned = items.filter((w) => w.kind.startsWith("request_")).map((w) => Number(w.path.split("/")[2]));
    expect(warned.sort()).toEqual(overdue.map((r) => r.id).sort());
  });

  it("a second run opens nothing again", async () => {
    const before = await warningsOf(admin, "street", 1);
    t.clock.ms += 10 * 60_000;
    await runWarnings();
    expect((await warningsOf(admin, "street", 1)).map((w) => w.id)).toEqual(before.map((w) => w.id));
  });
});

describe("a warning follows its fact", () => {
  it("a request opens a warning once it waits past its time to be accepted, tells the grid's worker once, and clears when staff accept it", async () => {
    const posted = await resident.post("/api/requests", {
      kind: "service",
      category: "plumbing",
      description: "厨房水龙头一直滴水，关不紧",
    });
    expect(posted.status).toBe(201);
    const id = posted.json.id as number;
    await runWarnings();
    expect(about(await warningsOf(staff, "community", 1), id)).toEqual([]);

    t.clock.ms += 25 * HOUR_MS;
    await runWarnings();
    const [opened] = about(await warningsOf(staff, "community", 1), id);
    expect(opened).toMatchObject({ kind: "request_unaccepted", open: true, acknowledgedAt: null });
    const workerId = await userIdOf(t, DEMO.gridWorker);
    expect(await warningNotes(workerId, must(opened).id)).toHaveLength(1);

    t.clock.ms += 10 * 60_000;
    await runWarnings();
    expect(await warningNotes(workerId, must(opened).id)).toHaveLength(1);

    expect((await staff.post(`/api/requests/${id}/accept`)).status).toBe(200);
    await runWarnings();
    const listed = await warningsOf(staff, "community", 1);
    const [cleared] = about(listed, id);
    expect(cleared).toMatchObject({ id: must(opened).id, open: false, clearedAt: expect.any(String) });
    // Open ones first, then the cleared, each newest first.
    const order = listed.map((w) => [w.open ? 1 : 0, w.id]);
    expect(order).toEqual([...order].sort((a, b) => (b[0] ?? 0) - (a[0] ?? 0) || (b[1] ?? 0) - (a[1] ?? 0)));
  });

  it("an item sold out opens a warning for the store desk, and a delivery clears it at the next run", async () => {
    const [item] = await t.database.db
      .select()
      .from(storeItems)
      .where(and(eq(storeItems.communityId, 1), eq(storeItems.active, true)))
      .limit(1);
    const { id, version, stock } = must(item);
    const writeOff = await staff.patch(`/api/store/items/${id}`, { version, addStock: -stock });
    expect(writeOff.status).toBe(200);
    await runWarnings();
    const out = (await warningsOf(staff, "community", 1)).find(
      (w) => w.kind === "item_out_of_stock" && w.open && w.params.name === must(item).name,
    );
    expect(out).toMatchObject({ path: "/store/1/desk", params: { name: must(item).name } });
    expect((await staff.patch(`/api/store/items/${id}`, { version: version + 1, addStock: 5 })).status).toBe(200);
    await runWarnings();
    const items = await warningsOf(staff, "community", 1);
    expect(items.find((w) => w.id === must(out).id)?.open).toBe(false);
  });

  it("an item that sells out again within a day opens a warning without a second message; a day later it tells again", async () => {
    const [item] = await t.database.db
      .select()
      .from(storeItems)
      .where(and(eq(storeItems.communityId, 1), eq(storeItems.active, true)))
      .orderBy(desc(storeItems.id))
      .limit(1);
    let { version } = must(item);
    const staffId = await userIdOf(t, DEMO.communityStaff);
    const setStock = async (addStock: number) => {
      expect((await staff.patch(`/api/store/items/${must(item).id}`, { version, addStock })).status).toBe(200);
      version += 1;
      await runWarnings();
    };
    const openOne = async () =>
      must(
        (await warningsOf(staff, "community", 1)).find(
          (w) => w.kind === "item_out_of_stock" && w.open && w.params.name === must(item).name,
        ),
      );
    // From one left, a day after any earlier warning of it cleared (the demo starts with it sold out).
    await setStock(1 - must(item).stock);
    t.clock.ms += WARNING_QUIET_MS + 60_000;
    await setStock(-1);
    expect(await warningNotes(staffId, (await openOne()).id)).toHaveLength(1);
    for (let flap = 0; flap < 3; flap++) {
      await setStock(1);
      await setStock(-1);
      expect(await warningNotes(staffId, (await openOne()).id)).toHaveLength(0);
    }
    await setStock(1);
    t.clock.ms += WARNING_QUIET_MS + 60_000;
    await setStock(-1);
    expect(await warningNotes(staffId, (await openOne()).id)).toHaveLength(1);
  });
});

describe("acknowledging a warning (知道了)", () => {
  it("is audited once and answers the same when repeated", async () => {
    const [first] = (await warningsOf(staff, "community", 1)).filter((w) => w.open);
    const id = must(first).id;
    const once = await staff.post(`/api/warnings/${id}/acknowledge`);
    expect(once.status).toBe(200);
    expect(once.json).toMatchObject({ id, acknowledgedAt: expect.any(String), open: true });
    t.clock.ms += 60_000;
    const again = await staff.post(`/api/warnings/${id}/acknowledge`);
    expect(again.json.acknowledgedAt).toBe(once.json.acknowledgedAt);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "warning.acknowledge"), eq(auditLog.entityId, id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actorUserId).toBe(await userIdOf(t, DEMO.communityStaff));
  });

  it("is refused to a resident, to a grid worker for a community-wide warning, and for a warning that does not exist", async () => {
    const communityWide = must((await warningsOf(staff, "community", 1)).find((w) => w.gridId === null));
    expect((await resident.post(`/api/warnings/${communityWide.id}/acknowledge`)).status).toBe(403);
    expect((await worker.post(`/api/warnings/${communityWide.id}/acknowledge`)).status).toBe(403);
    expect((await staff.post("/api/warnings/999999/acknowledge")).status).toBe(404);
  });
});

describe("who reads which warnings", () => {
  it("a grid worker reads their grid's (and the grids below it) and not the community's", async () => {
    const mine = (await worker.get("/api/me")).json;
    const gridId = must(
      (mine.roles as { role: string; scopeId: number }[]).find((g) => g.role === "gridWorker"),
    ).scopeId;
    const items = await warningsOf(worker, "grid", gridId);
    expect(items.length).toBeGreaterThan(0);
    const community = await warningsOf(staff, "community", 1);
    const gridIds = new Set(community.filter((w) => items.some((i) => i.id === w.id)).map((w) => w.gridId));
    expect(gridIds.has(null)).toBe(false);
    expect((await worker.get("/api/warnings?scope=community&id=1")).status).toBe(403);
  });

  it("a resident reads none, staff of one community not another's, and bad input is named", async () => {
    expect((await resident.get("/api/warnings?scope=community&id=1")).status).toBe(403);
    expect((await staff.get("/api/warnings?scope=community&id=2")).status).toBe(403);
    expect((await staff.get("/api/warnings?scope=street&id=1")).status).toBe(403);
    expect((await staff.get("/api/warnings?scope=community&id=99999")).status).toBe(404);
    const badScope = await staff.get("/api/warnings?scope=city&id=1");
    expect(badScope.status).toBe(400);
    const badCursor = await staff.get("/api/warnings?scope=community&id=1&cursor=abc");
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.error).toMatchObject({ reason: "bad_cursor", issues: [{ path: "cursor" }] });
  });

  it("the street admin reads every community's", async () => {
    const street = await warningsOf(admin, "street", 1);
    expect(new Set(street.map((w) => w.communityId)).size).toBeGreaterThan(1);
  });
});

describe("an objection to a public notice", () => {
  it("warns the staff and the committee after 3 working days unanswered, and clears when the committee answers", async () => {
    const notices = (await resident.get("/api/public/notices?communityId=1")).json.items as {
      cycleId: number;
      entries: { nominationId: number }[];
    }[];
    const entry = must(notices.flatMap((n) => n.entries).at(-1));
    t.clock.ms = Date.parse("2026-11-28T10:00:00+08:00"); // a Saturday: Monday to Wednesday are the three days
    const volunteer = await t.agent().login(DEMO.volunteer);
    const raised = await volunteer.post(`/api/rating-nominations/${entry.nominationId}/objections`, {
      reason: "这位同志今年很少参加服务",
    });
    expect(raised.status).toBe(201);
    const about = (items: Item[]) => items.filter((w) => w.kind === "objection_unanswered");

    t.clock.ms = Date.parse("2026-12-02T20:00:00+08:00");
    await runWarnings();
    expect(about(await warningsOf(staff, "community", 1))).toEqual([]);

    t.clock.ms = Date.parse("2026-12-03T08:00:00+08:00");
    await runWarnings();
    const [opened] = about(await warningsOf(staff, "community", 1));
    expect(opened).toMatchObject({
      open: true,
      params: { days: 3 },
      path: expect.stringMatching(/^\/ratings\/cycles\/\d+$/),
    });
    expect(JSON.stringify(opened?.params)).not.toContain("很少参加");
    expect(await warningNotes(await userIdOf(t, DEMO.committeeMember), must(opened).id)).toHaveLength(1);

    const committee = await t.agent().login(DEMO.committeeMember);
    const answered = await committee.post(`/api/rating-objections/${raised.json.id}/answer`, {
      answer: "经核对服务记录，异议不成立",
      outcome: "dismissed",
    });
    expect(answered.status).toBe(200);
    await runWarnings();
    expect(about(await warningsOf(staff, "community", 1))).toMatchObject([{ id: must(opened).id, open: false }]);
  });
});

describe("hours waiting for confirmation", () => {
  it("open a warning for the organiser and staff once a shift's present volunteers wait over 7 days, and clear when confirmed", async () => {
    const { leader, activityId, shiftIds } = await publishedActivity(t, [shiftOn("2026-12-05", "09:00", "12:00", 5)]);
    const shiftId = must(shiftIds[0]);
    const [volunteer] = await makeVolunteers(t, 1, "93");
    expect((await must(volunteer).post(`/api/shifts/${shiftId}/signups`)).status).toBe(201);
    const volunteerId = (await must(volunteer).get("/api/me")).json.user.id as number;
    t.clock.ms = Date.parse("2026-12-05T12:30:00+08:00");
    const marked = await leader.post(`/api/shifts/${shiftId}/attendance`, {
      userId: volunteerId,
      attendance: "present",
    });
    expect(marked.status).toBe(200);

    t.clock.ms = Date.parse("2026-12-11T12:30:00+08:00");
    await runWarnings();
    const waiting = (items: Item[]) => items.filter((w) => w.path === `/organise/${activityId}`);
    expect(waiting(await warningsOf(staff, "community", 1))).toEqual([]);

    t.clock.ms = Date.parse("2026-12-13T12:30:00+08:00");
    await runWarnings();
    const [opened] = waiting(await warningsOf(staff, "community", 1));
    expect(opened).toMatchObject({
      kind: "hours_unconfirmed",
      open: true,
      params: { title: "敬老院慰问", date: "2026-12-05", waiting: 1, days: 7 },
    });
    expect(await warningNotes(await userIdOf(t, DEMO.teamLeader), must(opened).id)).toHaveLength(1);
    expect(await warningNotes(await userIdOf(t, DEMO.communityStaff), must(opened).id)).toHaveLength(1);

    const confirmed = await leader.post(`/api/shifts/${shiftId}/hours`, { entries: [{ userId: volunteerId }] });
    expect(confirmed.json.outcomes).toEqual([expect.objectContaining({ ok: true })]);
    await runWarnings();
    const [cleared] = waiting(await warningsOf(staff, "community", 1));
    expect(cleared).toMatchObject({ id: must(opened).id, open: false });
  });
});

describe("a project's late milestone", () => {
  it("warns staff and the holding team's leader once its due day passes, only in its community, and clears when reached", async () => {
    const day = (offset: number) => shanghaiDate(t.clock.ms + offset * 24 * HOUR_MS);
    const created = await staff.post("/api/communities/1/projects", {
      title: "楼道加装扶手",
      description: "为三号楼加装楼道扶手",
      milestones: [{ title: "安装扶手", target: 2, dueOn: day(1) }],
    });
    expect(created.status).toBe(201);
    const projectId = created.json.id as number;
    const milestoneId = must(created.json.milestoneIds[0]) as number;
    const leader = await t.agent().login(DEMO.teamLeader);
    const teamId = (await leader.get("/api/me")).json.roles.find((r: { role: string }) => r.role === "teamLeader")
      .scopeId as number;
    expect((await leader.post(`/api/projects/${projectId}/claim`, { holderKey: `team:${teamId}` })).status).toBe(200);
    const late = (items: Item[]) => items.filter((w) => w.kind === "milestone_late" && w.params.title === "安装扶手");

    // Due tomorrow, then due today: not late yet.
    await runWarnings();
    expect(late(await warningsOf(staff, "community", 1))).toEqual([]);
    t.clock.ms += 24 * HOUR_MS;
    await runWarnings();
    expect(late(await warningsOf(staff, "community", 1))).toEqual([]);

    const dueOn = day(0);
    t.clock.ms += 24 * HOUR_MS;
    await runWarnings();
    const [opened] = late(await warningsOf(staff, "community", 1));
    expect(opened).toMatchObject({
      open: true,
      gridId: null,
      path: "/projects/1",
      params: { projectTitle: "楼道加装扶手", title: "安装扶手", dueOn, progress: 0, target: 2 },
    });
    expect(await warningNotes(await userIdOf(t, DEMO.communityStaff), must(opened).id)).toHaveLength(1);
    expect(await warningNotes(await userIdOf(t, DEMO.teamLeader), must(opened).id)).toHaveLength(1);

    // Staff of 幸福里社区 (community 2) never see it.
    const account = await admin.post("/api/accounts", { phone: "13600008888", name: "邻社区干部", communityId: 2 });
    await admin.post(`/api/accounts/${account.json.user.id}/roles`, { role: "communityStaff", scopeId: 2 });
    await t.agent().firstLogin("13600008888", account.json.temporaryPassword, "neighbour2026");
    const neighbour = await t.agent().login("13600008888", "neighbour2026");
    expect((await neighbour.get("/api/warnings?scope=community&id=1")).status).toBe(403);
    expect(late(await warningsOf(neighbour, "community", 2))).toEqual([]);
    expect(await warningNotes(account.json.user.id as number, must(opened).id)).toHaveLength(0);

    const reached = await leader.post(`/api/projects/${projectId}/milestones/${milestoneId}/progress`, { progress: 2 });
    expect(reached.status).toBe(200);
    await runWarnings();
    expect(late(await warningsOf(staff, "community", 1))).toMatchObject([{ id: must(opened).id, open: false }]);
  });
});

// Last: it moves the clock two months on.
describe("who hears of many warnings at once", () => {
  it("a volunteer holding more late requests than the limit hears of each with its request's page, not a count of a page she may not open", async () => {
    const volunteer = await t.agent().login(DEMO.volunteer);
    const ids: number[] = [];
    for (let i = 0; i <= WARNING_MESSAGES_PER_RUN_MAX; i++) {
      const posted = await resident.post("/api/requests", {
        kind: "wish",
        category: "item",
        description: `想要助行器${i}`,
      });
      expect((await volunteer.post(`/api/requests/${posted.json.id}/claim`)).status).toBe(200);
      ids.push(posted.json.id);
    }
    t.clock.ms += 60 * 24 * HOUR_MS;
    await runWarnings();
    const volunteerId = await userIdOf(t, DEMO.volunteer);
    const told = (await t.database.db.select().from(notifications).where(eq(notifications.userId, volunteerId))).filter(
      (n) => n.kind.startsWith("warning"),
    );
    expect(told.every((n) => n.kind === "warning_opened")).toBe(true);
    expect(told.map((n) => JSON.parse(n.payload).path)).toEqual(
      expect.arrayContaining(ids.map((id) => `/requests/${id}`)),
    );
  });
});
