import { and, count, countDistinct, eq, gte, inArray, isNull, lt, ne, sql, sum } from "drizzle-orm";
import {
  activeWindows,
  minutesToHours,
  ratio,
  monthlyTotal,
  signupsPerActivity,
  type MonthCell,
  type Indicator,
} from "@tongxin/core";
import { activities, serviceHours, shifts, signups, volunteers } from "../../db/schema";
import { monthOf, type Place, type Reader } from "./place";

const DAY_MS = 86_400_000;
const shanghaiDayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

/** Shifts of the place's communities that started from `from` on: the range of `shifts_community_start` every figure reads. */
const shiftsFrom = (place: Place, from: number, to: number) =>
  and(inArray(shifts.communityId, place.communityIds), gte(shifts.startsAt, from), lt(shifts.startsAt, to));

/** A grid's dashboard counts the volunteers who live in it (their home grid). */
const livesIn = (place: Place) => (place.gridIds ? inArray(volunteers.homeGridId, place.gridIds) : undefined);

const serviceMonth = sql<string>`substr(${serviceHours.serviceDate}, 1, 7)`;

/** Confirmed, unvoided hours by month served: all, Party members' (党员参与) and partner units' (双报到). */
async function hours(db: Reader, place: Place, months: readonly string[], window: [number, number], dims: string[]) {
  const rows = await db
    .select({
      month: serviceMonth,
      community: shifts.communityId,
      minutes: sum(serviceHours.minutes),
      party: sql<number>`sum(case when ${volunteers.partyStatus} is not null then ${serviceHours.minutes} else 0 end)`,
      partner: sql<number>`sum(case when ${volunteers.partnerUnitId} is not null then ${serviceHours.minutes} else 0 end)`,
    })
    .from(shifts)
    .innerJoin(signups, eq(signups.shiftId, shifts.id))
    .innerJoin(serviceHours, and(eq(serviceHours.signupId, signups.id), isNull(serviceHours.voidedAt)))
    .leftJoin(volunteers, eq(volunteers.userId, serviceHours.userId))
    .where(and(shiftsFrom(place, window[0], window[1]), livesIn(place)))
    .groupBy(serviceMonth, shifts.communityId);
  const cells = (n: (r: (typeof rows)[number]) => number | string | null): MonthCell[] =>
    rows.map((r) => ({ month: r.month, n: Number(n(r) ?? 0), by: { community: r.community } }));
  return [
    monthlyTotal(
      "hours_confirmed",
      cells((r) => r.minutes),
      months,
      dims,
      minutesToHours,
    ),
    monthlyTotal(
      "party_hours",
      cells((r) => r.party),
      months,
      dims,
      minutesToHours,
    ),
    monthlyTotal(
      "partner_hours",
      cells((r) => r.partner),
      months,
      dims,
      minutesToHours,
    ),
  ];
}

/** Volunteers who served within core's ACTIVE_VOLUNTEER_DAYS of each month's end (of today, this month), each counted once. */
async function active(db: Reader, place: Place, months: readonly string[], now: number) {
  const windows = activeWindows(months, now);
  const cells: MonthCell[] = [];
  for (const w of windows) {
    const [row] = await db
      .select({ n: countDistinct(serviceHours.userId) })
      .from(shifts)
      .innerJoin(signups, eq(signups.shiftId, shifts.id))
      .innerJoin(serviceHours, and(eq(serviceHours.signupId, signups.id), isNull(serviceHours.voidedAt)))
      .leftJoin(volunteers, eq(volunteers.userId, serviceHours.userId))
      .where(
        and(
          shiftsFrom(place, shanghaiDayStart(w.fromDate) - DAY_MS, shanghaiDayStart(w.toDate) + DAY_MS),
          gte(serviceHours.serviceDate, w.fromDate),
          lt(serviceHours.serviceDate, w.toDate),
          livesIn(place),
        ),
      );
    cells.push({ month: w.month, n: row?.n ?? 0 });
  }
  return monthlyTotal("volunteers_active", cells, months);
}

/**
 * Activities held (finished, by month of their shifts), places filled on shifts of activities not cancelled, sign-ups
 * per activity held (places taken on their shifts), and no-shows among those marked.
 */
async function activityFigures(
  db: Reader,
  place: Place,
  months: readonly string[],
  window: [number, number],
  now: number,
  dims: string[],
) {
  const month = monthOf(shifts.startsAt, months);
  const held = await db
    .select({
      month,
      community: shifts.communityId,
      activities: sql<number>`count(distinct case when ${activities.status} = 'finished' then ${shifts.activityId} end)`,
      places: sum(shifts.taken),
      heldPlaces: sql<number>`sum(case when ${activities.status} = 'finished' then ${shifts.taken} else 0 end)`,
    })
    .from(shifts)
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .where(and(shiftsFrom(place, window[0], window[1]), ne(activities.status, "cancelled")))
    .groupBy(month, shifts.communityId);
  const marked = await db
    .select({
      month,
      community: shifts.communityId,
      noShows: sql<number>`sum(${signups.attendance} = 'no_show')`,
      n: count(),
    })
    .from(shifts)
    .innerJoin(signups, eq(signups.shiftId, shifts.id))
    // Attendance is marked at check-in or after the shift: a shift starting more than a day ahead has none to read.
    .where(and(shiftsFrom(place, window[0], Math.min(window[1], now + DAY_MS)), sql`${signups.attendance} is not null`))
    .groupBy(month, shifts.communityId);
  const cells = (n: (r: (typeof held)[number]) => number | string | null): MonthCell[] =>
    held.map((r) => ({ month: r.month ?? "", n: Number(n(r) ?? 0), by: { community: r.community } }));
  return [
    monthlyTotal(
      "activities_held",
      cells((r) => r.activities),
      months,
      dims,
    ),
    monthlyTotal(
      "places_filled",
      cells((r) => r.places),
      months,
      dims,
    ),
    signupsPerActivity(
      held.map((r) => ({
        month: r.month ?? "",
        places: Number(r.heldPlaces ?? 0),
        activities: Number(r.activities),
        by: { community: r.community },
      })),
      months,
      dims,
    ),
    ratio(
      "no_show_rate",
      marked.map((r) => ({ month: r.month ?? "", num: Number(r.noShows), den: r.n, by: { community: r.community } })),
      months,
      dims,
    ),
  ];
}

/** The volunteering indicators of a place; a grid's counts its residents' service only (activities are the community's). */
export async function volunteeringIndicators(
  db: Reader,
  place: Place,
  months: readonly string[],
  window: [number, number],
  now: number,
): Promise<Indicator[]> {
  const dims = place.kind === "street" ? ["community"] : [];
  return [
    await active(db, place, months, now),
    ...(await hours(db, place, months, window, dims)),
    ...(place.kind === "grid" ? [] : await activityFigures(db, place, months, window, now, dims)),
  ];
}
