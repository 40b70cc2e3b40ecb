import { and, count, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { CYCLE_STATUSES, shanghaiMonth, snapshot, monthlyTotal, type MonthCell, type Indicator } from "@tongxin/core";
import { ratingAwards, ratingCycles, ratingObjections } from "../../db/schema";
import { monthOf, type Place, type Reader } from "./place";

/** Cycles under way: nominating, in review or in public notice. */
const UNDER_WAY = ["nominating", "reviewing", "notice"];

/** Rating cycles in each phase, objections still unanswered (with those raised per month), honours published this year. */
export async function ratingIndicators(
  db: Reader,
  place: Place,
  months: readonly string[],
  window: [number, number],
  now: number,
): Promise<Indicator[]> {
  const cycles = await db
    .select({ status: ratingCycles.status, n: count() })
    .from(ratingCycles)
    .where(inArray(ratingCycles.communityId, place.communityIds))
    .groupBy(ratingCycles.status);
  const phases = CYCLE_STATUSES.map((status) => ({
    key: status,
    value: cycles.find((c) => c.status === status)?.n ?? 0,
  }));
  const objectionMonth = monthOf(ratingObjections.createdAt, months);
  const objections = await db
    .select({ month: objectionMonth, n: count(), open: sql<number>`sum(${ratingObjections.answeredAt} is null)` })
    .from(ratingCycles)
    .innerJoin(ratingObjections, eq(ratingObjections.cycleId, ratingCycles.id))
    .where(inArray(ratingCycles.communityId, place.communityIds))
    .groupBy(objectionMonth);
  const open = objections.reduce((s, o) => s + Number(o.open ?? 0), 0);
  const raised = monthlyTotal(
    "objections_open",
    objections.map((o): MonthCell => ({ month: o.month ?? "", n: o.n })),
    months,
  );
  const awardMonth = monthOf(ratingAwards.publishedAt, months);
  const awards = await db
    .select({ month: awardMonth, n: count() })
    .from(ratingAwards)
    .where(
      and(
        inArray(ratingAwards.communityId, place.communityIds),
        gte(ratingAwards.publishedAt, window[0]),
        lt(ratingAwards.publishedAt, window[1]),
      ),
    )
    .groupBy(awardMonth);
  const published = monthlyTotal(
    "honours_published",
    awards.map((a): MonthCell => ({ month: a.month ?? "", n: a.n })),
    months,
  );
  const year = shanghaiMonth(now).slice(0, 4);
  return [
    snapshot(
      "rating_cycles",
      phases.filter((p) => UNDER_WAY.includes(p.key)).reduce((s, p) => s + p.value, 0),
      { phase: phases },
    ),
    snapshot("objections_open", open, undefined, raised.trend),
    snapshot(
      "honours_published",
      published.trend.filter((t) => t.month.startsWith(year)).reduce((s, t) => s + (t.value ?? 0), 0),
      undefined,
      published.trend,
    ),
  ];
}
