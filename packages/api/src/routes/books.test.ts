import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { must } from "@tongxin/core";
import { accessLog, communities, grids, hourTotals, requestHolds, requests, users } from "../db/schema";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

/** A download as the browser gets it: the raw answer, not parsed as JSON. */
const download = (agent: Agent, path: string) =>
  t.app.request(`http://localhost${path}`, { headers: { ...agent.headers, cookie: must(agent.cookie) } });

async function sheetOf(res: Response) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return must(book.worksheets[0]);
}

/** Rows of a sheet below its header, as arrays of cell values (exceljs rows start at 1, cells at index 1). */
const bodyOf = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getSheetValues()
    .slice(2)
    .map((row) => (row as ExcelJS.CellValue[]).slice(1));
const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") rows.push([...row, field]), (row = []), (field = ""), i++;
    else field += ch;
  }
  return rows;
}

/** Every page of a staff list, in its order. */
async function listAll(agent: Agent, path: string): Promise<{ id: number }[]> {
  const items: { id: number }[] = [];
  let cursor: string | null = null;
  do {
    const page = await agent.get(`${path}&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.status).toBe(200);
    items.push(...page.json.items);
    cursor = page.json.nextCursor;
  } while (cursor);
  return items;
}

describe("the requests book (需求台账)", () => {
  it("as XLSX equals the staff list: the same rows in its order, typed cells, the header row in Chinese", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const list = await listAll(staff, "/api/requests?communityId=1");
    const res = await download(staff, "/api/requests/export?communityId=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("需求台账-2026-")}`,
    );
    const sheet = await sheetOf(res);
    expect(headerOf(sheet).slice(0, 4)).toEqual(["编号", "类型", "类别", "内容"]);
    const rows = bodyOf(sheet);
    expect(rows.map((r) => r[0])).toEqual(list.map((r) => r.id));
    const first = must(rows[0]);
    expect(typeof first[0]).toBe("number");
    expect(first[10]).toBeInstanceOf(Date);
  });

  it("as XLSX with lang=en has the header row and the file name in English", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const res = await download(staff, "/api/requests/export?communityId=1&lang=en");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Requests-\d{4}-\d\d-\d\d\.xlsx"/);
    expect(headerOf(await sheetOf(res)).slice(0, 4)).toEqual(["No.", "Kind", "Category", "Description"]);
  });

  it("as CSV round-trips quotes, commas and line breaks, and a formula-looking text is neutralised", async () => {
    const resident = await t.agent().login(DEMO.resident);
    const tricky = 'He said "fix it", now\nsecond line';
    const formula = '=HYPERLINK("http://x","点我")';
    const ids = [];
    for (const description of [tricky, formula])
      ids.push((await resident.post("/api/requests", { kind: "service", category: "other", description })).json.id);
    const staff = await t.agent().login(DEMO.communityStaff);
    const res = await download(staff, "/api/requests/export?communityId=1&format=csv&category=other");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(must(header).slice(0, 4)).toEqual(["编号", "类型", "类别", "内容"]);
    const byId = new Map(rows.map((r) => [Number(r[0]), r]));
    expect(byId.get(ids[0])?.[3]).toBe(tricky);
    expect(byId.get(ids[1])?.[3]).toBe(`'${formula}`);
    expect(byId.get(ids[0])?.[10]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it("applies the list's filters: status, category and overdue give the list's rows", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    for (const filter of ["status=closed", "category=plumbing", "overdue=1", "kind=wish&status=submitted"]) {
      const list = await listAll(staff, `/api/requests?communityId=1&${filter}`);
      const sheet = await sheetOf(await download(staff, `/api/requests/export?communityId=1&${filter}`));
      expect(bodyOf(sheet).map((r) => r[0])).toEqual(list.map((r) => r.id));
    }
    const closed = await listAll(staff, "/api/requests?communityId=1&status=closed");
    expect(closed.length).toBeGreaterThan(0);
  });

  it("is scoped as the list: another community's id, a grid worker outside their grid and a resident are refused", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await download(staff, "/api/requests/export?communityId=2")).status).toBe(403);
    expect((await download(staff, "/api/requests/export?communityId=999")).status).toBe(404);
    const worker = await t.agent().login(DEMO.gridWorker);
    expect((await download(worker, "/api/requests/export?communityId=1")).status).toBe(403);
    const resident = await t.agent().login(DEMO.resident);
    expect((await download(resident, "/api/requests/export?communityId=1")).status).toBe(403);
    const bad = await download(staff, "/api/requests/export?communityId=1&format=pdf");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("format");
  });
});

describe("the volunteers book (志愿者台账)", () => {
  it("equals the volunteer list with each one's confirmed hours, and records every phone in it as read through a book", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const me = (await staff.get("/api/me")).json.user.id as number;
    const list = (await listAll(staff, "/api/volunteers?communityId=1")) as {
      id: number;
      name: string;
      phone: string;
    }[];
    const logged = () =>
      t.database.db
        .select({ subject: accessLog.subjectUserId })
        .from(accessLog)
        .where(and(eq(accessLog.actorUserId, me), eq(accessLog.entity, "book")));
    expect(await logged()).toEqual([]);
    const sheet = await sheetOf(await download(staff, "/api/volunteers/export?communityId=1"));
    expect(headerOf(sheet)).toContain("手机号");
    const rows = bodyOf(sheet);
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual(list.map((v) => [v.id, v.name, v.phone]));
    const [busiest] = await t.database.db
      .select()
      .from(hourTotals)
      .where(eq(hourTotals.communityId, 1))
      .orderBy(desc(hourTotals.minutes))
      .limit(1);
    const row = rows.find((r) => r[0] === must(busiest).userId);
    expect(row?.[7]).toBe(Math.round((must(busiest).minutes / 60) * 10) / 10);
    expect((await logged()).map((r) => r.subject).sort()).toEqual(
      list
        .map((v) => v.id)
        .filter((id) => id !== me)
        .sort(),
    );
  });

  it("is scoped as the list: another community's id and a resident are refused, and nothing is recorded", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await download(staff, "/api/volunteers/export?communityId=2&format=csv")).status).toBe(403);
    const resident = await t.agent().login(DEMO.resident);
    const residentId = (await resident.get("/api/me")).json.user.id as number;
    expect((await download(resident, "/api/volunteers/export?communityId=1")).status).toBe(403);
    const rows = await t.database.db.select().from(accessLog).where(eq(accessLog.actorUserId, residentId));
    expect(rows).toEqual([]);
  });
});

describe("the audit log book (操作日志)", () => {
  it("equals the audit list of the community, newest first, with the time a date cell", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const resident = await t.agent().login(DEMO.resident);
    for (const description of ["楼道灯坏了", "门口积水"]) {
      const id = (await resident.post("/api/requests", { kind: "issue", category: "environment", description })).json
        .id;
      expect((await staff.post(`/api/requests/${id}/accept`)).status).toBe(200);
    }
    const list = (await listAll(staff, "/api/audit?communityId=1")) as { id: number; action: string }[];
    expect(list.length).toBeGreaterThan(0);
    const rows = bodyOf(await sheetOf(await download(staff, "/api/audit/export?communityId=1&lang=en")));
    expect(rows.map((r) => [r[0], r[3]])).toEqual(list.map((a) => [a.id, a.action]));
    expect(must(rows[0])[1]).toBeInstanceOf(Date);
  });

  it("is scoped as the list: the street's log to its admin only, another community's and a resident refused", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    expect((await download(admin, "/api/audit/export?streetId=1&format=csv")).status).toBe(200);
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await download(staff, "/api/audit/export?streetId=1")).status).toBe(403);
    expect((await download(staff, "/api/audit/export?communityId=2")).status).toBe(403);
    const resident = await t.agent().login(DEMO.resident);
    expect((await download(resident, "/api/audit/export?communityId=1")).status).toBe(403);
  });
});

describe("the teams book (志愿队伍台账)", () => {
  it("lists the community's teams with their active members and confirmed hours, for staff only", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const list = await listAll(staff, "/api/communities/1/teams?");
    const rows = bodyOf(await sheetOf(await download(staff, "/api/communities/1/teams/export")));
    expect(rows.map((r) => r[0])).toEqual(list.map((team) => team.id));
    const hours = rows.map((r) => r[4]);
    expect(hours.every((h) => typeof h === "number")).toBe(true);
    expect(hours.some((h) => Number(h) > 0)).toBe(true);
    const team = must(rows[0]);
    const page = await staff.get(`/api/teams/${team[0]}`);
    expect(team[3]).toBe(page.json.members.length);
    expect((await download(staff, "/api/communities/2/teams/export")).status).toBe(403);
    const resident = await t.agent().login(DEMO.resident);
    expect((await download(resident, "/api/communities/1/teams/export")).status).toBe(403);
  });
});

describe("the partner units book (共建单位台账)", () => {
  it("lists the community's units with contacts, their volunteers and hours, for staff only", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const { items } = (await staff.get("/api/communities/1/partner-units")).json as {
      items: { id: number; contactPhone: string | null }[];
    };
    const rows = bodyOf(await sheetOf(await download(staff, "/api/communities/1/partner-units/export?lang=en")));
    expect(rows.map((r) => [r[0], r[4] ?? null])).toEqual(items.map((u) => [u.id, u.contactPhone]));
    const unit = must(rows[0]);
    const page = await staff.get(`/api/partner-units/${unit[0]}`);
    expect(unit[5]).toBe(page.json.members.length);
    expect(unit[6]).toBe(Math.round((page.json.totalMinutes / 60) * 10) / 10);
    expect((await download(staff, "/api/communities/2/partner-units/export")).status).toBe(403);
    const resident = await t.agent().login(DEMO.resident);
    expect((await download(resident, "/api/communities/1/partner-units/export")).status).toBe(403);
  });
});

/** A CSV book as rows of text below its header, keyed by the first column (the number). */
async function csvRows(agent: Agent, path: string) {
  const res = await download(agent, path);
  expect(res.status).toBe(200);
  const [header, ...rows] = parseCsv(new TextDecoder().decode(await res.arrayBuffer()));
  return { header: must(header), byId: new Map(rows.map((r) => [Number(r[0]), r])) };
}

describe("findings of the attack run on the books", () => {
  it("the audit page and its book mask residents' and partner contacts' phones inside the change details", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const registered = await staff.post("/api/accounts", { phone: "13955501234", name: "卢桂芳", communityId: 1 });
    expect(registered.status).toBe(201);
    const unit = await staff.post("/api/communities/1/partner-units", {
      name: "和平小学",
      kind: "school",
      contactName: "周老师",
      contactPhone: "13955505678",
    });
    expect(unit.status).toBe(201);
    const page = JSON.stringify((await staff.get("/api/audit?communityId=1&limit=10")).json);
    const book = new TextDecoder().decode(
      await (await download(staff, "/api/audit/export?communityId=1&format=csv")).arrayBuffer(),
    );
    for (const shown of [page, book]) {
      expect(shown).not.toContain("13955501234");
      expect(shown).not.toContain("13955505678");
      expect(shown).toContain("139****1234");
      expect(shown).toContain("139****5678");
    }
  });

  it("the grid column names the grid by its path: community / grid / sub-grid", async () => {
    const parent = alias(grids, "parent");
    const [inSubGrid] = await t.database.db
      .select({ id: requests.id, community: communities.name, grid: grids.name, parent: parent.name })
      .from(requests)
      .innerJoin(grids, eq(grids.id, requests.gridId))
      .innerJoin(parent, eq(parent.id, grids.parentId))
      .innerJoin(communities, eq(communities.id, requests.communityId))
      .where(eq(requests.communityId, 1))
      .limit(1);
    const found = must(inSubGrid);
    const staff = await t.agent().login(DEMO.communityStaff);
    const { header, byId } = await csvRows(staff, "/api/requests/export?communityId=1&format=csv");
    expect(byId.get(found.id)?.[header.indexOf("网格")]).toBe(`${found.community} / ${found.parent} / ${found.grid}`);
  });

  it("with lang=zh the requests book holds words, and the holder's name, also of a closed request", async () => {
    const [closed] = await t.database.db
      .select({ id: requests.id, holder: requestHolds.holderKey })
      .from(requests)
      .innerJoin(requestHolds, eq(requestHolds.requestId, requests.id))
      .where(
        and(
          eq(requests.communityId, 1),
          eq(requests.status, "closed"),
          isNull(requests.holderKey),
          isNotNull(requestHolds.endedAt),
        ),
      )
      .orderBy(desc(requestHolds.id))
      .limit(1);
    const { id, holder } = must(closed);
    expect(holder).toMatch(/^volunteer:\d+$/);
    const [person] = await t.database.db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, Number(holder.split(":")[1])));
    const staff = await t.agent().login(DEMO.communityStaff);
    const { header, byId } = await csvRows(staff, "/api/requests/export?communityId=1&format=csv&status=closed");
    const row = must(byId.get(id));
    const cell = (title: string) => row[header.indexOf(title)];
    expect(cell("状态")).toBe("已关闭");
    expect(cell("承接方")).toBe(must(person).name);
    expect(["便民服务", "微心愿", "反映问题"]).toContain(cell("类型"));
    expect(["一般", "较急"]).toContain(cell("紧急程度"));
    const english = await csvRows(
      staff,
      "/api/requests/export?communityId=1&format=csv&status=closed&category=plumbing&lang=en",
    );
    expect(
      [...english.byId.values()].every((r) => r[english.header.indexOf("Category")] === "Plumbing & electrics"),
    ).toBe(true);
  });

  it("a HEAD request for the volunteers book answers its headers and records no phone read", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const me = (await staff.get("/api/me")).json.user.id as number;
    const readsBook = () =>
      t.database.db
        .select()
        .from(accessLog)
        .where(and(eq(accessLog.actorUserId, me), eq(accessLog.entity, "book")));
    const before = (await readsBook()).length;
    const head = await t.app.request("http://localhost/api/volunteers/export?communityId=1", {
      method: "HEAD",
      headers: { ...staff.headers, cookie: must(staff.cookie) },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-disposition")).toContain("attachment");
    expect((await readsBook()).length).toBe(before);
  });
});

describe("the activities book (志愿活动台账)", () => {
  it("equals the staff list of shifts in start order, with sign-ups, attendance and hours as typed cells, statuses in words", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const list = (await listAll(staff, "/api/communities/1/activity-shifts?")) as {
      id: number;
      taken: number;
      present: number;
      noShows: number;
      hours: number;
    }[];
    expect(list.length).toBeGreaterThan(20);
    const sheet = await sheetOf(await download(staff, "/api/communities/1/activity-shifts/export"));
    expect(headerOf(sheet).slice(0, 4)).toEqual(["活动编号", "活动名称", "类别", "状态"]);
    const rows = bodyOf(sheet);
    expect(rows.map((r) => [r[6], r[10], r[12], r[13], r[14]])).toEqual(
      list.map((s) => [s.id, s.taken, s.present, s.noShows, s.hours]),
    );
    expect(rows.some((r) => Number(r[14]) > 0)).toBe(true);
    expect(new Set(rows.map((r) => r[3]))).toContain("已结束");
    expect(must(rows[0])[7]).toBeInstanceOf(Date);
  });

  it("applies the list's filters: a period and a status give the list's rows", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const filter = `from=${encodeURIComponent("2026-09-01T00:00:00+08:00")}&to=${encodeURIComponent("2026-11-01T00:00:00+08:00")}&status=finished`;
    const list = (await listAll(staff, `/api/communities/1/activity-shifts?${filter}`)) as {
      id: number;
      startsAt: string;
      status: string;
    }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((s) => s.status === "finished" && s.startsAt >= "2026-09-01" && s.startsAt < "2026-11-01")).toBe(
      true,
    );
    const { byId } = await csvRows(staff, `/api/communities/1/activity-shifts/export?${filter}&format=csv&lang=en`);
    expect([...byId.values()].map((r) => Number(r[6]))).toEqual(list.map((s) => s.id));
    expect([...byId.values()].every((r) => r[3] === "Finished")).toBe(true);
  });

  it("refuses a period that ends before it starts, naming `to`, rather than answering an empty book", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const reversed = `from=${encodeURIComponent("2026-12-01T00:00:00+08:00")}&to=${encodeURIComponent("2026-01-01T00:00:00+08:00")}`;
    for (const path of [
      `/api/communities/1/activity-shifts?${reversed}`,
      `/api/communities/1/activity-shifts/export?${reversed}`,
    ]) {
      const res = await staff.get(path);
      expect(res.status).toBe(422);
      expect(res.json.error.reason).toBe("period_reversed");
      expect(res.json.error.issues).toEqual([expect.objectContaining({ path: "to", code: "period_reversed" })]);
    }
  });

  it("is for the community's staff: another community, a grid worker, the committee and a resident are refused", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await download(staff, "/api/communities/2/activity-shifts/export")).status).toBe(403);
    expect((await staff.get("/api/communities/2/activity-shifts")).status).toBe(403);
    expect((await staff.get("/api/communities/999/activity-shifts")).status).toBe(404);
    expect((await staff.get("/api/communities/1/activity-shifts?status=over")).status).toBe(400);
    const admin = await t.agent().login(DEMO.streetAdmin);
    expect((await download(admin, "/api/communities/2/activity-shifts/export?format=csv")).status).toBe(200);
    for (const who of [DEMO.gridWorker, DEMO.committeeMember, DEMO.resident]) {
      const agent = await t.agent().login(who);
      expect((await download(agent, "/api/communities/1/activity-shifts/export")).status).toBe(403);
    }
  });
});

describe("the ratings book (评星台账)", () => {
  type Entry = {
    id: number;
    subject: string;
    votesFor: number;
    votesAgainst: number;
    starsDecided: string[] | null;
    objections: number;
    objectionsOpen: number;
  };
  const cycleIn = async (agent: Agent, status: string) => {
    const { items } = (await agent.get("/api/communities/1/rating-cycles")).json as {
      items: { id: number; status: string }[];
    };
    return must(items.find((c) => c.status === status)).id;
  };

  it("equals a cycle's entries: nominees, votes counted, decisions and objections, phases in words", async () => {
    const committee = await t.agent().login(DEMO.committeeMember);
    const cycleId = await cycleIn(committee, "notice");
    const list = (await listAll(committee, `/api/rating-cycles/${cycleId}/entries?`)) as Entry[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.some((e) => e.starsDecided?.length && e.votesFor > 0)).toBe(true);
    expect(list.some((e) => e.objections > 0)).toBe(true);
    const sheet = await sheetOf(await download(committee, `/api/rating-cycles/${cycleId}/entries/export`));
    expect(headerOf(sheet).slice(0, 5)).toEqual(["申报编号", "评选", "期间", "评选阶段", "候选对象"]);
    const rows = bodyOf(sheet);
    expect(rows.map((r) => [r[0], r[4], r[7], r[8], r[12], r[13]])).toEqual(
      list.map((e) => [e.id, e.subject, e.votesFor, e.votesAgainst, e.objections, e.objectionsOpen]),
    );
    expect(rows.every((r) => r[3] === "公示中")).toBe(true);
    const staff = await t.agent().login(DEMO.communityStaff);
    const { byId } = await csvRows(staff, `/api/rating-cycles/${cycleId}/entries/export?format=csv&lang=en`);
    expect([...byId.keys()]).toEqual(list.map((e) => e.id));
    expect([...byId.values()].every((r) => r[3] === "Public notice")).toBe(true);
  });

  it("is for those who run the cycle: another community's staff, a grid worker, a volunteer and a resident are refused", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const schemes = (await admin.get("/api/communities/2/rating-schemes")).json.items as { id: number }[];
    const created = await admin.post("/api/communities/2/rating-cycles", {
      schemeId: must(schemes[0]).id,
      periodLabel: "2026",
      nominationEndsAt: new Date(t.clock.ms + 3 * 86_400_000).toISOString(),
      reviewEndsAt: new Date(t.clock.ms + 10 * 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect((await download(admin, `/api/rating-cycles/${created.json.id}/entries/export`)).status).toBe(200);
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await download(staff, `/api/rating-cycles/${created.json.id}/entries/export`)).status).toBe(403);
    expect((await staff.get(`/api/rating-cycles/${created.json.id}/entries`)).status).toBe(403);
    expect((await staff.get("/api/rating-cycles/999/entries")).status).toBe(404);
    const cycleId = await cycleIn(staff, "notice");
    for (const who of [DEMO.gridWorker, DEMO.volunteer, DEMO.resident]) {
      const agent = await t.agent().login(who);
      expect((await download(agent, `/api/rating-cycles/${cycleId}/entries/export`)).status).toBe(403);
    }
  });
});
