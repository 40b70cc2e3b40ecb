import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INDICATORS, isLowStock, isMilestoneLate, type Indicator, type IndicatorKey } from "@tongxin/core";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { CLOSED_REFRESH_MS, refreshFigures } from "../services/dashboard/figures";

let t: TestApp;
let staff: Agent;
let admin: Agent;
let board: { indicators: Indicator[]; scope: unknown; asOf: string };

/** Every item of a list, paged through by its cursor. */
async function all<T>(agent: Agent, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const res = await agent.get(
      `${path}${path.includes("?") ? "&" : "?"}limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.json.items);
    cursor = res.json.nextCursor;
  } while (cursor);
  return items;
}

const indicator = (key: IndicatorKey) => {
  const found = board.indicators.find((i) => i.key === key);
  if (!found) throw new Error(`no indicator ${key}`);
  return found;
};
const trendOf = (key: IndicatorKey) => Object.fromEntries(indicator(key).trend.map((p) => [p.month, p.value]));
const countBy = <T>(items: T[], monthOf: (item: T) => string | null, months: string[]) =>
  Object.fromEntries(months.map((m) => [m, items.filter((i) => monthOf(i) === m).length]));

beforeAll(async () => {
  t = await testApp();
  staff = await t.agent().login(DEMO.communityStaff);
  admin = await t.agent().login(DEMO.streetAdmin);
  const res = await staff.get("/api/dashboards/communities/1");
  expect(res.status).toBe(200);
  board = res.json;
});
afterAll(() => t.cleanup());

type RequestItem = {
  id: number;
  createdAt: string;
  status: string;
  level: string;
  closure: string | null;
  rating: number | null;
};

describe("the community dashboard", () => {
  it("answers every indicator with its unit, definition and a trend of twelve months", () => {
    expect(board.scope).toEqual({ kind: "community", id: 1 });
    expect(board.asOf).toBe("2026-11-27T10:00:00.000+08:00");
    expect(board.indicators.map((i) => i.key).sort()).toEqual(Object.keys(INDICATORS).sort());
    for (const i of board.indicators) {
      expect(i.unit).toBe(INDICATORS[i.key]);
      expect(i.definition).toBe(`indicatorDefinition.${i.key}`);
    }
    expect(indicator("requests_received").trend.map((p) => p.month)).toEqual([
      "2025-12",
      ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
    ]);
  });
});

/*
 * Each indicator against the list it summarises, on the demo data (community 1 as its staff see it):
 *   requests_received, _escalated  ← GET /api/requests?communityId=1, paged, by month of createdAt (level ≠ grid)
 *   requests_closed, _confirmed, _rating ← the closed items of that list, each closing's time from GET /api/requests/:id
 *   requests_overdue               ← GET /api/requests?communityId=1&overdue=1, paged
 *   hours_confirmed, volunteers_active ← GET /api/volunteers?communityId=… (every community), each
 *                                    GET /api/volunteers/:id/record, entries of community 1's activities (GET /api/activities/:id)
 *   points_issued/_earned/_spent/_donated ← GET /api/communities/1/points?month=M, its summary, every month
 *   points_waiting, fund_balance   ← GET /api/communities/1/points: waiting.points, fund.available
 *   rating_cycles                  ← GET /api/communities/1/rating-cycles, by status
 */
describe("every indicator equals the list it summarises", () => {
  const months = () => indicator("requests_received").trend.map((p) => p.month);

  it("requests received and escalated: the staff list by month received", async () => {
    const items = await all<RequestItem>(staff, "/api/requests?communityId=1");
    expect(items.length).toBeGreaterThan(0);
    expect(trendOf("requests_received")).toEqual(countBy(items, (r) => r.createdAt.slice(0, 7), months()));
    expect(indicator("requests_received").value).toBe(
      countBy(items, (r) => r.createdAt.slice(0, 7), ["2026-11"])["2026-11"],
    );
    const escalated = items.filter((r) => r.level !== "grid");
    expect(escalated.length).toBeGreaterThan(0);
    expect(trendOf("requests_escalated")).toEqual(countBy(escalated, (r) => r.createdAt.slice(0, 7), months()));
  });

  it("requests closed, confirmed and their rating: the list's closed requests by the month of their closing", async () => {
    const closed = (await all<RequestItem>(staff, "/api/requests?communityId=1&status=closed")).map(async (r) => {
      const detail = await staff.get(`/api/requests/${r.id}`);
      const closing = [...detail.json.timeline].reverse().find((e: { to: string }) => e.to === "closed");
      return { ...r, closedMonth: String(closing.at).slice(0, 7) };
    });
    const items = await Promise.all(closed);
    expect(items.length).toBeGreaterThan(0);
    expect(trendOf("requests_closed")).toEqual(countBy(items, (r) => r.closedMonth, months()));
    const confirmed = items.filter((r) => r.closure === "confirmed");
    expect(trendOf("requests_confirmed")).toEqual(countBy(confirmed, (r) => r.closedMonth, months()));
    for (const month of months()) {
      const rated = items.filter((r) => r.closedMonth === month && r.rating !== null);
      const mean = rated.length === 0 ? null : rated.reduce((s, r) => s + (r.rating ?? 0), 0) / rated.length;
      expect(trendOf("requests_rating")[month]).toBe(mean === null ? null : Math.round(mean * 1000) / 1000);
    }
  });

  it("requests overdue now: the overdue list (预警)", async () => {
    const overdue = await all<RequestItem>(staff, "/api/requests?communityId=1&overdue=1");
    expect(indicator("requests_overdue").value).toBe(overdue.length);
  });

  it("hours confirmed and active volunteers: the service records of community 1's activities", async () => {
    const communities = (await admin.get("/api/communities")).json.items as { id: number }[];
    const communityOf = new Map<number, number>();
    const entries: { userId: number; serviceDate: string; minutes: number }[] = [];
    for (const community of communities)
      for (const v of await all<{ id: number }>(admin, `/api/volunteers?communityId=${community.id}`)) {
        const record = await admin.get(`/api/volunteers/${v.id}/record`);
        for (const e of record.json.entries as {
          activityId: number;
          serviceDate: string;
          minutes: number;
          voidedAt: string | null;
        }[]) {
          if (!communityOf.has(e.activityId))
            communityOf.set(e.activityId, (await admin.get(`/api/activities/${e.activityId}`)).json.communityId);
          if (e.voidedAt === null && communityOf.get(e.activityId) === 1) entries.push({ userId: v.id, ...e });
        }
      }
    expect(entries.length).toBeGreaterThan(0);
    const hours = (month: string) =>
      Math.round(entries.filter((e) => e.serviceDate.startsWith(month)).reduce((s, e) => s + e.minutes, 0) / 6) / 10;
    expect(trendOf("hours_confirmed")).toEqual(Object.fromEntries(months().map((m) => [m, hours(m)])));
    // Active now: served in the 90 days up to today (2026-11-27).
    const active = new Set(
      entries.filter((e) => e.serviceDate >= "2026-08-30" && e.serviceDate <= "2026-11-27").map((e) => e.userId),
    );
    expect(indicator("volunteers_active").value).toBe(active.size);
  });

  it("points issued, earned, spent and donated: the points admin's monthly summary, every month", async () => {
    const fields = {
      points_issued: "issued",
      points_earned: "earned",
      points_spent: "redeemed",
      points_donated: "donated",
    };
    const summaries = new Map<string, Record<string, number>>();
    for (const month of months())
      summaries.set(month, (await staff.get(`/api/communities/1/points?month=${month}`)).json.summary);
    for (const [key, field] of Object.entries(fields))
      expect(trendOf(key as IndicatorKey), key).toEqual(
        Object.fromEntries(months().map((m) => [m, summaries.get(m)?.[field]])),
      );
    expect(indicator("points_earned").trend.some((p) => (p.value ?? 0) > 0)).toBe(true);
  });

  it("the fund's balance and the waiting points: the points admin's figures", async () => {
    const points = (await staff.get("/api/communities/1/points")).json;
    expect(indicator("fund_balance").value).toBe(points.fund.available);
    expect(trendOf("fund_balance")["2026-11"]).toBe(points.fund.available);
    expect(indicator("points_waiting").value).toBe(points.waiting.points);
  });

  it("rating cycles in each phase: the community's cycles by status", async () => {
    const cycles = await all<{ status: string }>(staff, "/api/communities/1/rating-cycles");
    const phases = indicator("rating_cycles").breakdown?.phase ?? [];
    for (const phase of phases)
      expect(phase.value, phase.key).toBe(cycles.filter((c) => c.status === phase.key).length);
    expect(cycles.length).toBeGreaterThan(0);
  });
});

/*
 * The indicators of issue 13's second round against their lists (community 1, staff):
 *   signups_per_activity ← GET /api/activities/:id of every activity: finished ones' shifts, places taken by month
 *   partner_claims       ← GET /api/communities/1/projects (partner holders, claimedAt) and the requests list's
 *                          partner holders with the claim in their timeline
 *   needs_listed         ← GET /api/requests?communityId=1 by status; resources_listed ← GET /api/communities/1/offers;
 *   projects_listed, milestones_late ← GET /api/communities/1/projects (core isMilestoneLate);
 *   store_low_stock      ← GET /api/communities/1/store/items as staff (core isLowStock)
 */
describe("every new indicator equals the list it summarises", () => {
  const months = () => indicator("requests_received").trend.map((p) => p.month);
  type Project = {
    status: "open" | "claimed" | "completed" | "cancelled";
    holderKey: string | null;
    claimedAt: string | null;
    milestones: { target: number; progress: number; dueOn: string | null }[];
  };
  const projects = async () => (await staff.get("/api/communities/1/projects")).json.items as Project[];

  it("sign-ups per activity: places taken on the shifts of activities held, over those activities", async () => {
    const held: { startsAt: string; taken: number; activityId: number }[] = [];
    for (let id = 1, missing = 0; missing < 3; id++) {
      const res = await staff.get(`/api/activities/${id}`);
      missing = res.status === 404 ? missing + 1 : 0;
      if (res.status === 200 && res.json.communityId === 1 && res.json.status === "finished")
        for (const shift of res.json.shifts as { startsAt: string; taken: number }[])
          held.push({ ...shift, activityId: id });
    }
    expect(held.length).toBeGreaterThan(0);
    const perMonth = (month: string) => {
      const inMonth = held.filter((s) => s.startsAt.slice(0, 7) === month);
      const activities = new Set(inMonth.map((s) => s.activityId)).size;
      const places = inMonth.reduce((sum, s) => sum + s.taken, 0);
      return activities === 0 ? null : Math.round((places / activities) * 1000) / 1000;
    };
    expect(trendOf("signups_per_activity")).toEqual(Object.fromEntries(months().map((m) => [m, perMonth(m)])));
  });

  it("partner units' claims: projects they took on and needs they claimed, by month of the claim", async () => {
    const claimed = (await projects())
      .filter((p) => p.holderKey?.startsWith("partner:"))
      .map((p) => String(p.claimedAt).slice(0, 7));
    for (const r of await all<RequestItem & { holderKey: string | null }>(staff, "/api/requests?communityId=1"))
      if (r.holderKey?.startsWith("partner:")) {
        const timeline = (await staff.get(`/api/requests/${r.id}`)).json.timeline as { action: string; at: string }[];
        const claim = [...timeline].reverse().find((e) => e.action === "claim");
        if (claim) claimed.push(claim.at.slice(0, 7));
      }
    expect(claimed.length).toBeGreaterThan(0);
    expect(trendOf("partner_claims")).toEqual(countBy(claimed, (m) => m, months()));
  });

  it("the three lists (三张清单): needs, resources and projects on their lists, claimed and done", async () => {
    const requests = await all<RequestItem>(staff, "/api/requests?communityId=1");
    const onList = requests.filter((r) => !["rejected", "cancelled"].includes(r.status));
    expect(indicator("needs_listed").value).toBe(onList.length);
    expect(indicator("needs_listed").breakdown?.state).toEqual([
      { key: "claimed", value: onList.filter((r) => !["submitted", "accepted"].includes(r.status)).length },
      { key: "done", value: onList.filter((r) => ["done", "closed"].includes(r.status)).length },
    ]);
    const offers = (await staff.get("/api/communities/1/offers")).json.items as unknown[];
    expect(offers.length).toBeGreaterThan(0);
    expect(indicator("resources_listed").value).toBe(offers.length);
    const listed = (await projects()).filter((p) => p.status !== "cancelled");
    expect(indicator("projects_listed").value).toBe(listed.length);
    expect(indicator("projects_listed").breakdown?.state).toEqual([
      { key: "claimed", value: listed.filter((p) => p.status !== "open").length },
      { key: "done", value: listed.filter((p) => p.status === "completed").length },
    ]);
  });

  it("milestones late and items low on stock: the projects' milestones and the store as its staff see it", async () => {
    const late = (await projects()).flatMap((p) =>
      p.milestones.filter((m) => isMilestoneLate(m, p.status, "2026-11-27")),
    );
    expect(late.length).toBeGreaterThan(0);
    expect(indicator("milestones_late").value).toBe(late.length);
    const items = (await staff.get("/api/communities/1/store/items")).json.items as {
      stock: number;
      active: boolean;
    }[];
    const low = items.filter(isLowStock);
    expect(low.length).toBeGreaterThan(0);
    expect(indicator("store_low_stock").value).toBe(low.length);
  });
});

describe("the street dashboard", () => {
  it("sets the communities side by side: each one's figure is its own dashboard's", async () => {
    const street = (await admin.get("/api/dashboards/street/1")).json as { indicators: Indicator[] };
    const received = street.indicators.find((i) => i.key === "requests_received");
    const own = received?.breakdown?.community?.find((c) => c.key === "1");
    expect(own?.value).toBe(indicator("requests_received").value);
    const fund = street.indicators.find((i) => i.key === "fund_balance");
    expect(fund?.breakdown?.community?.find((c) => c.key === "1")?.value).toBe(indicator("fund_balance").value);
    expect(fund?.value).toBe(fund?.breakdown?.community?.reduce((s, c) => s + (c.value ?? 0), 0));
  });
});

describe("a burst of grid dashboards", () => {
  it("thirty readings of one grid at once are computed once and all answer the same figures", async () => {
    const worker = await t.agent().login(DEMO.gridWorker);
    const grid = (await worker.get("/api/me")).json.roles.find((r: { role: string }) => r.role === "gridWorker");
    const read = t.database.read;
    let readings = 0;
    t.database.read = (fn) => {
      readings += 1;
      return read(fn);
    };
    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => worker.get(`/api/dashboards/grids/${grid.scopeId}`)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
      expect(new Set(answers.map((a) => JSON.stringify(a.json.indicators))).size).toBe(1);
      expect(readings).toBe(1);
    } finally {
      t.database.read = read;
    }
  });
});

describe("who reads which dashboard", () => {
  let gridId: number;
  let otherGridId: number;

  beforeAll(async () => {
    const me = (await (await t.agent().login(DEMO.gridWorker)).get("/api/me")).json;
    gridId = me.roles.find((r: { role: string }) => r.role === "gridWorker").scopeId;
    otherGridId = (await admin.get("/api/communities/2/grids")).json.items[0].id;
  });

  it.each([
    { as: "streetAdmin", path: "/api/dashboards/street/1", status: 200 },
    { as: "streetAdmin", path: "/api/dashboards/communities/2", status: 200 },
    { as: "communityStaff", path: "/api/dashboards/communities/1", status: 200 },
    { as: "communityStaff", path: "/api/dashboards/communities/2", status: 403 },
    { as: "communityStaff", path: "/api/dashboards/street/1", status: 403 },
    { as: "communityStaff", path: "/api/dashboards/grids/{otherGrid}", status: 403 },
    { as: "communityStaff", path: "/api/dashboards/communities/9999", status: 404 },
    { as: "committeeMember", path: "/api/dashboards/communities/1", status: 200 },
    { as: "gridWorker", path: "/api/dashboards/grids/{grid}", status: 200 },
    { as: "gridWorker", path: "/api/dashboards/grids/{otherGrid}", status: 403 },
    { as: "gridWorker", path: "/api/dashboards/communities/1", status: 403 },
    { as: "resident", path: "/api/dashboards/communities/1", status: 403 },
    { as: "resident", path: "/api/dashboards/grids/{grid}", status: 403 },
    { as: "volunteer", path: "/api/dashboards/communities/1", status: 403 },
    { as: "teamLeader", path: "/api/dashboards/communities/1", status: 403 },
  ] as const)("$as reading $path → $status", async ({ as, path, status }) => {
    const agent = await t.agent().login(DEMO[as]);
    const resolved = path.replace("{grid}", String(gridId)).replace("{otherGrid}", String(otherGridId));
    expect((await agent.get(resolved)).status).toBe(status);
  });

  it("refuses a reader not signed in, and a malformed id with the field", async () => {
    expect((await t.agent().get("/api/dashboards/communities/1")).status).toBe(401);
    const bad = await staff.get("/api/dashboards/communities/abc");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("id");
  });

  it("a grid's dashboard counts only its own requests, and has no points or ratings", async () => {
    const gridBoard = (await (await t.agent().login(DEMO.gridWorker)).get(`/api/dashboards/grids/${gridId}`)).json as {
      indicators: Indicator[];
    };
    const keys = gridBoard.indicators.map((i) => i.key);
    expect(keys).toContain("requests_received");
    expect(keys).not.toContain("fund_balance");
    const mine = await all<RequestItem>(staff, `/api/requests?communityId=1&gridId=${gridId}`);
    const received = gridBoard.indicators.find((i) => i.key === "requests_received");
    expect(received?.trend.reduce((s, p) => s + (p.value ?? 0), 0)).toBe(
      mine.filter((r) => r.createdAt >= "2025-12").length,
    );
    const needs = gridBoard.indicators.find((i) => i.key === "needs_listed");
    expect(needs?.value).toBe(mine.filter((r) => !["rejected", "cancelled"].includes(r.status)).length);
    expect(keys).not.toContain("projects_listed");
  });
});

describe("when the facts change", () => {
  let fresh: TestApp;
  beforeAll(async () => {
    fresh = await testApp();
  });
  afterAll(() => fresh.cleanup());

  /** The figures after the refresh job's next run, as a reader sees them a minute later at most. */
  const read = async (agent: Agent) => {
    await refreshFigures(fresh.deps);
    return ((await agent.get("/api/dashboards/communities/1")).json as { indicators: Indicator[] }).indicators;
  };
  const find = (indicators: Indicator[], key: IndicatorKey) => indicators.find((i) => i.key === key);

  const total = (indicators: Indicator[], key: IndicatorKey) =>
    find(indicators, key)?.trend.reduce((s, p) => s + (p.value ?? 0), 0);

  it("a request closed then reopened counts as received once and as closed only while it is closed", async () => {
    const officer = await fresh.agent().login(DEMO.communityStaff);
    const resident = await fresh.agent().login(DEMO.resident);
    const volunteer = await fresh.agent().login(DEMO.volunteer);
    const before = await read(officer);
    const id = (await resident.post("/api/requests", { kind: "wish", category: "item", description: "想要一个助行器" }))
      .json.id;
    expect((await volunteer.post(`/api/requests/${id}/claim`)).status).toBe(200);
    expect((await volunteer.post(`/api/requests/${id}/complete`)).status).toBe(200);
    expect((await resident.post(`/api/requests/${id}/confirm`, { rating: 5 })).status).toBe(200);
    const closed = await read(officer);
    expect(total(closed, "requests_received")).toBe((total(before, "requests_received") ?? 0) + 1);
    expect(total(closed, "requests_closed")).toBe((total(before, "requests_closed") ?? 0) + 1);
    expect(total(closed, "requests_confirmed")).toBe((total(before, "requests_confirmed") ?? 0) + 1);

    expect((await resident.post(`/api/requests/${id}/reopen`, { reason: "助行器坏了" })).status).toBe(200);
    const reopened = await read(officer);
    expect(find(reopened, "requests_received")?.trend).toEqual(find(closed, "requests_received")?.trend);
    expect(find(reopened, "requests_closed")?.trend).toEqual(find(before, "requests_closed")?.trend);
    expect(find(reopened, "requests_confirmed")?.trend).toEqual(find(before, "requests_confirmed")?.trend);
  });

  it("an escalation (吹哨) counts in the month received, at the level it reached", async () => {
    const officer = await fresh.agent().login(DEMO.communityStaff);
    const before = await read(officer);
    const waiting = (await all<RequestItem>(officer, "/api/requests?communityId=1&status=submitted")).find((r) =>
      r.createdAt.startsWith("2026-11"),
    );
    expect((await officer.post(`/api/requests/${waiting?.id}/escalate`, { reason: "需要社区协调物业" })).status).toBe(
      200,
    );
    const after = await read(officer);
    const escalatedIn = (indicators: Indicator[]) =>
      find(indicators, "requests_escalated")?.trend.find((p) => p.month === "2026-11")?.value;
    expect(escalatedIn(after)).toBe((escalatedIn(before) ?? 0) + 1);
    expect(find(after, "requests_escalated")?.value).toBe((find(before, "requests_escalated")?.value ?? 0) + 1);
    expect(find(after, "requests_escalated")?.breakdown?.level).toContainEqual({ key: "community", value: 1 });
  });

  it("a new request shows only after the job's next refresh, and asOf says when the figures were read", async () => {
    const officer = await fresh.agent().login(DEMO.communityStaff);
    const resident = await fresh.agent().login(DEMO.resident);
    await refreshFigures(fresh.deps);
    const first = (await officer.get("/api/dashboards/communities/1")).json;
    fresh.clock.ms += 30_000;
    expect(
      (await resident.post("/api/requests", { kind: "service", category: "haircut", description: "想预约上门理发" }))
        .status,
    ).toBe(201);
    const stale = (await officer.get("/api/dashboards/communities/1")).json;
    expect(stale.asOf).toBe(first.asOf);
    expect(total(stale.indicators, "requests_received")).toBe(total(first.indicators, "requests_received"));

    expect(await refreshFigures(fresh.deps)).toBeGreaterThan(0);
    const next = (await officer.get("/api/dashboards/communities/1")).json;
    expect(next.asOf).toBe("2026-11-27T10:00:30.000+08:00");
    expect(total(next.indicators, "requests_received")).toBe((total(first.indicators, "requests_received") ?? 0) + 1);
  });

  it("a fact dated in a closed month shows once the closed months are read again, within a day", async () => {
    const officer = await fresh.agent().login(DEMO.communityStaff);
    const escalatedIn = async (month: string) => {
      const indicators = ((await officer.get("/api/dashboards/communities/1")).json as { indicators: Indicator[] })
        .indicators;
      return find(indicators, "requests_escalated")?.trend.find((p) => p.month === month)?.value;
    };
    const old = (await all<RequestItem>(officer, "/api/requests?communityId=1&status=submitted")).find(
      (r) => r.level === "grid" && r.createdAt < "2026-11",
    );
    const month = String(old?.createdAt.slice(0, 7));
    await refreshFigures(fresh.deps);
    const before = await escalatedIn(month);
    expect((await officer.post(`/api/requests/${old?.id}/escalate`, { reason: "需要社区协调物业" })).status).toBe(200);
    fresh.clock.ms += 60_000;
    await refreshFigures(fresh.deps);
    expect(await escalatedIn(month)).toBe(before);
    fresh.clock.ms += CLOSED_REFRESH_MS;
    await refreshFigures(fresh.deps);
    expect(await escalatedIn(month)).toBe((before ?? 0) + 1);
  });
});
