import { checkinOpenAt } from "./checkin";
import { fail, ok, type Result } from "./result";

export const ATTENDANCES = ["present", "no_show"] as const;
export type Attendance = (typeof ATTENDANCES)[number];

/** At most 12 confirmed hours per volunteer per day, whatever the shifts say. */
export const DAILY_MINUTES_MAX = 12 * 60;

/** How far an organiser may correct hours beyond the shift's length (e.g. tidying up after it). */
export const CORRECTION_MINUTES_MAX = 60;

/**
 * The most minutes one shift can earn: its length plus a correction bounded by
 * both CORRECTION_MINUTES_MAX and the length itself, so splitting an afternoon
 * into many tiny shifts cannot multiply the correction.
 */
export function maxMinutes(shift: { startsAt: number; endsAt: number }): number {
  const lengthMinutes = Math.floor((shift.endsAt - shift.startsAt) / 60_000);
  return lengthMinutes + Math.min(CORRECTION_MINUTES_MAX, lengthMinutes);
}

/** Nobody marks, confirms or voids their own attendance or hours: another organiser or staff must. */
export function decideOwnRecord(actorUserId: number, volunteerUserId: number): Result<object, "own_hours"> {
  return actorUserId === volunteerUserId ? fail("own_hours") : ok({});
}

export type AttendanceRecord = {
  attendance: Attendance | null;
  checkInAt: number | null;
  checkOutAt: number | null;
};

/**
 * The hours a volunteer earns by default: from check-in to check-out (or the
 * shift's end), never more than the shift's length. Marked present by hand
 * without times: the whole shift.
 */
export function defaultMinutes(shift: { startsAt: number; endsAt: number }, record: AttendanceRecord): number {
  if (record.attendance !== "present") return 0;
  const lengthMinutes = Math.floor((shift.endsAt - shift.startsAt) / 60_000);
  if (record.checkInAt === null) return lengthMinutes;
  const end = record.checkOutAt ?? shift.endsAt;
  const servedMinutes = Math.floor((end - Math.max(record.checkInAt, shift.startsAt)) / 60_000);
  return Math.max(0, Math.min(servedMinutes, lengthMinutes));
}

export type ConfirmInput = {
  record: AttendanceRecord;
  shift: { startsAt: number; endsAt: number };
  alreadyConfirmed: boolean;
  /** Minutes already confirmed for this volunteer on the same day (Asia/Shanghai). */
  confirmedMinutesThatDay: number;
  /** A correction of the default needs a reason. */
  minutes?: number | undefined;
  reason?: string | undefined;
  actorUserId: number;
  volunteerUserId: number;
};

export type ConfirmRefusal =
  | "own_hours"
  | "already_confirmed"
  | "not_attended"
  | "reason_required"
  | "minutes_over_cap"
  | "daily_cap_reached";

export function decideConfirm(
  input: ConfirmInput,
): Result<{ minutes: number; defaultMinutes: number; capped: boolean }, ConfirmRefusal> {
  const own = decideOwnRecord(input.actorUserId, input.volunteerUserId);
  if (!own.ok) return own;
  if (input.alreadyConfirmed) return fail("already_confirmed");
  if (input.record.attendance !== "present") return fail("not_attended");
  const fallback = defaultMinutes(input.shift, input.record);
  const corrected = input.minutes !== undefined && input.minutes !== fallback;
  if (corrected && !input.reason?.trim()) return fail("reason_required");
  if ((input.minutes ?? 0) > maxMinutes(input.shift)) return fail("minutes_over_cap");
  const remaining = DAILY_MINUTES_MAX - input.confirmedMinutesThatDay;
  if (remaining <= 0) return fail("daily_cap_reached");
  const wanted = input.minutes ?? fallback;
  return ok({ minutes: Math.min(wanted, remaining), defaultMinutes: fallback, capped: wanted > remaining });
}

export function decideVoid(
  entry: { voidedAt: number | null },
  reason: string,
): Result<object, "already_voided" | "reason_required"> {
  if (entry.voidedAt !== null) return fail("already_voided");
  if (!reason.trim()) return fail("reason_required");
  return ok({});
}

/**
 * A scan this soon after checking in repeats the check-in instead of checking
 * out: phones reload the check-in page when one comes back to the browser, and
 * a reload must not end someone's attendance at 0 minutes. Equal to the shortest shift.
 */
export const CHECK_OUT_AFTER_MS = 15 * 60_000;

/**
 * A check-in scan opens attendance; a later scan closes it, once the shift has
 * started and CHECK_OUT_AFTER_MS have passed since checking in (before that it
 * answers the check-in again, `alreadyIn`).
 */
export function decideScan(
  record: (AttendanceRecord & { status: "confirmed" | "waitlisted" | "cancelled" }) | null,
  shift: { startsAt: number; endsAt: number },
  now: number,
): Result<
  { checkInAt: number; checkOutAt: number | null; alreadyIn: boolean },
  "not_signed_up" | "marked_absent" | "outside_shift_window" | "already_checked_out"
> {
  if (!record || record.status !== "confirmed") return fail("not_signed_up");
  // The organiser's word stands: a scan (a code passed on, or sent late) does not overturn a hand-marked absence.
  if (record.attendance === "no_show") return fail("marked_absent");
  if (!checkinOpenAt(shift, now)) return fail("outside_shift_window");
  if (record.checkInAt === null) return ok({ checkInAt: now, checkOutAt: null, alreadyIn: false });
  if (record.checkOutAt !== null) return fail("already_checked_out");
  if (now < Math.max(record.checkInAt + CHECK_OUT_AFTER_MS, shift.startsAt))
    return ok({ checkInAt: record.checkInAt, checkOutAt: null, alreadyIn: true });
  return ok({ checkInAt: record.checkInAt, checkOutAt: now, alreadyIn: false });
}
