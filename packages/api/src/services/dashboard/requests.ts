import { and, count, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import {
  medianHours,
  ratio,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_CODES,
  snapshot,
  monthlyTotal,
  type MonthCell,
  type Indicator,
  type RatioCell,
} from "@tongxin/core";
import { requests } from "../../db/schema";
import { overdueClause } from "../request/lists";
import { monthOf, type Place, type Reader } from "./place";

const within = (place: Place) =>
  and(
    inArray(requests.communityId, place.communityIds),
    place.gridIds ? inArray(requests.gridId, place.gridIds) : undefined,
  );

const groups = { community: requests.communityId, grid: requests.gridId, category: requests.category };
const byOf = (r: { community: number; grid: number | null; category: string }) => ({
  community: r.community,
  grid: r.grid,
  category: r.category,
});

/** The category's time to finish (core REQUEST_CATEGORIES), as SQL over the row's category. */
const finishMs = sql`(case ${requests.category} ${sql.join(
  REQUEST_CATEGORY_CODES.map((code) => sql`when ${code} then ${REQUEST_CATEGORIES[code].finishDays * 86_400_000}`),
  sql` `,
)} end)`;

/** The median duration per month, over the rows `where` selects: SQL's window functions, so a row per month comes back. */
async function medians(db: Reader, months: readonly string[], at: SQL, duration: SQL, where: SQL | undefined) {
  const rows = await db.all<{ month: string | null; ms: number }>(
    sql`select month, avg(d) as ms from (select month, d, row_number() over (partition by month order by d) as rn, count(*) over (partition by month) as n from (select ${monthOf(at, months)} as month, ${duration} as d from ${requests} where ${where})) where rn in ((n + 1) / 2, (n + 2) / 2) group by month`,
  );
  return rows.map((r) => ({ month: r.month ?? "", ms: Number(r.ms) }));
}

/** Received (by month received) with the level each reached (吹哨), and the median time to accept (受理) them. */
async function received(db: Reader, place: Place, months: readonly string[], window: [number, number], dims: string[]) {
  const month = monthOf(requests.createdAt, months);
  const where = and(within(place), gte(requests.createdAt, window[0]), lt(requests.createdAt, window[1]));
  const rows = await db
    .select({ month, ...groups, level: requests.level, n: count() })
    .from(requests)
    .where(where)
    .groupBy(month, requests.communityId, requests.gridId, requests.category, requests.level);
  const cells: MonthCell[] = rows.map((r) => ({ month: r.month ?? "", n: r.n, by: byOf(r) }));
  const escalated: MonthCell[] = rows
    .filter((r) => r.level !== "grid")
    .map((r) => ({ month: r.month ?? "", n: r.n, by: { ...byOf(r), level: r.level } }));
  const accept = await medians(
    db,
    months,
    sql`${requests.createdAt}`,
    sql`${requests.acceptedAt} - ${requests.createdAt}`,
    and(where, sql`${requests.acceptedAt} is not null`),
  );
  return [
    monthlyTotal("requests_received", cells, months, dims),
    monthlyTotal("requests_escalated", escalated, months, ["level"]),
    medianHours("requests_accept_hours_median", accept, months),
  ];
}

/**
 * Closed by month closed: confirmed by the resident, rated, and done within the category's time to finish
 * counted from acceptance (from posting when staff never accepted it). A reopened request is not closed
 * until it closes again, so it counts in the month of its last closing.
 */
async function closed(db: Reader, place: Place, months: readonly string[], window: [number, number], dims: string[]) {
  const month = monthOf(requests.closedAt, months);
  const where = and(
    within(place),
    eq(requests.status, "closed"),
    gte(requests.closedAt, window[0]),
    lt(requests.closedAt, window[1]),
  );
  const rows = await db
    .select({
      month,
      ...groups,
      n: count(),
      confirmed: sql<number>`sum(${requests.closure} = 'confirmed')`,
      ratingSum: sql<number>`coalesce(sum(${requests.rating}), 0)`,
      rated: count(requests.rating),
      inTime: sql<number>`sum(${requests.doneAt} <= coalesce(${requests.acceptedAt}, ${requests.createdAt}) + ${finishMs})`,
    })
    .from(requests)
    .where(where)
    .groupBy(month, requests.communityId, requests.gridId, requests.category);
  const cells = (n: (r: (typeof rows)[number]) => number): MonthCell[] =>
    rows.map((r) => ({ month: r.month ?? "", n: Number(n(r)), by: byOf(r) }));
  const ratios = (num: (r: (typeof rows)[number]) => number, den: (r: (typeof rows)[number]) => number): RatioCell[] =>
    rows.map((r) => ({ month: r.month ?? "", num: Number(num(r)), den: Number(den(r)), by: byOf(r) }));
  const close = await medians(
    db,
    months,
    sql`${requests.closedAt}`,
    sql`${requests.closedAt} - ${requests.createdAt}`,
    where,
  );
  return [
    monthlyTotal(
      "requests_closed",
      cells((r) => r.n),
      months,
      dims,
    ),
    monthlyTotal(
      "requests_confirmed",
      cells((r) => r.confirmed),
      months,
      dims,
    ),
    medianHours("requests_close_hours_median", close, months),
    ratio(
      "requests_closed_in_time",
      ratios(
        (r) => r.inTime,
        (r) => r.n,
      ),
      months,
      dims,
    ),
    ratio(
      "requests_rating",
      ratios(
        (r) => r.ratingSum,
        (r) => r.rated,
      ),
      months,
      dims,
    ),
  ];
}

/** 预警 now: open requests past the deadline of the step they wait for (the overdue list's own clause). */
async function overdueNow(db: Reader, place: Place, now: number, dims: string[]) {
  const rows = await db
    .select({ ...groups, n: count() })
    .from(requests)
    .where(and(within(place), overdueClause(now)))
    .groupBy(requests.communityId, requests.gridId, requests.category);
  const total = rows.reduce((s, r) => s + r.n, 0);
  const split = (dim: keyof typeof groups) => {
    const sums = new Map<string, number>();
    for (const r of rows) sums.set(String(r[dim] ?? ""), (sums.get(String(r[dim] ?? "")) ?? 0) + r.n);
    return [...sums].map(([key, value]) => ({ key, value }));
  };
  return snapshot("requests_overdue", total, Object.fromEntries(dims.map((d) => [d, split(d as keyof typeof groups)])));
}

/** The requests' indicators of a place over the months. */
export async function requestIndicators(
  db: Reader,
  place: Place,
  months: readonly string[],
  window: [number, number],
  now: number,
): Promise<Indicator[]> {
  const dims = [place.side, "category"];
  return [
    ...(await received(db, place, months, window, dims)),
    ...(await closed(db, place, months, window, dims)),
    await overdueNow(db, place, now, dims),
  ];
}
