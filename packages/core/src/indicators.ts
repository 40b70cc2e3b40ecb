import { summarise, type MonthlySummary, type SummaryTransfer } from "./points-summary";
import type { ProjectStatus } from "./project";
import { shanghaiMonth, shanghaiMonthRange } from "./store";
import { shanghaiDate } from "./suitability";

/**
 * 红色汇治: the numbers of a street, community or grid dashboard. Each is defined once here over facts the
 * API aggregates by month (Asia/Shanghai); its name is `indicator.<key>` and its definition `indicatorDefinition.<key>` in the web catalogues.
 */
export const INDICATOR_MONTHS = 12;
/** An active volunteer served (confirmed hours) within this many days. */
export const ACTIVE_VOLUNTEER_DAYS = 90;
/** The fund's rate of spending is measured over this many recent weeks. */
export const FUND_RATE_WEEKS = 12;

export const INDICATOR_UNITS = ["count", "hours", "share", "stars", "points", "weeks"] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const INDICATORS = {
  requests_received: "count",
  requests_closed: "count",
  requests_confirmed: "count",
  requests_accept_hours_median: "hours",
  requests_close_hours_median: "hours",
  requests_closed_in_time: "share",
  requests_overdue: "count",
  requests_escalated: "count",
  requests_rating: "stars",
  volunteers_active: "count",
  hours_confirmed: "hours",
  activities_held: "count",
  places_filled: "count",
  no_show_rate: "share",
  party_hours: "hours",
  partner_hours: "hours",
  points_issued: "points",
  points_earned: "points",
  points_waiting: "points",
  points_spent: "points",
  points_donated: "points",
  fund_balance: "points",
  fund_weeks: "weeks",
  rating_cycles: "count",
  objections_open: "count",
  honours_published: "count",
  signups_per_activity: "count",
  partner_claims: "count",
  needs_listed: "count",
  resources_listed: "count",
  projects_listed: "count",
  milestones_late: "count",
  store_low_stock: "count",
} as const satisfies Record<string, IndicatorUnit>;
export type IndicatorKey = keyof typeof INDICATORS;

export type Breakdown = { key: string; value: number | null }[];
export type Indicator = {
  key: IndicatorKey;
  value: number | null;
  unit: IndicatorUnit;
  /** Catalogue key of the definition shown on hover. */
  definition: string;
  /** The value split by community, grid, category, level or phase. */
  breakdown?: Record<string, Breakdown>;
  /** One point per month, oldest first; empty for a count kept only as it is now. */
  trend: { month: string; value: number | null }[];
};

/** A month's aggregate, with the groups it was counted in (`category`, `grid`, `community`, `level`…). */
export type MonthCell = { month: string; n: number; by?: Record<string, string | number | null> };
/** A month's share or mean: `num / den`. */
export type RatioCell = { month: string; num: number; den: number; by?: Record<string, string | number | null> };

/** The last `count` months up to the one `now` is in, oldest first. */
export function trailingMonths(now: number, count = INDICATOR_MONTHS): string[] {
  const [year, month] = shanghaiMonth(now).split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const back = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, "0")}`;
  });
}

/** The instants the months cover: [first instant, first instant after]. */
export function windowOf(months: readonly string[]): [number, number] {
  return [shanghaiMonthRange(months[0] ?? "")[0], shanghaiMonthRange(months[months.length - 1] ?? "")[1]];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const base = (key: IndicatorKey) => ({ key, unit: INDICATORS[key], definition: `indicatorDefinition.${key}` });
const current = (months: readonly string[]) => months[months.length - 1];
const groupKey = (value: string | number | null | undefined) =>
  value === null || value === undefined ? "" : String(value);

/** A flow counted per month (received, closed, hours…): this month's total, its split, and each month's total (0 when nothing happened). */
export function monthlyTotal(
  key: IndicatorKey,
  cells: readonly MonthCell[],
  months: readonly string[],
  dims: readonly string[] = [],
  scale: (n: number) => number = (n) => n,
): Indicator {
  const sumWhere = (pick: (c: MonthCell) => boolean) => cells.reduce((s, c) => (pick(c) ? s + c.n : s), 0);
  const now = current(months);
  const breakdown = Object.fromEntries(
    dims.map((dim) => {
      const groups = new Map<string, number>();
      for (const c of cells)
        if (c.month === now) groups.set(groupKey(c.by?.[dim]), (groups.get(groupKey(c.by?.[dim])) ?? 0) + c.n);
      return [dim, [...groups].map(([k, n]) => ({ key: k, value: scale(n) }))];
    }),
  );
  return {
    ...base(key),
    value: scale(sumWhere((c) => c.month === now)),
    ...(dims.length > 0 ? { breakdown } : {}),
    trend: months.map((month) => ({ month, value: scale(sumWhere((c) => c.month === month)) })),
  };
}

/** A share or a mean per month (closed in time, no-shows, rating): null where nothing was counted. */
export function ratio(
  key: IndicatorKey,
  cells: readonly RatioCell[],
  months: readonly string[],
  dims: readonly string[] = [],
): Indicator {
  const of = (pick: (c: RatioCell) => boolean) => {
    let num = 0;
    let den = 0;
    for (const c of cells)
      if (pick(c)) {
        num += c.num;
        den += c.den;
      }
    return den === 0 ? null : Math.round((num / den) * 1000) / 1000;
  };
  const now = current(months);
  const breakdown = Object.fromEntries(
    dims.map((dim) => {
      const groups = [...new Set(cells.filter((c) => c.month === now).map((c) => groupKey(c.by?.[dim])))];
      return [dim, groups.map((g) => ({ key: g, value: of((c) => c.month === now && groupKey(c.by?.[dim]) === g) }))];
    }),
  );
  return {
    ...base(key),
    value: of((c) => c.month === now),
    ...(dims.length > 0 ? { breakdown } : {}),
    trend: months.map((month) => ({ month, value: of((c) => c.month === month) })),
  };
}

/** The median of each month (the API computes it in SQL), in hours from milliseconds. */
export function medianHours(
  key: IndicatorKey,
  cells: readonly { month: string; ms: number }[],
  months: readonly string[],
): Indicator {
  const at = new Map(cells.map((c) => [c.month, round1(c.ms / 3_600_000)]));
  return {
    ...base(key),
    value: at.get(current(months) ?? "") ?? null,
    trend: months.map((month) => ({ month, value: at.get(month) ?? null })),
  };
}

/** A count kept only as it is now (overdue requests, cycles in each phase, waiting points). */
export function snapshot(
  key: IndicatorKey,
  value: number | null,
  breakdown?: Record<string, Breakdown>,
  trend: Indicator["trend"] = [],
): Indicator {
  return { ...base(key), value, ...(breakdown ? { breakdown } : {}), trend };
}

/** Minutes to hours, one decimal: how hours are shown everywhere on a dashboard. */
export const minutesToHours = (minutes: number) => round1(minutes / 60);

/** The Shanghai days (from inclusive, to exclusive) whose service makes a volunteer active at the end of each month (or now, this month). */
export function activeWindows(
  months: readonly string[],
  now: number,
): { month: string; fromDate: string; toDate: string }[] {
  return months.map((month) => {
    const end = Math.min(shanghaiMonthRange(month)[1], now + 86_400_000);
    return {
      month,
      fromDate: shanghaiDate(end - ACTIVE_VOLUNTEER_DAYS * 86_400_000),
      toDate: shanghaiDate(end),
    };
  });
}

/** A fund's balance at the end of each month, back from its balance now and each month's net flow. */
export function monthEndBalances(
  balanceNow: number,
  flows: readonly MonthCell[],
  months: readonly string[],
): Indicator["trend"] {
  return months.map((month) => ({
    month,
    value: balanceNow - flows.reduce((s, f) => (f.month > month ? s + f.n : s), 0),
  }));
}

/** How many weeks the fund lasts at the rate it paid out over the last FUND_RATE_WEEKS weeks; null when it paid nothing. */
export function fundWeeks(available: number, paidOutRecently: number): number | null {
  if (paidOutRecently <= 0) return null;
  return round1(Math.max(0, available) / (paidOutRecently / FUND_RATE_WEEKS));
}

/** A group of a community's transfers in a month, as the SQL groups them: account kinds, the cause's kind and the state. */
export type TransferCell = SummaryTransfer & { month: string };

/** The monthly summary (core `summarise`: the points admin's figures) of each month. */
export function summariseMonths(
  cells: readonly TransferCell[],
  months: readonly string[],
): Map<string, MonthlySummary> {
  return new Map(months.map((month) => [month, summarise(cells.filter((c) => c.month === month))]));
}

/** One figure of each community's monthly summaries as cells to tally, split by community. */
export const summaryCells = (
  perCommunity: ReadonlyMap<number, ReadonlyMap<string, MonthlySummary>>,
  field: keyof MonthlySummary,
): MonthCell[] =>
  [...perCommunity].flatMap(([community, summaries]) =>
    [...summaries].map(([month, s]) => ({ month, n: s[field], by: { community } })),
  );

/**
 * The months a dashboard keeps once computed (all but the current one) and the one it recomputes every minute
 * (decision 0013): each indicator's trend is a value per month, independent of the others, so the two halves add up.
 */
export function splitMonths(now: number): { closed: string[]; current: string[] } {
  const months = trailingMonths(now);
  return { closed: months.slice(0, -1), current: months.slice(-1) };
}

/** Indicators whose value is the sum of this year's trend rather than the current month's. */
const YEAR_TO_DATE: readonly IndicatorKey[] = ["honours_published"];

/**
 * A dashboard from its kept closed months and its current month: the value, breakdown and current point are the
 * current computation's, the earlier points the closed one's; a count kept only as it is now has no trend.
 */
export function mergeFigures(closed: readonly Indicator[], current: readonly Indicator[]): Indicator[] {
  const before = new Map(closed.map((i) => [i.key, i.trend]));
  return current.map((indicator) => {
    if (indicator.trend.length === 0) return indicator;
    const trend = [...(before.get(indicator.key) ?? []), ...indicator.trend];
    if (!YEAR_TO_DATE.includes(indicator.key)) return { ...indicator, trend };
    const year = (indicator.trend[indicator.trend.length - 1]?.month ?? "").slice(0, 4);
    const value = trend.reduce((s, p) => (p.month.startsWith(year) ? s + (p.value ?? 0) : s), 0);
    return { ...indicator, value, trend };
  });
}

/** A month's places taken on the shifts of activities held, and those activities. */
export type HeldCell = { month: string; places: number; activities: number; by?: MonthCell["by"] };

/** Sign-ups per activity: places taken on activities held ÷ activities held, per month; null in a month that held none. */
export const signupsPerActivity = (
  cells: readonly HeldCell[],
  months: readonly string[],
  dims: readonly string[] = [],
) =>
  ratio(
    "signups_per_activity",
    cells.map((c) => ({ month: c.month, num: c.places, den: c.activities, ...(c.by ? { by: c.by } : {}) })),
    months,
    dims,
  );

/** Partner units' claims (双报到 / 共建单位 认领) per month: needs they claimed and projects they took on, split by which. */
export function partnerClaims(
  requests: readonly MonthCell[],
  projects: readonly MonthCell[],
  months: readonly string[],
  dims: readonly string[] = [],
): Indicator {
  const tagged = (cells: readonly MonthCell[], what: string) => cells.map((c) => ({ ...c, by: { ...c.by, what } }));
  return monthlyTotal("partner_claims", [...tagged(requests, "request"), ...tagged(projects, "project")], months, [
    "what",
    ...dims,
  ]);
}

/** One of the three lists (三张清单) as it is now: how many items, how many claimed, how many done. */
export type ListCounts = { total: number; claimed: number; done: number };

/** A list's figure: its items now, split by state and (on the street) by community. */
export function listFigure(
  key: "needs_listed" | "resources_listed" | "projects_listed",
  perCommunity: ReadonlyMap<number, ListCounts>,
  bySide: boolean,
): Indicator {
  const sum = (field: keyof ListCounts) => [...perCommunity.values()].reduce((s, c) => s + c[field], 0);
  const state = (["claimed", "done"] as const).map((field) => ({ key: field, value: sum(field) }));
  const community = [...perCommunity].map(([id, c]) => ({ key: String(id), value: c.total }));
  return snapshot(key, sum("total"), { state, ...(bySide ? { community } : {}) });
}

/** Projects still under way, whose milestones can be late. */
export const PROJECTS_UNDER_WAY: readonly ProjectStatus[] = ["open", "claimed"];

/** A milestone is late when its due day (Shanghai) has passed before it reached its target, on a project under way. */
export const isMilestoneLate = (
  milestone: { target: number; progress: number; dueOn: string | null },
  projectStatus: ProjectStatus,
  today: string,
) =>
  PROJECTS_UNDER_WAY.includes(projectStatus) &&
  milestone.dueOn !== null &&
  milestone.dueOn < today &&
  milestone.progress < milestone.target;
