import type { Indicator, IndicatorKey, IndicatorUnit } from "@tongxin/core";
import { locale, t } from "./i18n";

/** The dashboard's areas, in the order the page shows them (issue 13: requests, volunteering, lists, points, ratings). */
const AREAS = ["requests", "volunteering", "lists", "points", "ratings"] as const;
export type Area = (typeof AREAS)[number];

/** Where each indicator is shown; a new indicator fails the type-check until it has an area. */
const INDICATOR_AREA = {
  requests_received: "requests",
  requests_closed: "requests",
  requests_confirmed: "requests",
  requests_accept_hours_median: "requests",
  requests_close_hours_median: "requests",
  requests_closed_in_time: "requests",
  requests_overdue: "requests",
  requests_escalated: "requests",
  requests_rating: "requests",
  volunteers_active: "volunteering",
  hours_confirmed: "volunteering",
  activities_held: "volunteering",
  places_filled: "volunteering",
  no_show_rate: "volunteering",
  party_hours: "volunteering",
  partner_hours: "volunteering",
  signups_per_activity: "volunteering",
  partner_claims: "lists",
  needs_listed: "lists",
  resources_listed: "lists",
  projects_listed: "lists",
  milestones_late: "lists",
  points_issued: "points",
  points_earned: "points",
  points_waiting: "points",
  points_spent: "points",
  points_donated: "points",
  store_low_stock: "points",
  fund_balance: "points",
  fund_weeks: "points",
  rating_cycles: "ratings",
  objections_open: "ratings",
  honours_published: "ratings",
} as const satisfies Record<IndicatorKey, Area>;

/** The groups a breakdown may be split by, the places first (communities side by side, grid by grid). */
const BREAKDOWN_DIMS = ["community", "grid", "level", "category", "phase"] as const;
export type BreakdownDim = (typeof BREAKDOWN_DIMS)[number];

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** A value in its unit: "85%", "12.5 小时", "4.6 星", "1,200 分"; a dash where nothing was counted. */
export function formatValue(unit: IndicatorUnit, value: number | null): string {
  if (value === null) return "—";
  // Hours and weeks come rounded; a mean of stars does not.
  const n = unit === "share" ? oneDecimal(value * 100) : unit === "stars" ? oneDecimal(value) : value;
  const shown = n.toLocaleString(locale() === "zh" ? "zh-CN" : "en-GB");
  return t(`dashboard.units.${unit}`, { n, shown });
}

const ORDER = Object.keys(INDICATOR_AREA);

/** The indicators of each area that the dashboard has, in INDICATOR_AREA's order; empty areas left out. */
export function byArea(indicators: readonly Indicator[]): { area: Area; indicators: Indicator[] }[] {
  const sorted = [...indicators].sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));
  return AREAS.map((area) => ({ area, indicators: sorted.filter((i) => INDICATOR_AREA[i.key] === area) })).filter(
    (group) => group.indicators.length > 0,
  );
}

/** The dimensions an indicator is split by, in BREAKDOWN_DIMS' order. */
export const dimsOf = (indicator: Indicator): BreakdownDim[] =>
  BREAKDOWN_DIMS.filter((dim) => (indicator.breakdown?.[dim]?.length ?? 0) > 0);

/** "2026-03" → "3月" / "Mar": the months of a trend's axis. */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale() === "zh" ? "zh-CN" : "en-GB", { month: "short", timeZone: "UTC" }).format(
    Date.UTC(year, m - 1, 1),
  );
}
