import { and, eq } from "drizzle-orm";
import { decideOwnRecord, fail, ok, type Attendance, must } from "@tongxin/core";
import { signups } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { loadShiftForOrganiser } from "../activity/load";
import { toIso } from "../../time";

const EARLY_MS = 60 * 60_000;

export type MarkInput = {
  userId: number;
  attendance: Attendance;
  checkInAt?: number | undefined;
  checkOutAt?: number | undefined;
};

/** The organiser marks attendance by hand, for people without phones or who forgot to scan. Audited. */
export async function markAttendance({ deps, actor, requestId }: Call, shiftId: number, input: MarkInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loaded = await loadShiftForOrganiser(tx, actor, shiftId);
    if (!loaded.ok) return loaded;
    const { shift, activity } = loaded;
    const own = decideOwnRecord(must(actor).userId, input.userId);
    if (!own.ok) return own;
    if (now < shift.startsAt - EARLY_MS || (input.attendance === "no_show" && now < shift.startsAt))
      return fail("outside_shift_window");
    if (input.checkInAt !== undefined && input.checkOutAt !== undefined && input.checkOutAt < input.checkInAt)
      return fail("check_out_before_check_in");
    const [signup] = await tx
      .select()
      .from(signups)
      .where(and(eq(signups.shiftId, shiftId), eq(signups.userId, input.userId), eq(signups.status, "confirmed")));
    if (!signup) return fail("not_signed_up");
    const after =
      input.attendance === "no_show"
        ? { attendance: input.attendance, checkInAt: null, checkOutAt: null }
        : {
            attendance: input.attendance,
            checkInAt: input.checkInAt ?? signup.checkInAt,
            checkOutAt: input.checkOutAt ?? signup.checkOutAt,
          };
    await tx
      .update(signups)
      .set({ ...after, attendanceMarkedBy: must(actor).userId })
      .where(eq(signups.id, signup.id));
    const before = { attendance: signup.attendance, checkInAt: signup.checkInAt, checkOutAt: signup.checkOutAt };
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "attendance.mark",
        entity: "signup",
        entityId: signup.id,
        scope: activity.scope,
        before,
        after,
      },
      { requestId, now },
    );
    return ok({
      signupId: signup.id,
      attendance: after.attendance,
      checkInAt: toIso(after.checkInAt),
      checkOutAt: toIso(after.checkOutAt),
    });
  });
}
