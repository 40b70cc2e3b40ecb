import { and, eq } from "drizzle-orm";
import { type CheckinVia, checkinWindowValidAt, decideScan, fail, ok, must, scanTimeOf } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { checkinScans, signups } from "../../db/schema";
import type { Call } from "../call";
import { liveSignup, shiftWithActivity } from "../signup/context";
import { toIso } from "../../time";
import { tokenWindow } from "./qr";

/** When the phone scanned and sent, on its own clock: present when the scan was queued on the phone. */
export type PhoneTimes = { scannedAtMs: number; sentAtMs: number } | undefined;

/**
 * A volunteer scans the organiser's QR code: the first scan checks in, the next checks out.
 * A scan queued offline is judged at the time it was made.
 */
export async function scanCheckIn({ deps, actor }: Call, shiftId: number, token: string, phone: PhoneTimes) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  const timed = scanTimeOf(now, phone);
  if (!timed.ok) return timed;
  return deps.database.db.transaction(async (tx) => {
    const found = await shiftWithActivity(tx, shiftId);
    if (!found) return fail("not_found");
    const window = await tokenWindow(tx, token, shiftId);
    if (window === null || !checkinWindowValidAt(window, timed.scanAtMs)) return fail("invalid_token");
    return recordScan(tx, { ...found, userId: actor.userId, window, via: "qr", scanAtMs: timed.scanAtMs, now });
  });
}

type Scan = {
  shift: { id: number; startsAt: number; endsAt: number };
  activity: { title: string };
  userId: number;
  window: number;
  via: CheckinVia;
  scanAtMs: number;
  now: number;
};

async function usedBefore(tx: Tx, signupId: number, window: number) {
  const [row] = await tx
    .select({ id: checkinScans.id })
    .from(checkinScans)
    .where(and(eq(checkinScans.signupId, signupId), eq(checkinScans.window, window)));
  return row !== undefined;
}

/** Checks in or out by a window's proof, once per window: the same token or code again is a replay. */
export async function recordScan(tx: Tx, scan: Scan) {
  const signup = await liveSignup(tx, scan.shift.id, scan.userId);
  if (signup && (await usedBefore(tx, signup.id, scan.window))) return fail("checkin_token_used");
  const decided = decideScan(signup, scan.shift, scan.scanAtMs);
  if (!decided.ok) return decided;
  // Checked again by the unique index, should two sends of one scan race.
  const used = await tx
    .insert(checkinScans)
    .values({
      signupId: must(signup).id,
      window: scan.window,
      via: scan.via,
      scanAt: scan.scanAtMs,
      receivedAt: scan.now,
    })
    .onConflictDoNothing()
    .returning({ id: checkinScans.id });
  if (used.length === 0) return fail("checkin_token_used");
  await tx
    .update(signups)
    .set({ attendance: "present", checkInAt: decided.checkInAt, checkOutAt: decided.checkOutAt })
    .where(eq(signups.id, must(signup).id));
  return ok({
    shiftId: scan.shift.id,
    title: scan.activity.title,
    scanAt: toIso(scan.scanAtMs),
    checkInAt: toIso(decided.checkInAt),
    checkOutAt: toIso(decided.checkOutAt),
    alreadyIn: decided.alreadyIn,
  });
}
