import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, sum } from "drizzle-orm";
import { fail, ok, type ActivityStatus } from "@tongxin/core";
import type { Db } from "../../db/client";
import { activities, serviceHours, shifts, signups, teams } from "../../db/schema";
import type { Call } from "../call";
import { afterTimeCursor, encodeTimeCursor, limitOf, type PageInput } from "../page";
import { authorizeInCommunity } from "../scope";
import { toIso } from "../../time";

export type ShiftListInput = PageInput & {
  communityId: number;
  from?: number | undefined;
  to?: number | undefined;
  status?: ActivityStatus | undefined;
};

const MINUTES_PER_HOUR = 60;

/** Attendance marked and confirmed, unvoided hours of a page of shifts (indexes on shift_id). */
async function figuresOf(db: Db, shiftIds: number[]) {
  if (!shiftIds.length) return { attended: [], minutes: [] };
  const attended = await db
    .select({ shiftId: signups.shiftId, attendance: signups.attendance, n: count() })
    .from(signups)
    .where(and(inArray(signups.shiftId, shiftIds), eq(signups.status, "confirmed"), isNotNull(signups.attendance)))
    .groupBy(signups.shiftId, signups.attendance);
  const minutes = await db
    .select({ shiftId: serviceHours.shiftId, minutes: sum(serviceHours.minutes) })
    .from(serviceHours)
    .where(and(inArray(serviceHours.shiftId, shiftIds), isNull(serviceHours.voidedAt)))
    .groupBy(serviceHours.shiftId);
  return { attended, minutes };
}

/**
 * 活动台账 for staff: every shift of the community's activities in a period, whatever their state, in start
 * order (index on community and start), with sign-ups, attendance and the hours confirmed.
 */
export async function communityShifts(call: Call, input: ShiftListInput) {
  const db = call.deps.database.db;
  const allowed = await authorizeInCommunity(db, call.actor, "activity.organise", input.communityId);
  if (!allowed.ok) return allowed;
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) return fail("period_reversed");
  const after = afterTimeCursor(shifts.startsAt, shifts.id, input.cursor);
  if (!after.ok) return after;
  const limit = limitOf(input);
  const rows = await db
    .select({
      id: shifts.id,
      activityId: activities.id,
      title: activities.title,
      category: activities.category,
      status: activities.status,
      team: teams.name,
      place: activities.place,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      capacity: shifts.capacity,
      taken: shifts.taken,
      waitlisted: shifts.waitlisted,
    })
    .from(shifts)
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .leftJoin(teams, eq(teams.id, activities.teamId))
    .where(
      and(
        eq(shifts.communityId, input.communityId),
        input.from === undefined ? undefined : gte(shifts.startsAt, input.from),
        input.to === undefined ? undefined : lt(shifts.startsAt, input.to),
        input.status ? eq(activities.status, input.status) : undefined,
        after.where,
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const { attended, minutes } = await figuresOf(
    db,
    page.map((r) => r.id),
  );
  const marked = (shiftId: number, attendance: string) =>
    attended.find((a) => a.shiftId === shiftId && a.attendance === attendance)?.n ?? 0;
  const items = page.map((r) => ({
    ...r,
    startsAt: toIso(r.startsAt),
    endsAt: toIso(r.endsAt),
    present: marked(r.id, "present"),
    noShows: marked(r.id, "no_show"),
    hours: Math.round((Number(minutes.find((m) => m.shiftId === r.id)?.minutes ?? 0) / MINUTES_PER_HOUR) * 10) / 10,
  }));
  return ok({ items, nextCursor: rows.length > limit && last ? encodeTimeCursor(last.startsAt, last.id) : null });
}
