import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, count, eq, inArray } from "drizzle-orm";
import { CARE_COUNT_SHOWN_MIN, must, shanghaiDate } from "@tongxin/core";
import { accessLog, careProfiles, grids, roleGrants, users, warnings } from "../db/schema";
import { jobNamed, runJob } from "../services/scheduler/jobs";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";

type BookItem = {
  householdId: number;
  communityId: number;
  gridId: number;
  label: string;
  residents: { id: number; name: string }[];
  categories: { key: string; name: string | null }[];
  level: string;
  needs: string;
  consent: { givenBy: string; givenByName: string; givenAt: string; withdrawnAt: string | null } | null;
  emergencyContact: { name: string; relation: string; phone: string } | null;
  pairings: { visitorName: string; kind: string }[];
  lastVisitedOn: string | null;
  nextVisitOn: string;
  due: string;
  requests: { open: number; closed: number };
};
type Counts = {
  shownMin: number;
  categories: { key: string; name: string | null }[];
  rows: { gridId: number; gridName: string; communityId: number; cells: (number | null)[] }[];
};

let t: TestApp;
let worker: Agent;
let staff: Agent;
/** 和平社区's three top grids, in order: 第一网格 (the demo grid worker's), 第二网格, 第三网格. */
let top: number[];
/** A top grid of another community (幸福里社区). */
let otherGrid: number;

const runWarnings = () => runJob(t.deps, jobNamed("warnings"), "test-instance");

/** Every page of a grid's book, as its reader pages through it. */
async function bookOf(agent: Agent, gridId: number, limit = 4): Promise<BookItem[]> {
  const items: BookItem[] = [];
  let cursor: string | null = null;
  do {
    const res = await agent.get(`/api/grids/${gridId}/care/book?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    items.push(...res.json.items);
    cursor = res.json.nextCursor;
  } while (cursor);
  return items;
}

const careBookReads = async (householdIds: number[]) =>
  must(
    (
      await t.database.db
        .select({ n: count() })
        .from(accessLog)
        .where(and(eq(accessLog.entity, "careBook"), inArray(accessLog.subjectHouseholdId, householdIds)))
    )[0],
  ).n;

/** A download as the browser gets it: the raw answer, not parsed as JSON. */
const download = (agent: Agent, path: string) =>
  t.app.request(`http://localhost${path}`, { headers: { ...agent.headers, cookie: must(agent.cookie) } });

beforeAll(async () => {
  t = await testApp();
  worker = await t.agent().login(DEMO.gridWorker);
  staff = await t.agent().login(DEMO.communityStaff);
  const tops = await t.database.db
    .select({ id: grids.id, communityId: grids.communityId, parentId: grids.parentId })
    .from(grids)
    .orderBy(grids.id);
  top = tops.filter((g) => g.communityId === 1 && g.parentId === null).map((g) => g.id);
  otherGrid = must(tops.find((g) => g.communityId === 2 && g.parentId === null)).id;
});
afterAll(() => t.cleanup());

describe("the grid's 民情账 (book)", () => {
  it("gives the grid worker her grid's households with a profile (the grids below included), in household order", async () => {
    const items = await bookOf(worker, must(top[0]));
    expect(items).toHaveLength(9);
    const ids = items.map((i) => i.householdId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const alone = must(items.find((i) => i.pairings.length === 0 && i.lastVisitedOn === null));
    expect(alone.categories).toEqual([{ key: "livingAlone", name: null }]);
    expect(alone.residents).toHaveLength(1);
    expect(alone.label).toMatch(/^\S+ \d+栋 \d单元\d{3}$/);
    expect(alone.emergencyContact).toMatchObject({ relation: "儿子", phone: expect.stringMatching(/^1\d{10}$/) });
    expect(alone.consent).toMatchObject({
      givenBy: "self",
      givenByName: must(alone.residents[0]).name,
      withdrawnAt: null,
    });
    expect(items.filter((i) => i.consent === null)).toHaveLength(1);
    const paired = items.filter((i) => i.pairings.some((p) => p.visitorName === "吴思远"));
    expect(paired.map((p) => p.pairings[0]?.kind)).toEqual(["volunteer", "volunteer", "volunteer"]);
    expect(items.every((i) => i.nextVisitOn > (i.lastVisitedOn ?? ""))).toBe(true);
    expect(new Set(items.map((i) => i.due))).toEqual(new Set(["ok", "dueSoon", "overdue"]));
  });

  it("counts each household's requests by its residents, open and closed", async () => {
    const [item] = (await bookOf(worker, must(top[0]))).filter((i) => i.residents.length > 0);
    const resident = must(must(item).residents[0]);
    const [row] = await t.database.db.select({ phone: users.phone }).from(users).where(eq(users.id, resident.id));
    const before = must(item).requests;
    await t.database.db
      .update(users)
      .set({ passwordHash: must(await phoneHash()) })
      .where(eq(users.phone, must(row).phone));
    const own = await t.agent().login(must(row).phone);
    const posted = await own.post("/api/requests", { kind: "service", category: "other", description: "帮忙换灯泡" });
    expect(posted.status).toBe(201);
    const after = must((await bookOf(worker, must(top[0]))).find((i) => i.householdId === must(item).householdId));
    expect(after.requests).toEqual({ open: before.open + 1, closed: before.closed });
  });

  it("gives community staff any grid's book of their community", async () => {
    expect(await bookOf(staff, must(top[1]))).toHaveLength(4);
    expect(await bookOf(staff, must(top[2]))).toHaveLength(3);
  });

  it("writes one access-log row per household shown, place careBook, with its reader", async () => {
    const page = await worker.get(`/api/grids/${top[0]}/care/book?limit=3`);
    const ids = (page.json.items as BookItem[]).map((i) => i.householdId);
    const before = await careBookReads(ids);
    await worker.get(`/api/grids/${top[0]}/care/book?limit=3`);
    expect(await careBookReads(ids)).toBe(before + 3);
    const workerId = must((await t.database.db.select().from(users).where(eq(users.phone, DEMO.gridWorker)))[0]).id;
    const rows = await t.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.entity, "careBook"), inArray(accessLog.subjectHouseholdId, ids)));
    expect(rows.every((r) => r.actorUserId === workerId && r.subjectUserId === null && r.communityId === 1)).toBe(true);
  });

  it.each([
    ["the street admin", DEMO.streetAdmin],
    ["a resident", DEMO.resident],
    ["a volunteer, even one paired with households of the grid", DEMO.volunteer],
    ["a committee member", DEMO.committeeMember],
    ["a team leader", DEMO.teamLeader],
  ])("refuses %s (403)", async (_, phone) => {
    const agent = await t.agent().login(phone);
    expect((await agent.get(`/api/grids/${top[0]}/care/book`)).status).toBe(403);
    expect((await download(agent, `/api/grids/${top[0]}/care/book/export`)).status).toBe(403);
  });

  it("refuses another grid's worker, another community's grid and staff of another community", async () => {
    expect((await worker.get(`/api/grids/${top[1]}/care/book`)).status).toBe(403);
    expect((await staff.get(`/api/grids/${otherGrid}/care/book`)).status).toBe(403);
    expect((await download(staff, `/api/grids/${otherGrid}/care/book/export`)).status).toBe(403);
    const elsewhere = await staffOfCommunity(2);
    expect((await elsewhere.get(`/api/grids/${top[0]}/care/book`)).status).toBe(403);
    expect((await elsewhere.get(`/api/grids/${otherGrid}/care/book`)).status).toBe(200);
  });

  it("answers a grid that does not exist 404, a stranger 401 and a cursor it never gave 400", async () => {
    expect((await worker.get("/api/grids/999999/care/book")).status).toBe(404);
    expect((await t.agent().get(`/api/grids/${top[0]}/care/book`)).status).toBe(401);
    expect((await worker.get(`/api/grids/${top[0]}/care/book?cursor=bm9wZQ`)).status).toBe(400);
  });
});

describe("the 民情账 as a download", () => {
  it("as XLSX has the page's rows in its order, the header in Chinese, and logs every household written", async () => {
    const list = await bookOf(worker, must(top[0]));
    const ids = list.map((i) => i.householdId);
    const before = await careBookReads(ids);
    const res = await download(worker, `/api/grids/${top[0]}/care/book/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("民情账-")}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = must(book.worksheets[0]);
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1, 5)).toEqual(["户", "网格", "居民", "关爱类别"]);
    const rows = sheet
      .getSheetValues()
      .slice(2)
      .map((row) => (row as ExcelJS.CellValue[]).slice(1));
    expect(rows.map((r) => r[0])).toEqual(list.map((i) => i.label));
    const alone = must(rows.find((r) => r[3] === "独居老人" && r[9] === undefined));
    expect(alone[6]).toMatch(/^已同意 \(.+\)$/);
    expect(rows.some((r) => r[6] === "未同意")).toBe(true);
    expect(rows.every((r) => typeof r[13] === "number" && r[11] instanceof Date)).toBe(true);
    expect(await careBookReads(ids)).toBe(before + ids.length);
  });

  it("as CSV with lang=en has the header row in English and a row per household", async () => {
    const res = await download(staff, `/api/grids/${top[1]}/care/book/export?format=csv&lang=en`);
    expect(res.status).toBe(200);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    const lines = text.slice(1).trim().split("\r\n");
    expect(must(lines[0]).split(",").slice(0, 4)).toEqual(["Household", "Grid", "Residents", "Categories"]);
    expect(lines).toHaveLength(1 + 4);
  });

  it("a HEAD request writes no page and logs nobody", async () => {
    const ids = (await bookOf(worker, must(top[0]))).map((i) => i.householdId);
    const before = await careBookReads(ids);
    const res = await t.app.request(`http://localhost/api/grids/${top[0]}/care/book/export`, {
      method: "HEAD",
      headers: { ...worker.headers, cookie: must(worker.cookie) },
    });
    expect(res.status).toBe(200);
    expect(await careBookReads(ids)).toBe(before);
  });
});

describe("care counts (suppressed below 5)", () => {
  it("the street admin reads the street's counts per grid: a grid with 4 profiles shows null, and no total is published to subtract from", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const res = await admin.get("/api/streets/1/care/counts");
    expect(res.status).toBe(200);
    const counts = res.json as Counts;
    expect(counts.shownMin).toBe(CARE_COUNT_SHOWN_MIN);
    const column = counts.categories.findIndex((c) => c.key === "livingAlone");
    const first = must(counts.rows.find((r) => r.gridId === top[0]));
    expect(first.cells[column]).toBe(5);
    const four = must(counts.rows.find((r) => r.gridId === top[1]));
    expect(four.cells.every((c) => c === null)).toBe(true);
    expect(JSON.stringify(counts)).not.toMatch(/单元|household/);
    // No totals at all: a total beside its shown counts gives a hidden one away by subtraction, zeros too.
    expect(JSON.stringify(counts)).not.toMatch(/[Tt]otal/);
    const shown = counts.rows.flatMap((r) => r.cells).filter((c) => c !== null);
    expect(shown.every((c) => c >= CARE_COUNT_SHOWN_MIN)).toBe(true);
  });

  it("community staff read their community's; every count below 5 is null, zeros too", async () => {
    const res = await staff.get("/api/communities/1/care/counts");
    expect(res.status).toBe(200);
    const counts = res.json as Counts;
    expect(counts.rows.map((r) => r.gridId)).toEqual(top);
    const shown = counts.rows.flatMap((r) => r.cells).filter((c) => c !== null);
    expect(shown.every((c) => c >= CARE_COUNT_SHOWN_MIN)).toBe(true);
    expect(counts.rows.flatMap((r) => r.cells)).toContain(null);
  });

  it("refuses the counts to those who may not read them, and other communities' ids", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    for (const phone of [DEMO.resident, DEMO.volunteer, DEMO.committeeMember, DEMO.gridWorker]) {
      const agent = await t.agent().login(phone);
      expect((await agent.get("/api/communities/1/care/counts")).status).toBe(403);
      expect((await agent.get("/api/streets/1/care/counts")).status).toBe(403);
    }
    expect((await staff.get("/api/streets/1/care/counts")).status).toBe(403);
    expect((await staff.get("/api/communities/2/care/counts")).status).toBe(403);
    expect((await admin.get("/api/streets/999/care/counts")).status).toBe(404);
    expect((await staff.get("/api/communities/999/care/counts")).status).toBe(404);
  });
});

describe("the missed-visit warning (visit_missed)", () => {
  it("warns the grid's worker of a missed visit with the door and the due day only; a recorded visit clears it", async () => {
    await runWarnings();
    const missed = await visitWarnings(worker, "grid", must(top[0]));
    expect(missed).toHaveLength(1);
    const warning = must(missed[0]);
    expect(Object.keys(warning.params).sort()).toEqual(["dueOn", "label"]);
    const householdId = Number(/^\/households\/(\d+)\/care$/.exec(warning.path)?.[1]);
    const [profile] = await t.database.db.select().from(careProfiles).where(eq(careProfiles.householdId, householdId));
    expect(JSON.stringify(warning)).not.toContain(must(profile).needs);
    const item = must((await bookOf(worker, must(top[0]))).find((i) => i.householdId === householdId));
    expect(warning.params).toEqual({ label: item.label, dueOn: item.nextVisitOn });
    expect(item.due).toBe("overdue");

    const visited = await worker.post(`/api/households/${householdId}/care/visits`, {
      visitedOn: shanghaiDate(t.clock.ms),
      mode: "inPerson",
      wellbeing: "good",
      needs: "",
    });
    expect(visited.status).toBe(201);
    await runWarnings();
    expect(await visitWarnings(worker, "grid", must(top[0]))).toEqual([]);
    const [row] = await t.database.db.select().from(warnings).where(eq(warnings.id, warning.id));
    expect(must(row).open).toBe(false);
  });

  it("is listed to the community's staff but not to the street admin or the committee, who may not acknowledge it", async () => {
    // 第二网格's households last visited two months ago: every plan there is missed.
    const below = await t.database.db
      .select({ id: grids.id })
      .from(grids)
      .where(eq(grids.parentId, must(top[1])));
    await t.database.db
      .update(careProfiles)
      .set({ lastVisitedOn: "2026-09-20" })
      .where(
        inArray(
          careProfiles.gridId,
          below.map((g) => g.id),
        ),
      );
    t.clock.ms += 10 * 60_000;
    await runWarnings();
    const seen = await visitWarnings(staff, "community", 1);
    expect(seen.length).toBeGreaterThan(0);
    const admin = await t.agent().login(DEMO.streetAdmin);
    const committee = await t.agent().login(DEMO.committeeMember);
    expect(await visitWarnings(admin, "street", 1)).toEqual([]);
    expect(await visitWarnings(committee, "community", 1)).toEqual([]);
    expect((await committee.post(`/api/warnings/${must(seen[0]).id}/acknowledge`)).status).toBe(403);
    expect((await staff.post(`/api/warnings/${must(seen[0]).id}/acknowledge`)).status).toBe(200);
  });
});

type WarningItem = { id: number; kind: string; params: Record<string, unknown>; path: string; open: boolean };

/** The open visit_missed warnings a reader's list shows. */
async function visitWarnings(agent: Agent, scope: string, id: number): Promise<WarningItem[]> {
  const items: WarningItem[] = [];
  let cursor: string | null = null;
  do {
    const res = await agent.get(`/api/warnings?scope=${scope}&id=${id}&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    items.push(...res.json.items);
    cursor = res.json.nextCursor;
  } while (cursor);
  return items.filter((w) => w.kind === "visit_missed" && w.open);
}

/** The demo's password hash, to sign in as a seeded resident. */
async function phoneHash() {
  const [row] = await t.database.db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.phone, DEMO.resident));
  return row?.hash;
}

/** The second committee member made staff of another community too: she signs in with the demo password. */
async function staffOfCommunity(communityId: number) {
  const [user] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.phone, DEMO.committeeMember2));
  await t.database.db
    .insert(roleGrants)
    .values({
      userId: must(user).id,
      role: "communityStaff",
      scopeKind: "community",
      scopeId: communityId,
      createdAt: t.clock.ms,
    })
    .onConflictDoNothing();
  return t.agent().login(DEMO.committeeMember2);
}
