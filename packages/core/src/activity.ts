import { fail, ok, type Result } from "./result";

export const ACTIVITY_STATUSES = ["draft", "published", "cancelled", "finished"] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const VISIBILITIES = ["public", "team", "party"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const ACTIVITY_CATEGORIES = [
  "environment",
  "health",
  "elderly",
  "education",
  "policy",
  "mediation",
  "safety",
  "culture",
  "other",
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

export const SHIFT_CAPACITY_MAX = 500;
export const SHIFT_DURATION_MS_MAX = 12 * 3_600_000;
/** A shift shorter than this is no service to record (and would only multiply corrections). */
export const SHIFT_DURATION_MS_MIN = 15 * 60_000;
export const REPEAT_WEEKS_MAX = 26;
const WEEK_MS = 7 * 24 * 3_600_000;

export type ShiftInput = {
  startsAt: number;
  endsAt: number;
  capacity: number;
  requiredSkillIds: readonly number[];
  /** Defaults: sign-up closes when the shift starts; cancellation two hours before. */
  signupDeadline?: number | undefined;
  cancelDeadline?: number | undefined;
};

/** A planned shift: the input (and whatever else it carries) with its deadlines filled in. */
export type ShiftPlan<T extends ShiftInput = ShiftInput> = T & { signupDeadline: number; cancelDeadline: number };

export type ShiftRefusal =
  | "shift_ends_before_start"
  | "shift_too_short"
  | "shift_too_long"
  | "shift_in_past"
  | "deadline_after_start"
  | "capacity_out_of_range";

const CANCEL_LEAD_MS = 2 * 3_600_000;

/** One shift's times and capacity, with its deadlines filled in. */
export function planShift<T extends ShiftInput>(input: T, now: number): Result<{ shift: ShiftPlan<T> }, ShiftRefusal> {
  if (input.endsAt <= input.startsAt) return fail("shift_ends_before_start");
  if (input.endsAt - input.startsAt < SHIFT_DURATION_MS_MIN) return fail("shift_too_short");
  if (input.endsAt - input.startsAt > SHIFT_DURATION_MS_MAX) return fail("shift_too_long");
  if (input.startsAt <= now) return fail("shift_in_past");
  if (input.capacity < 1 || input.capacity > SHIFT_CAPACITY_MAX) return fail("capacity_out_of_range");
  const signupDeadline = input.signupDeadline ?? input.startsAt;
  const cancelDeadline = input.cancelDeadline ?? Math.max(now, input.startsAt - CANCEL_LEAD_MS);
  if (signupDeadline > input.startsAt || cancelDeadline > input.startsAt) return fail("deadline_after_start");
  return ok({ shift: { ...input, signupDeadline, cancelDeadline } });
}

/**
 * The shifts of an activity: each given shift, repeated weekly for
 * `repeatWeeks` weeks (1 = once). Deadlines move with their shift.
 */
export function planShifts<T extends ShiftInput>(
  inputs: readonly T[],
  repeatWeeks: number,
  now: number,
): Result<{ shifts: ShiftPlan<T>[] }, ShiftRefusal | "no_shifts" | "too_many_weeks"> {
  if (inputs.length === 0) return fail("no_shifts");
  if (repeatWeeks < 1 || repeatWeeks > REPEAT_WEEKS_MAX) return fail("too_many_weeks");
  const shifts: ShiftPlan<T>[] = [];
  for (const input of inputs) {
    const planned = planShift(input, now);
    if (!planned.ok) return planned;
    for (let week = 0; week < repeatWeeks; week++) {
      const offset = week * WEEK_MS;
      const s = planned.shift;
      shifts.push({
        ...s,
        startsAt: s.startsAt + offset,
        endsAt: s.endsAt + offset,
        signupDeadline: s.signupDeadline + offset,
        cancelDeadline: s.cancelDeadline + offset,
      });
    }
  }
  return ok({ shifts: shifts.sort((a, b) => a.startsAt - b.startsAt) });
}

export type ActivityState = { status: ActivityStatus; shiftCount: number; lastShiftEndsAt: number | null };

export function decidePublish(activity: ActivityState): Result<{ status: "published" }, "not_draft" | "no_shifts"> {
  if (activity.status !== "draft") return fail("not_draft");
  if (activity.shiftCount === 0) return fail("no_shifts");
  return ok({ status: "published" });
}

export function decideCancel(activity: ActivityState, now: number): Result<{ status: "cancelled" }, "not_cancellable"> {
  const over = activity.lastShiftEndsAt !== null && activity.lastShiftEndsAt <= now;
  if ((activity.status !== "draft" && activity.status !== "published") || over) return fail("not_cancellable");
  return ok({ status: "cancelled" });
}

export function decideFinish(
  activity: ActivityState,
  now: number,
): Result<{ status: "finished" }, "not_published" | "not_over"> {
  if (activity.status !== "published") return fail("not_published");
  if (activity.lastShiftEndsAt === null || activity.lastShiftEndsAt > now) return fail("not_over");
  return ok({ status: "finished" });
}
