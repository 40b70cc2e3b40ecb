import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { maskName, must, shanghaiDate } from "@tongxin/core";
import { auditLog, notifications, partnerUnits, projects, users, volunteers } from "../db/schema";
import { jobNamed, runJob } from "../services/scheduler/jobs";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";

const DAY_MS = 86_400_000;
const PHOTO = `data:image/jpeg;base64,/9j/4AAQ${"A".repeat(400)}`;

let t: TestApp;
let staff: Agent;
let member: Agent;
let resident: Agent;
let memberId: number;

const day = (offset: number) => shanghaiDate(t.clock.ms + offset * DAY_MS);
const promise = (over: Record<string, unknown> = {}) => ({
  committerKind: "member",
  what: "每周为独居老人上门一次",
  dueOn: day(30),
  ...over,
});

/** Sets a person's volunteer profile in the table: their Party status, consent and partner unit. */
async function profile(userId: number, set: Partial<typeof volunteers.$inferInsert>) {
  await t.database.db.update(volunteers).set(set).where(eq(volunteers.userId, userId));
}

async function unitOf(communityId: number) {
  const [unit] = await t.database.db
    .select({ id: partnerUnits.id, name: partnerUnits.name })
    .from(partnerUnits)
    .where(eq(partnerUnits.communityId, communityId))
    .limit(1);
  return must(unit);
}

beforeAll(async () => {
  t = await testApp();
  staff = await t.agent().login(DEMO.communityStaff);
  member = await t.agent().login(DEMO.volunteer);
  resident = await t.agent().login(DEMO.resident);
  memberId = await userIdOf(t, DEMO.volunteer);
  await profile(memberId, { partyStatus: "active", publicNameConsent: false, partnerUnitId: null });
});
afterAll(() => t.cleanup());

describe("the demo community", () => {
  it("shows commitments kept, not kept, open and overdue, by consenting and private members, the branch and a unit", async () => {
    const items = (await t.agent().get("/api/public/communities/1/commitments?limit=100")).json.items as {
      committerKind: string;
      committer: string;
      state: string;
      due: string | null;
    }[];
    expect(new Set(items.map((c) => c.committerKind))).toEqual(new Set(["member", "branch", "partner"]));
    expect(new Set(items.map((c) => c.state))).toEqual(new Set(["open", "kept", "notKept"]));
    expect(items.some((c) => c.due === "overdue")).toBe(true);
    const members = items.filter((c) => c.committerKind === "member").map((c) => c.committer);
    expect(members.some((name) => name.includes("*"))).toBe(true);
    expect(members.some((name) => !name.includes("*"))).toBe(true);
  });
});

describe("making a commitment (承诺)", () => {
  it("a Party member commits for themselves; staff for the branch and a unit; a unit's volunteer for the unit", async () => {
    const own = await member.post("/api/communities/1/commitments", promise());
    expect(own.status).toBe(201);
    expect(own.json).toEqual({ id: expect.any(Number), state: "open" });
    expect((await staff.post("/api/communities/1/commitments", promise({ committerKind: "branch" }))).status).toBe(201);
    const unit = await unitOf(1);
    const forUnit = promise({ committerKind: "partner", partnerUnitId: unit.id });
    expect((await staff.post("/api/communities/1/commitments", forUnit)).status).toBe(201);
    expect((await member.post("/api/communities/1/commitments", forUnit)).status).toBe(403);
    await profile(memberId, { partnerUnitId: unit.id });
    expect((await member.post("/api/communities/1/commitments", forUnit)).status).toBe(201);
    await profile(memberId, { partnerUnitId: null });
    const [audited] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "commitment"), eq(auditLog.entityId, own.json.id)));
    expect(audited).toMatchObject({ action: "commitment.make", communityId: 1 });
  });

  it("refuses the signed out, those who are not Party members, staff in a member's name and other communities", async () => {
    expect((await t.agent().post("/api/communities/1/commitments", promise())).status).toBe(401);
    expect((await resident.post("/api/communities/1/commitments", promise())).status).toBe(403);
    expect((await staff.post("/api/communities/1/commitments", promise())).status).toBe(403);
    expect((await staff.post("/api/communities/2/commitments", promise({ committerKind: "branch" }))).status).toBe(403);
    expect((await member.post("/api/communities/2/commitments", promise())).status).toBe(403);
    const other = await unitOf(2);
    const elsewhere = await staff.post(
      "/api/communities/1/commitments",
      promise({ committerKind: "partner", partnerUnitId: other.id }),
    );
    expect(elsewhere.json.error.reason).toBe("wrong_community");
    expect((await staff.post("/api/communities/999/commitments", promise({ committerKind: "branch" }))).status).toBe(
      404,
    );
    await profile(memberId, { partyStatus: null });
    const notMember = await member.post("/api/communities/1/commitments", promise());
    await profile(memberId, { partyStatus: "active" });
    expect(notMember.status).toBe(422);
    expect(notMember.json.error.reason).toBe("not_party_member");
  });

  it("answers bad input with the field: blank or long text, a day in the past or not a day, a unit left out", async () => {
    const blank = await member.post("/api/communities/1/commitments", promise({ what: "  " }));
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.json)).toContain("what");
    expect((await member.post("/api/communities/1/commitments", promise({ what: "承".repeat(201) }))).status).toBe(400);
    expect((await member.post("/api/communities/1/commitments", promise({ what: "承".repeat(200) }))).status).toBe(201);
    const past = await member.post("/api/communities/1/commitments", promise({ dueOn: day(-1) }));
    expect(past.status).toBe(422);
    expect(past.json.error.reason).toBe("due_in_past");
    expect(JSON.stringify(past.json)).toContain("dueOn");
    const far = await member.post("/api/communities/1/commitments", promise({ dueOn: "9999-12-31" }));
    expect([far.status, far.json.error.reason, far.json.error.issues[0].path]).toEqual([422, "due_too_far", "dueOn"]);
    for (const dueOn of ["2027-02-30", "2027-13-01", "tomorrow"])
      expect((await member.post("/api/communities/1/commitments", promise({ dueOn }))).status).toBe(400);
    expect((await staff.post("/api/communities/1/commitments", promise({ committerKind: "partner" }))).status).toBe(
      400,
    );
    expect((await member.post("/api/communities/1/commitments", promise({ committerKind: "street" }))).status).toBe(
      400,
    );
  });

  it("links a topic, project or request of its own community only", async () => {
    const [mine] = await t.database.db.select({ id: projects.id }).from(projects).where(eq(projects.communityId, 1));
    const [theirs] = await t.database.db.select({ id: projects.id }).from(projects).where(eq(projects.communityId, 2));
    const linked = await member.post(
      "/api/communities/1/commitments",
      promise({ link: { kind: "project", id: must(mine).id } }),
    );
    expect(linked.status).toBe(201);
    expect((await member.get(`/api/commitments/${linked.json.id}`)).json.link).toEqual({
      kind: "project",
      id: must(mine).id,
    });
    const across = await member.post(
      "/api/communities/1/commitments",
      promise({ link: { kind: "project", id: must(theirs).id } }),
    );
    expect(across.status).toBe(422);
    expect(across.json.error.reason).toBe("wrong_community");
    expect(
      (await member.post("/api/communities/1/commitments", promise({ link: { kind: "topic", id: 99_999 } }))).status,
    ).toBe(404);
  });
});

describe("progress reports (践诺)", () => {
  it("the committer and staff report while it is open, with up to four photos; others may not", async () => {
    const made = await member.post("/api/communities/1/commitments", promise({ what: "修好三号楼楼道灯" }));
    const id = made.json.id as number;
    const report = await member.post(`/api/commitments/${id}/reports`, { text: "已买好灯泡" });
    expect(report.status).toBe(201);
    for (let i = 0; i < 4; i++)
      expect((await member.post(`/api/commitment-reports/${report.json.id}/photos`, { photo: PHOTO })).status).toBe(
        201,
      );
    const fifth = await member.post(`/api/commitment-reports/${report.json.id}/photos`, { photo: PHOTO });
    expect(fifth.json.error.reason).toBe("too_many_report_photos");
    expect((await staff.post(`/api/commitment-reports/${report.json.id}/photos`, { photo: PHOTO })).status).toBe(403);
    expect((await member.post(`/api/commitment-reports/${report.json.id}/photos`, { photo: "a photo" })).status).toBe(
      400,
    );
    // The bytes must be the image the data URL names: a page or a script called a JPEG is refused.
    const html = `data:image/jpeg;base64,${Buffer.from("<html><script>alert(1)</script>").toString("base64")}`;
    const disguised = await member.post(`/api/commitment-reports/${report.json.id}/photos`, { photo: html });
    expect([disguised.status, disguised.json.error.issues[0]]).toMatchObject([
      400,
      { path: "photo", code: "not_an_image" },
    ]);
    expect((await member.post("/api/commitment-reports/99999/photos", { photo: PHOTO })).status).toBe(404);
    expect((await staff.post(`/api/commitments/${id}/reports`, { text: "社区已核实" })).status).toBe(201);
    expect((await resident.post(`/api/commitments/${id}/reports`, { text: "我也来" })).status).toBe(403);
    expect((await t.agent().post(`/api/commitments/${id}/reports`, { text: "匿名" })).status).toBe(401);
    expect((await member.post(`/api/commitments/${id}/reports`, { text: "" })).status).toBe(400);
    expect((await member.post(`/api/commitments/${id}/reports`, { text: "长".repeat(501) })).status).toBe(400);
    expect((await member.post("/api/commitments/99999/reports", { text: "无" })).status).toBe(404);

    const shown = await resident.get(`/api/commitments/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ what: "修好三号楼楼道灯", state: "open", mayReport: false, mayDecide: false });
    expect(shown.json.reports.map((r: { text: string }) => r.text)).toEqual(["社区已核实", "已买好灯泡"]);
    expect(shown.json.reports[1].photos).toHaveLength(4);
    const [name] = await t.database.db.select({ name: users.name }).from(users).where(eq(users.id, memberId));
    expect(shown.json.committer).toBe(maskName(must(name).name));
    expect((await member.get(`/api/commitments/${id}`)).json).toMatchObject({
      committer: must(name).name,
      mayReport: true,
      mayDecide: false,
    });
    expect((await staff.get(`/api/commitments/${id}`)).json.mayDecide).toBe(true);
    expect((await staff.get("/api/commitments/99999")).status).toBe(404);
  });
});

describe("outcomes", () => {
  it("staff mark it kept once: audited, the committer told, no more reports", async () => {
    const id = (await member.post("/api/communities/1/commitments", promise({ what: "清理楼道杂物" }))).json.id;
    expect((await resident.post(`/api/commitments/${id}/outcome`, { outcome: "kept" })).status).toBe(403);
    expect((await member.post(`/api/commitments/${id}/outcome`, { outcome: "kept" })).status).toBe(403);
    expect((await t.agent().post(`/api/commitments/${id}/outcome`, { outcome: "kept" })).status).toBe(401);
    expect((await staff.post(`/api/commitments/${id}/outcome`, { outcome: "done" })).status).toBe(400);
    expect((await staff.post("/api/commitments/99999/outcome", { outcome: "kept" })).status).toBe(404);
    const kept = await staff.post(`/api/commitments/${id}/outcome`, { outcome: "kept" });
    expect(kept.json).toEqual({ id, state: "kept", outcomeReason: null });
    const again = await staff.post(`/api/commitments/${id}/outcome`, { outcome: "notKept", reason: "改判" });
    expect(again.status).toBe(409);
    expect((await member.post(`/api/commitments/${id}/reports`, { text: "补充" })).status).toBe(409);
    const told = await t.database.db
      .select({ payload: notifications.payload })
      .from(notifications)
      .where(and(eq(notifications.userId, memberId), eq(notifications.kind, "commitment_decided")));
    expect(told.map((n) => JSON.parse(n.payload))).toContainEqual({
      commitmentId: id,
      what: "清理楼道杂物",
      state: "kept",
      reason: null,
      path: "/commitments/1",
    });
    const [audited] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "commitment.decide"), eq(auditLog.entityId, id)));
    expect(JSON.parse(must(audited).after ?? "null")).toEqual({ state: "kept", reason: null });
  });

  it("not kept and withdrawn need a reason; staff of another community may not decide", async () => {
    const id = (await member.post("/api/communities/1/commitments", promise({ what: "组织一次义诊" }))).json.id;
    const bare = await staff.post(`/api/commitments/${id}/outcome`, { outcome: "notKept" });
    expect(bare.status).toBe(422);
    expect(bare.json.error.reason).toBe("reason_required");
    expect((await staff.post(`/api/commitments/${id}/outcome`, { outcome: "withdrawn", reason: "" })).status).toBe(422);
    const admin = await t.agent().login(DEMO.streetAdmin);
    const account = await admin.post("/api/accounts", { phone: "13600007777", name: "邻社区干部", communityId: 2 });
    await admin.post(`/api/accounts/${account.json.user.id}/roles`, { role: "communityStaff", scopeId: 2 });
    await t.agent().firstLogin("13600007777", account.json.temporaryPassword, "neighbour2026");
    const neighbour = await t.agent().login("13600007777", "neighbour2026");
    expect((await neighbour.post(`/api/commitments/${id}/outcome`, { outcome: "kept" })).status).toBe(403);
    expect((await neighbour.post(`/api/commitments/${id}/reports`, { text: "代报" })).status).toBe(403);
    expect((await neighbour.get("/api/communities/1/commitments")).status).toBe(403);
    const notKept = await staff.post(`/api/commitments/${id}/outcome`, { outcome: "notKept", reason: "医生排不开" });
    expect(notKept.json).toEqual({ id, state: "notKept", outcomeReason: "医生排不开" });
  });
});

describe("deciding at once", () => {
  it("ten simultaneous outcomes leave one: the rest are refused as already decided, one message and one audit row", async () => {
    const id = (await member.post("/api/communities/1/commitments", promise({ what: "粉刷单元门" }))).json.id;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        staff.post(
          `/api/commitments/${id}/outcome`,
          i % 2 ? { outcome: "kept" } : { outcome: "withdrawn", reason: "重复" },
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(9);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "commitment.decide"), eq(auditLog.entityId, id)));
    expect(audited).toHaveLength(1);
    const told = await t.database.db
      .select({ payload: notifications.payload })
      .from(notifications)
      .where(and(eq(notifications.userId, memberId), eq(notifications.kind, "commitment_decided")));
    expect(told.filter((n) => JSON.parse(n.payload).commitmentId === id)).toHaveLength(1);
  });
});

describe("lists", () => {
  it("staff page through a community's commitments filtered by state, kind and due; others may not", async () => {
    const soon = (await member.post("/api/communities/1/commitments", promise({ what: "下周修好门禁", dueOn: day(3) })))
      .json.id;
    const branch = (
      await staff.post("/api/communities/1/commitments", promise({ committerKind: "branch", what: "党支部每月走访" }))
    ).json.id;
    const ids = async (query: string) => {
      const found: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await staff.get(
          `/api/communities/1/commitments?limit=2${query}${cursor ? `&cursor=${cursor}` : ""}`,
        );
        expect(res.status).toBe(200);
        found.push(...res.json.items.map((c: { id: number }) => c.id));
        cursor = res.json.nextCursor;
      } while (cursor);
      return found;
    };
    const all = await ids("");
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(all).toContain(soon);
    const branches = await ids("&committerKind=branch");
    expect(branches).toContain(branch);
    expect(branches).not.toContain(soon);
    const dueSoon = await ids("&due=soon");
    expect(dueSoon).toContain(soon);
    expect(dueSoon).not.toContain(all.find((id) => id !== soon && id !== branch));
    expect(await ids("&due=overdue")).not.toContain(soon);
    expect((await ids("&state=kept")).length).toBeGreaterThan(0);
    expect(await ids("&state=open")).not.toContain((await ids("&state=kept"))[0]);

    expect((await resident.get("/api/communities/1/commitments")).status).toBe(403);
    expect((await t.agent().get("/api/communities/1/commitments")).status).toBe(401);
    expect((await staff.get("/api/communities/1/commitments?state=late")).status).toBe(400);
    expect((await staff.get("/api/communities/1/commitments?cursor=bad")).status).toBe(400);
    expect((await staff.get("/api/communities/1/commitments?due=soon&cursor=bad")).status).toBe(400);
    expect((await staff.get("/api/communities/999/commitments")).status).toBe(404);

    const mine = await member.get("/api/me/commitments");
    expect(mine.json.items.map((c: { id: number }) => c.id)).toContain(soon);
    expect(mine.json.items.map((c: { id: number }) => c.id)).not.toContain(branch);
    expect((await t.agent().get("/api/me/commitments")).status).toBe(401);
  });

  it("the public list names members masked unless they consented, the branch and units in full, and no phone", async () => {
    const [name] = await t.database.db.select({ name: users.name }).from(users).where(eq(users.id, memberId));
    const anyone = t.agent();
    const page = async () => (await anyone.get("/api/public/communities/1/commitments?limit=100")).json.items;
    const masked = (await page()).filter((c: { committerKind: string }) => c.committerKind === "member");
    expect(masked.length).toBeGreaterThan(0);
    expect(JSON.stringify(masked)).not.toContain(must(name).name);
    expect(masked[0].committer).toBe(maskName(must(name).name));
    expect(Object.keys(masked[0]).sort()).toEqual([
      "committer",
      "committerKind",
      "decidedAt",
      "due",
      "dueOn",
      "id",
      "outcomeReason",
      "state",
      "what",
    ]);
    await profile(memberId, { publicNameConsent: true });
    expect((await page()).find((c: { committerKind: string }) => c.committerKind === "member").committer).toBe(
      must(name).name,
    );
    await profile(memberId, { publicNameConsent: false });
    const items = await page();
    expect(items.find((c: { committerKind: string }) => c.committerKind === "branch").committer).toBe("和平社区");
    expect(items.find((c: { committerKind: string }) => c.committerKind === "partner").committer).toBe(
      (await unitOf(1)).name,
    );
    expect(items.find((c: { state: string }) => c.state === "notKept").outcomeReason).toBe("医生排不开");
    expect(JSON.stringify(items)).not.toMatch(/1[3-9]\d{9}/);
    expect((await anyone.get("/api/public/communities/999/commitments")).status).toBe(404);
    expect((await anyone.get("/api/public/communities/1/commitments?cursor=x")).status).toBe(400);
  });
});

// Last: it moves the clock on.
describe("warnings", () => {
  it("a commitment due soon warns, overdue warns again, and the warning clears once it is kept", async () => {
    const runWarnings = () => runJob(t.deps, jobNamed("warnings"), "test-instance");
    const id = (await member.post("/api/communities/1/commitments", promise({ what: "修好车棚雨棚", dueOn: day(0) })))
      .json.id;
    const about = async () =>
      (
        (await staff.get("/api/warnings?scope=community&id=1&limit=100")).json.items as {
          id: number;
          kind: string;
          open: boolean;
          params: { what?: string };
        }[]
      ).filter((w) => w.params.what === "修好车棚雨棚");
    await runWarnings();
    expect((await about()).map((w) => [w.kind, w.open])).toEqual([["commitment_due", true]]);
    t.clock.ms += DAY_MS;
    await runWarnings();
    const overdue = (await about()).find((w) => w.kind === "commitment_overdue");
    expect(overdue).toMatchObject({ open: true });
    expect((await about()).find((w) => w.kind === "commitment_due")).toMatchObject({ open: false });
    const told = await t.database.db
      .select({ payload: notifications.payload })
      .from(notifications)
      .where(and(eq(notifications.userId, memberId), eq(notifications.kind, "warning_opened")));
    expect(told.map((n) => JSON.parse(n.payload).warningId)).toContain(must(overdue).id);
    expect((await staff.post(`/api/commitments/${id}/outcome`, { outcome: "kept" })).status).toBe(200);
    await runWarnings();
    expect((await about()).every((w) => !w.open)).toBe(true);
  });
});
