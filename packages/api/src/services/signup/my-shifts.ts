import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { fail, ok } from "@tongxin/core";
import { activities, serviceHours, shifts, signups } from "../../db/schema";
import type { Call } from "../call";
import { toIso } from "../../time";
import { waitlistPosition } from "./sign-up";

/** The volunteer's places: upcoming (with waitlist positions) and past (with confirmed minutes). */
export async function myShifts({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const now = deps.now();
  const rows = await db
    .select({
      signupId: signups.id,
      status: signups.status,
      attendance: signups.attendance,
      shiftId: shifts.id,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      cancelDeadline: shifts.cancelDeadline,
      activityId: activities.id,
      title: activities.title,
      place: activities.place,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .where(and(eq(signups.userId, actor.userId), ne(signups.status, "cancelled")))
    .orderBy(asc(shifts.startsAt))
    .limit(500);
  const hours = rows.length
    ? await db
        .select({ signupId: serviceHours.signupId, minutes: serviceHours.minutes, voidedAt: serviceHours.voidedAt })
        .from(serviceHours)
        .where(
          inArray(
            serviceHours.signupId,
            rows.map((r) => r.signupId),
          ),
        )
    : [];
  const items = [];
  for (const r of rows) {
    const position = r.status === "waitlisted" ? await waitlistPosition(db, r.shiftId, r.signupId) : null;
    const minutes = hours.find((h) => h.signupId === r.signupId && h.voidedAt === null)?.minutes ?? null;
    items.push({
      ...r,
      startsAt: toIso(r.startsAt),
      endsAt: toIso(r.endsAt),
      cancelDeadline: toIso(r.cancelDeadline),
      position,
      confirmedMinutes: minutes,
      past: r.endsAt <= now,
    });
  }
  return ok({ upcoming: items.filter((i) => !i.past), past: items.filter((i) => i.past).reverse() });
}
