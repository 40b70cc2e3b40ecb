import { and, eq, gt, lte, notExists } from "drizzle-orm";
import { activityPath, reminderWindows, type ReminderLead } from "@tongxin/core";
import { activities, shiftReminders, shifts, signups } from "../../db/schema";
import type { Deps } from "../../deps";
import { notify } from "../notify";

/** Confirmed places on live activities whose reminder of this lead is due and not yet sent. */
async function dueFor(deps: Deps, window: { lead: ReminderLead; after: number; upTo: number }) {
  const sent = deps.database.db
    .select({ one: shiftReminders.shiftId })
    .from(shiftReminders)
    .where(
      and(
        eq(shiftReminders.shiftId, signups.shiftId),
        eq(shiftReminders.userId, signups.userId),
        eq(shiftReminders.lead, window.lead),
      ),
    );
  return deps.database.db
    .select({
      shiftId: shifts.id,
      userId: signups.userId,
      activityId: activities.id,
      title: activities.title,
      place: activities.place,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
    })
    .from(shifts)
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .innerJoin(signups, eq(signups.shiftId, shifts.id))
    .where(
      and(
        gt(shifts.startsAt, window.after),
        lte(shifts.startsAt, window.upTo),
        eq(activities.status, "published"),
        eq(signups.status, "confirmed"),
        notExists(sent),
      ),
    )
    .limit(1000);
}

/**
 * Sends the shift reminders due now — the day before and two hours before —
 * to every confirmed volunteer (not waitlisted, withdrawn or of a cancelled
 * activity). Runs on the instance holding the job's lease; a reminder missed
 * while every instance was down goes out on the next run if the shift has not
 * started. The key of `shift_reminders` sends each one once, even if two runs race.
 */
export async function sendShiftReminders(deps: Deps): Promise<number> {
  const now = deps.now();
  let sent = 0;
  for (const window of reminderWindows(now)) {
    for (const { userId, ...shift } of await dueFor(deps, window)) {
      const written = await deps.database.db.transaction(async (tx) => {
        const claimed = await tx
          .insert(shiftReminders)
          .values({ shiftId: shift.shiftId, userId, lead: window.lead, sentAt: now })
          .onConflictDoNothing()
          .returning({ userId: shiftReminders.userId });
        if (claimed.length === 0) return false;
        await notify(
          tx,
          [userId],
          "shift_reminder",
          { ...shift, lead: window.lead, path: activityPath(shift.activityId) },
          now,
        );
        return true;
      });
      if (written) sent += 1;
    }
  }
  return sent;
}
