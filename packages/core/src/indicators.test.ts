import { describe, expect, it } from "vitest";
import {
  activeWindows,
  fundWeeks,
  isMilestoneLate,
  listFigure,
  medianHours,
  mergeFigures,
  monthEndBalances,
  monthlyTotal,
  partnerClaims,
  ratio,
  signupsPerActivity,
  snapshot,
  splitMonths,
  summariseMonths,
  summaryCells,
  trailingMonths,
  windowOf,
  type Indicator,
  type MonthCell,
  type RatioCell,
  type TransferCell,
} from "./indicators";

// 2026-12-01 00:30 in Shanghai is still 2026-11-30 in UTC: months are Shanghai's.
const NOW = Date.parse("2026-11-30T16:30:00Z");
const MONTHS = trailingMonths(NOW, 3);

describe("the dashboard's months", () => {
  it("are the last twelve Shanghai months up to this one, oldest first, across a year's end", () => {
    const months = trailingMonths(Date.parse("2026-01-15T00:00:00Z"));
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2025-02");
    expect(months[11]).toBe("2026-01");
    expect(MONTHS).toEqual(["2026-10", "2026-11", "2026-12"]);
  });

  it("cover their first instant to the first instant after them in Shanghai", () => {
    expect(windowOf(MONTHS)).toEqual([Date.parse("2026-09-30T16:00:00Z"), Date.parse("2026-12-31T16:00:00Z")]);
  });
});

const cell = (month: string, n: number, by: MonthCell["by"] = {}): MonthCell => ({ month, n, by });

describe("a monthly total", () => {
  it.each([
    { case: "an empty community", cells: [], value: 0, trend: [0, 0, 0], grid: [] },
    {
      case: "a month with no data between two with data",
      cells: [cell("2026-10", 2, { grid: 1 }), cell("2026-12", 3, { grid: 1 }), cell("2026-12", 1, { grid: 2 })],
      value: 4,
      trend: [2, 0, 4],
      grid: [
        { key: "1", value: 3 },
        { key: "2", value: 1 },
      ],
    },
    {
      case: "rows without a grid",
      cells: [cell("2026-12", 5, { grid: null })],
      value: 5,
      trend: [0, 0, 5],
      grid: [{ key: "", value: 5 }],
    },
  ])("counts this month, splits it by group and fills every month ($case)", ({ cells, value, trend, grid }) => {
    const indicator = monthlyTotal("requests_received", cells, MONTHS, ["grid"]);
    expect(indicator).toMatchObject({
      key: "requests_received",
      unit: "count",
      definition: "indicatorDefinition.requests_received",
    });
    expect(indicator.value).toBe(value);
    expect(indicator.trend.map((t) => t.value)).toEqual(trend);
    expect(indicator.trend.map((t) => t.month)).toEqual(MONTHS);
    expect(indicator.breakdown?.grid).toEqual(grid);
  });

  it("shows minutes as hours with one decimal", () => {
    const indicator = monthlyTotal(
      "hours_confirmed",
      [cell("2026-12", 100)],
      MONTHS,
      [],
      (m) => Math.round(m / 6) / 10,
    );
    expect(indicator.value).toBe(1.7);
    expect(indicator.unit).toBe("hours");
  });
});

const share = (month: string, num: number, den: number): RatioCell => ({ month, num, den });

describe("a share or a mean", () => {
  it.each([
    { case: "an empty community", cells: [], value: null, trend: [null, null, null] },
    {
      case: "a month with no data",
      cells: [share("2026-10", 1, 4), share("2026-12", 2, 3), share("2026-12", 1, 1)],
      value: 0.75,
      trend: [0.25, null, 0.75],
    },
    { case: "nothing counted this month", cells: [share("2026-12", 0, 0)], value: null, trend: [null, null, null] },
  ])("is null where nothing was counted ($case)", ({ cells, value, trend }) => {
    const indicator = ratio("no_show_rate", cells, MONTHS);
    expect(indicator.value).toBe(value);
    expect(indicator.trend.map((t) => t.value)).toEqual(trend);
  });
});

describe("a median", () => {
  it("is shown in hours, null in a month with none", () => {
    const indicator = medianHours("requests_accept_hours_median", [{ month: "2026-11", ms: 5_400_000 }], MONTHS);
    expect(indicator.value).toBeNull();
    expect(indicator.trend.map((t) => t.value)).toEqual([null, 1.5, null]);
  });
});

describe("active volunteers", () => {
  it("served within 90 days of a month's end, or of today this month", () => {
    expect(activeWindows(MONTHS, NOW)).toEqual([
      { month: "2026-10", fromDate: "2026-08-03", toDate: "2026-11-01" },
      { month: "2026-11", fromDate: "2026-09-02", toDate: "2026-12-01" },
      { month: "2026-12", fromDate: "2026-09-03", toDate: "2026-12-02" },
    ]);
  });
});

describe("the fund", () => {
  it("had at each month's end its balance now less what came in since", () => {
    const flows = [cell("2026-10", 1000), cell("2026-11", -300), cell("2026-12", -200)];
    expect(monthEndBalances(500, flows, MONTHS).map((t) => t.value)).toEqual([1000, 700, 500]);
    expect(monthEndBalances(0, [], MONTHS).map((t) => t.value)).toEqual([0, 0, 0]);
  });

  it.each([
    { available: 1200, paidOut: 1200, weeks: 12 },
    { available: 100, paidOut: 1200, weeks: 1 },
    { available: 0, paidOut: 600, weeks: 0 },
    { available: 500, paidOut: 0, weeks: null },
  ])(
    "lasts $weeks weeks with $available points at $paidOut paid out over 12 weeks",
    ({ available, paidOut, weeks }) => {
      expect(fundWeeks(available, paidOut)).toBe(weeks);
    },
  );
});

describe("points by month", () => {
  const t = (
    month: string,
    debit: TransferCell["debit"],
    credit: TransferCell["credit"],
    amount: number,
    cause: string | null,
    state: TransferCell["state"] = "posted",
  ): TransferCell => ({ month, debit, credit, amount, cause, state });

  it("are the points admin's monthly summary of each month, community by community", () => {
    const summaries = summariseMonths(
      [
        t("2026-10", "issuance:0", "fund:0", 1000, null),
        t("2026-12", "fund:0", "volunteer:0", 30, "earning"),
        t("2026-12", "volunteer:0", "store:0", 15, "redemption"),
        t("2026-12", "volunteer:0", "store:0", 9, "redemption", "pending"),
        t("2026-12", "volunteer:0", "fund:0", 7, "donation"),
      ],
      MONTHS,
    );
    expect(summaries.get("2026-11")).toMatchObject({ issued: 0, earned: 0, redeemed: 0, donated: 0 });
    const earned = monthlyTotal("points_earned", summaryCells(new Map([[3, summaries]]), "earned"), MONTHS, [
      "community",
    ]);
    expect(earned.trend.map((p) => p.value)).toEqual([0, 0, 30]);
    expect(earned.breakdown?.community).toEqual([{ key: "3", value: 30 }]);
    const spent = monthlyTotal("points_spent", summaryCells(new Map([[3, summaries]]), "redeemed"), MONTHS);
    expect(spent.value).toBe(15);
  });
});

describe("a count kept as it is now", () => {
  it("has no trend unless one is given", () => {
    expect(snapshot("requests_overdue", 2)).toEqual({
      key: "requests_overdue",
      unit: "count",
      definition: "indicatorDefinition.requests_overdue",
      value: 2,
      trend: [],
    });
  });
});

describe("a dashboard from its kept closed months and its current month", () => {
  const point = (month: string, value: number | null) => ({ month, value });
  const ind = (key: Indicator["key"], value: number | null, trend: Indicator["trend"]): Indicator => ({
    ...snapshot(key, value, undefined, trend),
  });

  it("splits the twelve months into the eleven kept and the current one", () => {
    expect(splitMonths(NOW)).toEqual({
      closed: trailingMonths(NOW).slice(0, 11),
      current: ["2026-12"],
    });
  });

  it.each([
    {
      case: "a monthly total",
      closed: [ind("requests_received", 9, [point("2026-10", 4), point("2026-11", 9)])],
      current: [ind("requests_received", 2, [point("2026-12", 2)])],
      value: 2,
      trend: [4, 9, 2],
    },
    {
      case: "a share with an empty month",
      closed: [ind("no_show_rate", null, [point("2026-10", null), point("2026-11", 0.5)])],
      current: [ind("no_show_rate", null, [point("2026-12", null)])],
      value: null,
      trend: [null, 0.5, null],
    },
    {
      case: "a count kept only as it is now",
      closed: [ind("requests_overdue", 7, [])],
      current: [ind("requests_overdue", 3, [])],
      value: 3,
      trend: [],
    },
    {
      case: "honours this year, across the year's end",
      closed: [ind("honours_published", 0, [point("2025-12", 5), point("2026-01", 2), point("2026-11", 1)])],
      current: [ind("honours_published", 1, [point("2026-12", 1)])],
      value: 4,
      trend: [5, 2, 1, 1],
    },
    {
      case: "an indicator the closed months do not have yet",
      closed: [],
      current: [ind("fund_balance", 80, [point("2026-12", 80)])],
      value: 80,
      trend: [80],
    },
  ])("takes the value from the current month and the earlier points from the kept ones ($case)", (row) => {
    const [merged] = mergeFigures(row.closed, row.current);
    expect(merged?.value).toBe(row.value);
    expect(merged?.trend.map((p) => p.value)).toEqual(row.trend);
  });

  it("keeps the current month's breakdown", () => {
    const current = monthlyTotal("requests_received", [cell("2026-12", 2, { grid: 1 })], ["2026-12"], ["grid"]);
    const closed = monthlyTotal("requests_received", [cell("2026-11", 5, { grid: 2 })], MONTHS.slice(0, 2), ["grid"]);
    const [merged] = mergeFigures([closed], [current]);
    expect(merged?.breakdown?.grid).toEqual([{ key: "1", value: 2 }]);
    expect(merged?.trend).toEqual(
      monthlyTotal("requests_received", [cell("2026-11", 5), cell("2026-12", 2)], MONTHS).trend,
    );
  });
});

describe("sign-ups per activity", () => {
  it.each([
    { case: "an empty community", cells: [], value: null, trend: [null, null, null] },
    {
      case: "a month with no activity held",
      cells: [
        { month: "2026-10", places: 9, activities: 3 },
        { month: "2026-12", places: 5, activities: 2 },
        { month: "2026-12", places: 0, activities: 0 },
      ],
      value: 2.5,
      trend: [3, null, 2.5],
    },
  ])("are the places taken on activities held over those activities ($case)", ({ cells, value, trend }) => {
    const indicator = signupsPerActivity(cells, MONTHS);
    expect(indicator.key).toBe("signups_per_activity");
    expect(indicator.value).toBe(value);
    expect(indicator.trend.map((p) => p.value)).toEqual(trend);
  });
});

describe("partner units' claims", () => {
  it.each([
    { case: "none", requests: [], projects: [], value: 0, what: [] },
    {
      case: "needs and projects in the same month",
      requests: [cell("2026-12", 2), cell("2026-11", 1)],
      projects: [cell("2026-12", 1)],
      value: 3,
      what: [
        { key: "request", value: 2 },
        { key: "project", value: 1 },
      ],
    },
  ])("count needs claimed and projects taken on by month of the claim ($case)", (row) => {
    const indicator = partnerClaims(row.requests, row.projects, MONTHS);
    expect(indicator.value).toBe(row.value);
    expect(indicator.breakdown?.what).toEqual(row.what);
    expect(indicator.trend.map((p) => p.value)).toEqual([0, row.requests.length > 0 ? 1 : 0, row.value]);
  });
});

describe("the three lists (三张清单)", () => {
  it.each([
    { case: "an empty street", counts: new Map(), bySide: true, value: 0, state: [0, 0], community: [] },
    {
      case: "two communities, side by side",
      counts: new Map([
        [1, { total: 5, claimed: 3, done: 1 }],
        [2, { total: 2, claimed: 0, done: 0 }],
      ]),
      bySide: true,
      value: 7,
      state: [3, 1],
      community: [
        { key: "1", value: 5 },
        { key: "2", value: 2 },
      ],
    },
    {
      case: "one community",
      counts: new Map([[1, { total: 4, claimed: 2, done: 2 }]]),
      bySide: false,
      value: 4,
      state: [2, 2],
      community: undefined,
    },
  ])("count items now, claimed and done ($case)", ({ counts, bySide, value, state, community }) => {
    const indicator = listFigure("projects_listed", counts, bySide);
    expect(indicator.value).toBe(value);
    expect(indicator.breakdown?.state).toEqual([
      { key: "claimed", value: state[0] },
      { key: "done", value: state[1] },
    ]);
    expect(indicator.breakdown?.community).toEqual(community);
    expect(indicator.trend).toEqual([]);
  });
});

describe("a project's milestone", () => {
  const m = (dueOn: string | null, progress = 1, target = 5) => ({ dueOn, progress, target });
  it.each([
    { case: "past its day, short of its target", milestone: m("2026-11-26"), status: "claimed", late: true },
    { case: "past its day on an open project", milestone: m("2026-11-26"), status: "open", late: true },
    { case: "due today", milestone: m("2026-11-27"), status: "claimed", late: false },
    { case: "reached", milestone: m("2026-11-01", 5), status: "claimed", late: false },
    { case: "without a day", milestone: m(null), status: "claimed", late: false },
    { case: "on a completed project", milestone: m("2026-11-01"), status: "completed", late: false },
    { case: "on a cancelled project", milestone: m("2026-11-01"), status: "cancelled", late: false },
  ] as const)("is late only when its day has passed before it reached its target ($case)", (row) => {
    expect(isMilestoneLate(row.milestone, row.status, "2026-11-27")).toBe(row.late);
  });
});
