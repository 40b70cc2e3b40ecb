import { eq } from "drizzle-orm";
import { decideScan, fail, ok, must } from "@tongxin/core";
import { signups } from "../../db/schema";
import type { Call } from "../call";
import { liveSignup, shiftWithActivity } from "../signup/context";
import { toIso } from "../../time";
import { verifyQrToken } from "./qr";

/** A volunteer scans the organiser's QR code: the first scan checks in, the next checks out. */
export async function scanCheckIn({ deps, actor }: Call, shiftId: number, token: string) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const found = await shiftWithActivity(tx, shiftId);
    if (!found) return fail("not_found");
    if (!(await verifyQrToken(tx, token, shiftId, now))) return fail("invalid_token");
    const signup = await liveSignup(tx, shiftId, actor.userId);
    const decided = decideScan(signup, found.shift, now);
    if (!decided.ok) return decided;
    await tx
      .update(signups)
      .set({ attendance: "present", checkInAt: decided.checkInAt, checkOutAt: decided.checkOutAt })
      .where(eq(signups.id, must(signup).id));
    return ok({
      title: found.activity.title,
      checkInAt: toIso(decided.checkInAt),
      checkOutAt: toIso(decided.checkOutAt),
      alreadyIn: decided.alreadyIn,
    });
  });
}
