import { and, asc, eq } from "drizzle-orm";
import { activityPath, decideWithdraw, fail, ok, pickPromotion, must } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { signups } from "../../db/schema";
import type { Call } from "../call";
import { notify } from "../notify";
import { liveSignup, overlapsConfirmed, shiftWithActivity } from "./context";

/** A freed seat goes to the longest-waiting volunteer without a clashing confirmed shift. */
async function promote(
  tx: Tx,
  shift: { id: number; activityId: number; startsAt: number; endsAt: number },
  title: string,
  now: number,
) {
  const waiting = await tx
    .select({ signupId: signups.id, userId: signups.userId })
    .from(signups)
    .where(and(eq(signups.shiftId, shift.id), eq(signups.status, "waitlisted")))
    .orderBy(asc(signups.id))
    .limit(50);
  const candidates = [];
  for (const w of waiting) candidates.push({ ...w, overlapsConfirmed: await overlapsConfirmed(tx, w.userId, shift) });
  const next = pickPromotion(candidates);
  if (!next) return null;
  // The counter trigger takes the seat; the CHECK on shifts would refuse it if the shift were somehow full.
  await tx.update(signups).set({ status: "confirmed", promotedAt: now }).where(eq(signups.id, next.signupId));
  await notify(
    tx,
    [next.userId],
    "waitlist_promoted",
    {
      shiftId: shift.id,
      activityId: shift.activityId,
      title,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      path: activityPath(shift.activityId),
    },
    now,
  );
  return next.userId;
}

export async function withdraw({ deps, actor }: Call, shiftId: number) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const found = await shiftWithActivity(tx, shiftId);
    if (!found) return fail("not_found");
    const signup = await liveSignup(tx, shiftId, actor.userId);
    const decided = decideWithdraw(signup, found.shift, now);
    if (!decided.ok) return decided;
    await tx
      .update(signups)
      .set({ status: "cancelled", cancelledAt: now })
      .where(eq(signups.id, must(signup).id));
    if (!decided.freesSeat) return ok({ promotedUserId: null });
    return ok({ promotedUserId: await promote(tx, found.shift, found.activity.title, now) });
  });
}
