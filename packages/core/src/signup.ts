import type { ActivityStatus, Visibility } from "./activity";
import type { PartyStatus } from "./volunteer";
import { fail, ok, type Result } from "./result";

export const SIGNUP_STATUSES = ["confirmed", "waitlisted", "cancelled"] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

export type SignupContext = {
  activity: { status: ActivityStatus; visibility: Visibility; teamId: number | null };
  shift: { startsAt: number; signupDeadline: number; requiredSkillIds: readonly number[] };
  /** null when the user has no volunteer profile. */
  volunteer: { skillIds: readonly number[]; partyStatus: PartyStatus | null; teamIds: readonly number[] } | null;
  alreadySignedUp: boolean;
  /** The volunteer holds a confirmed place on another shift at an overlapping time. */
  overlapsConfirmed: boolean;
};

export type SignupRefusal =
  | "not_volunteer"
  | "activity_not_open"
  | "not_visible"
  | "signup_closed"
  | "already_signed_up"
  | "missing_skills"
  | "overlapping_shift";

/** Who may see and join an activity: everyone, its team's members, or Party members. */
export function canSee(activity: SignupContext["activity"], volunteer: SignupContext["volunteer"]): boolean {
  if (activity.visibility === "public") return true;
  if (!volunteer) return false;
  if (activity.visibility === "team") return activity.teamId !== null && volunteer.teamIds.includes(activity.teamId);
  return volunteer.partyStatus !== null;
}

/**
 * The rules before a place is sought, in a fixed order. Whether the place is
 * confirmed or waitlisted is decided by the database's conditional update.
 */
export function decideSignup(ctx: SignupContext, now: number): Result<object, SignupRefusal> {
  if (!ctx.volunteer) return fail("not_volunteer");
  if (ctx.activity.status !== "published") return fail("activity_not_open");
  if (!canSee(ctx.activity, ctx.volunteer)) return fail("not_visible");
  if (now > ctx.shift.signupDeadline || now >= ctx.shift.startsAt) return fail("signup_closed");
  if (ctx.alreadySignedUp) return fail("already_signed_up");
  const skills = ctx.volunteer.skillIds;
  if (!ctx.shift.requiredSkillIds.every((id) => skills.includes(id))) return fail("missing_skills");
  if (ctx.overlapsConfirmed) return fail("overlapping_shift");
  return ok({});
}

/** After the conditional update: a seat, a waitlist place, or a refusal when the shift keeps no waitlist. */
export function decideSeat(
  seatTaken: boolean,
  waitlistEnabled: boolean,
): Result<{ status: "confirmed" | "waitlisted" }, "shift_full"> {
  if (seatTaken) return ok({ status: "confirmed" });
  return waitlistEnabled ? ok({ status: "waitlisted" }) : fail("shift_full");
}

/** Leaving: a confirmed place until the cancellation deadline; the waitlist until the shift starts. */
export function decideWithdraw(
  signup: { status: SignupStatus } | null,
  shift: { startsAt: number; cancelDeadline: number },
  now: number,
): Result<{ freesSeat: boolean }, "not_signed_up" | "cancel_closed"> {
  if (!signup || signup.status === "cancelled") return fail("not_signed_up");
  const deadline = signup.status === "confirmed" ? shift.cancelDeadline : shift.startsAt;
  if (now > deadline) return fail("cancel_closed");
  return ok({ freesSeat: signup.status === "confirmed" });
}

/** FIFO: the longest-waiting volunteer who has no clashing confirmed shift. */
export function pickPromotion<T extends { signupId: number; overlapsConfirmed: boolean }>(
  waitlist: readonly T[],
): T | null {
  return [...waitlist].sort((a, b) => a.signupId - b.signupId).find((entry) => !entry.overlapsConfirmed) ?? null;
}

/** Two time ranges overlap when each starts before the other ends. */
export const overlaps = (a: { startsAt: number; endsAt: number }, b: { startsAt: number; endsAt: number }): boolean =>
  a.startsAt < b.endsAt && b.startsAt < a.endsAt;
