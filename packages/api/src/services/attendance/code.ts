import { and, eq, gte, lte } from "drizzle-orm";
import { CHECKIN_CODE_POLICY, CHECKIN_EARLY_MS, checkinWindowsValidAt, fail, scanTimeOf } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { activities, shifts, signups } from "../../db/schema";
import { takeTries } from "../attempts";
import type { Call } from "../call";
import { qrSecret, windowCode } from "./qr";
import { recordScan, type PhoneTimes } from "./scan";

/**
 * A volunteer types the 6-digit code on the organiser's screen (no camera, or it was
 * refused). The code names no shift: it is tried against the volunteer's own shifts
 * open at the scan, or the one they typed it on. Each try is counted first, so codes
 * cannot be guessed.
 */
export async function codeCheckIn(
  { deps, actor }: Call,
  input: { code: string; shiftId?: number | undefined },
  phone: PhoneTimes,
) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  const timed = scanTimeOf(now, phone);
  if (!timed.ok) return timed;
  const tried = await takeTries(
    deps.database.db,
    [{ key: `checkin_code:${actor.userId}`, policy: CHECKIN_CODE_POLICY }],
    now,
  );
  if (!tried.ok) return tried;
  const scanAtMs = timed.scanAtMs;
  return deps.database.db.transaction(async (tx) => {
    const open = await shiftsOpenFor(tx, actor.userId, scanAtMs, input.shiftId);
    if (open.length === 0) return fail("not_signed_up");
    const secret = await qrSecret(tx);
    for (const found of open) {
      for (const window of checkinWindowsValidAt(scanAtMs)) {
        if (windowCode(secret, found.shift.id, window) !== input.code) continue;
        return recordScan(tx, { ...found, userId: actor.userId, window, via: "code", scanAtMs, now });
      }
    }
    return fail("invalid_code");
  });
}

/** The volunteer's confirmed places whose check-in is open at the scan (an hour either side of the shift). */
async function shiftsOpenFor(tx: Tx, userId: number, atMs: number, shiftId: number | undefined) {
  return tx
    .select({
      shift: { id: shifts.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt },
      activity: { title: activities.title },
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .where(
      and(
        eq(signups.userId, userId),
        eq(signups.status, "confirmed"),
        shiftId === undefined ? undefined : eq(shifts.id, shiftId),
        lte(shifts.startsAt, atMs + CHECKIN_EARLY_MS),
        gte(shifts.endsAt, atMs - CHECKIN_EARLY_MS),
      ),
    )
    .limit(10);
}
