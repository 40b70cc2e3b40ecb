import { and, asc, eq, ne } from "drizzle-orm";
import { defaultMinutes, maxMinutes, ok, must } from "@tongxin/core";
import { serviceHours, signups, users } from "../../db/schema";
import type { Call } from "../call";
import { loadShiftForOrganiser } from "../activity/load";
import { toIso } from "../../time";
import { recordAccesses } from "../access-log/record";

/**
 * The organiser's list for a shift: who is confirmed or waiting, attendance, default and confirmed hours. Contact data: organisers call people; each read is in the access log.
 * `own` marks the organiser's own place, which someone else must record; `maxMinutes` is the most a correction may give.
 */
export async function shiftRoster(call: Call, shiftId: number) {
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await loadShiftForOrganiser(tx, call.actor, shiftId);
    if (!loaded.ok) return loaded;
    const { shift } = loaded;
    const rows = await tx
      .select({ signup: signups, name: users.name, phone: users.phone })
      .from(signups)
      .innerJoin(users, eq(users.id, signups.userId))
      .where(and(eq(signups.shiftId, shiftId), ne(signups.status, "cancelled")))
      .orderBy(asc(signups.id));
    const reads = rows.map((r) => ({
      communityId: loaded.activity.communityId,
      actorUserId: must(call.actor).userId,
      subjectUserId: r.signup.userId,
      fields: "phone",
      entity: "roster" as const,
      entityId: shiftId,
    }));
    await recordAccesses(tx, reads, call.deps.now());
    const hours = await tx.select().from(serviceHours).where(eq(serviceHours.shiftId, shiftId));
    let waitPosition = 0;
    const people = rows.map(({ signup, name, phone }) => {
      const confirmed = hours.find((h) => h.signupId === signup.id && h.voidedAt === null);
      return {
        signupId: signup.id,
        userId: signup.userId,
        own: signup.userId === call.actor?.userId,
        name,
        phone,
        status: signup.status,
        position: signup.status === "waitlisted" ? ++waitPosition : null,
        attendance: signup.attendance,
        checkInAt: toIso(signup.checkInAt),
        checkOutAt: toIso(signup.checkOutAt),
        defaultMinutes: defaultMinutes(shift, signup),
        hours: confirmed
          ? { id: confirmed.id, minutes: confirmed.minutes, correctionReason: confirmed.correctionReason }
          : null,
      };
    });
    return ok({
      shift: {
        id: shift.id,
        activityId: shift.activityId,
        startsAt: toIso(shift.startsAt),
        endsAt: toIso(shift.endsAt),
        capacity: shift.capacity,
        taken: shift.taken,
        maxMinutes: maxMinutes(shift),
      },
      activity: { id: loaded.activity.id, title: loaded.activity.title, status: loaded.activity.status },
      people,
    });
  });
}
