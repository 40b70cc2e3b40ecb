import { and, eq, like } from "drizzle-orm";
import { CHECKIN_EARLY_MS, decideOwnRecord, matchesPhoneAndName, fail, ok, type Attendance, must } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { signups, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { loadShiftForOrganiser } from "../activity/load";
import { toIso } from "../../time";

export type MarkInput = {
  userId: number;
  attendance: Attendance;
  checkInAt?: number | undefined;
  checkOutAt?: number | undefined;
};

/** The organiser marks attendance by hand, for people without phones or who forgot to scan. Audited. */
export async function markAttendance(call: Call, shiftId: number, input: MarkInput) {
  return call.deps.database.db.transaction(async (tx) => markInTx(tx, call, shiftId, input));
}

/**
 * The organiser checks in someone who has no phone with them, found among the shift's
 * confirmed places by the last four digits of their number and their name: two people
 * of one name are told apart without reading out whole numbers.
 */
export async function checkInByPhone(call: Call, shiftId: number, input: { phoneLast4: string; name: string }) {
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await loadShiftForOrganiser(tx, call.actor, shiftId);
    if (!loaded.ok) return loaded;
    const people = await tx
      .select({ userId: users.id, name: users.name, phone: users.phone, checkInAt: signups.checkInAt })
      .from(signups)
      .innerJoin(users, eq(users.id, signups.userId))
      .where(
        and(eq(signups.shiftId, shiftId), eq(signups.status, "confirmed"), like(users.phone, `%${input.phoneLast4}`)),
      );
    const found = people.filter((p) => matchesPhoneAndName(p, input.phoneLast4, input.name));
    if (found.length !== 1) return fail("not_on_shift");
    const person = must(found[0]);
    const checkInAt = person.checkInAt ?? call.deps.now();
    return markInTx(tx, call, shiftId, { userId: person.userId, attendance: "present", checkInAt });
  });
}

async function markInTx(tx: Tx, { deps, actor, requestId }: Call, shiftId: number, input: MarkInput) {
  const now = deps.now();
  const loaded = await loadShiftForOrganiser(tx, actor, shiftId);
  if (!loaded.ok) return loaded;
  const { shift, activity } = loaded;
  const own = decideOwnRecord(must(actor).userId, input.userId);
  if (!own.ok) return own;
  if (now < shift.startsAt - CHECKIN_EARLY_MS || (input.attendance === "no_show" && now < shift.startsAt))
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
}
