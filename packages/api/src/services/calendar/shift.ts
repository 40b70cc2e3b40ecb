import { eq } from "drizzle-orm";
import { fail, must, ok, renderCalendar } from "@tongxin/core";
import { shifts } from "../../db/schema";
import type { Call } from "../call";
import { loadActivity, viewOf } from "../activity/load";
import { liveSignup } from "../signup/context";
import { CALENDAR_NAME, eventOf } from "./feed";

/**
 * One shift as an .ics file to add to a calendar, for whoever may see its activity page (same rule);
 * the caller's own waitlist place makes it tentative, a cancelled activity cancelled.
 */
export async function shiftCalendar({ deps, actor }: Call, shiftId: number, origin: string) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const [shift] = await db.select().from(shifts).where(eq(shifts.id, shiftId));
  if (!shift) return fail("not_found");
  const activity = must(await loadActivity(db, shift.activityId), "the activity of a shift");
  if (!(await viewOf(db, actor, activity)).visible) return fail("not_found");
  const mine = await liveSignup(db, shiftId, actor.userId);
  const event = eventOf(
    {
      shiftId,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      activityId: activity.id,
      title: activity.title,
      place: activity.place,
      description: activity.description,
      activityStatus: activity.status,
    },
    mine?.status ?? null,
    origin,
  );
  return ok({ ics: renderCalendar(CALENDAR_NAME, [event], deps.now()), filename: `tongxin-shift-${shiftId}.ics` });
}
