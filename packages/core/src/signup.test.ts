import { describe, expect, it } from "vitest";
import { decideSeat, decideSignup, decideWithdraw, overlaps, pickPromotion, type SignupContext } from "./signup";
import { must } from "./result";

const H = 3_600_000;
const now = 1_000 * H;

const base: SignupContext = {
  activity: { status: "published", visibility: "public", teamId: 7 },
  shift: { startsAt: now + 24 * H, signupDeadline: now + 20 * H, requiredSkillIds: [3] },
  volunteer: { skillIds: [3, 4], partyStatus: null, teamIds: [] },
  alreadySignedUp: false,
  overlapsConfirmed: false,
};
const withVolunteer = (over: Partial<NonNullable<SignupContext["volunteer"]>>) => ({
  ...base,
  volunteer: { ...must(base.volunteer), ...over },
});

describe("sign-up rules", () => {
  it.each([
    { case: "no volunteer profile", ctx: { ...base, volunteer: null }, at: now, reason: "not_volunteer" },
    {
      case: "a draft activity",
      ctx: { ...base, activity: { ...base.activity, status: "draft" as const } },
      at: now,
      reason: "activity_not_open",
    },
    {
      case: "a cancelled activity",
      ctx: { ...base, activity: { ...base.activity, status: "cancelled" as const } },
      at: now,
      reason: "activity_not_open",
    },
    {
      case: "a team-only activity of another team",
      ctx: { ...base, activity: { ...base.activity, visibility: "team" as const } },
      at: now,
      reason: "not_visible",
    },
    {
      case: "a Party-only activity for a non-member",
      ctx: { ...base, activity: { ...base.activity, visibility: "party" as const } },
      at: now,
      reason: "not_visible",
    },
    { case: "after the sign-up deadline", ctx: base, at: now + 21 * H, reason: "signup_closed" },
    { case: "a second sign-up", ctx: { ...base, alreadySignedUp: true }, at: now, reason: "already_signed_up" },
    { case: "a missing required skill", ctx: withVolunteer({ skillIds: [4] }), at: now, reason: "missing_skills" },
    {
      case: "an overlapping confirmed shift",
      ctx: { ...base, overlapsConfirmed: true },
      at: now,
      reason: "overlapping_shift",
    },
  ])("refuses $case", ({ ctx, at, reason }) => {
    expect(decideSignup(ctx, at)).toEqual({ ok: false, reason });
  });

  it.each([
    { case: "a public activity", ctx: base },
    {
      case: "their own team's activity",
      ctx: { ...withVolunteer({ teamIds: [7] }), activity: { ...base.activity, visibility: "team" as const } },
    },
    {
      case: "a Party-only activity as a retired member",
      ctx: {
        ...withVolunteer({ partyStatus: "retired" }),
        activity: { ...base.activity, visibility: "party" as const },
      },
    },
  ])("accepts $case", ({ ctx }) => {
    expect(decideSignup(ctx, now).ok).toBe(true);
  });

  it.each([
    { seat: true, waitlist: true, expected: { ok: true, status: "confirmed" } },
    { seat: true, waitlist: false, expected: { ok: true, status: "confirmed" } },
    { seat: false, waitlist: true, expected: { ok: true, status: "waitlisted" } },
    { seat: false, waitlist: false, expected: { ok: false, reason: "shift_full" } },
  ])("seat taken $seat, waitlist $waitlist → $expected", ({ seat, waitlist, expected }) => {
    expect(decideSeat(seat, waitlist)).toEqual(expected);
  });
});

describe("withdrawing and promotion", () => {
  const shift = { startsAt: now + 24 * H, cancelDeadline: now + 22 * H };

  it.each([
    {
      case: "a confirmed place before the deadline",
      signup: { status: "confirmed" as const },
      at: now,
      expected: { ok: true, freesSeat: true },
    },
    {
      case: "a confirmed place after the deadline",
      signup: { status: "confirmed" as const },
      at: now + 23 * H,
      expected: { ok: false, reason: "cancel_closed" },
    },
    {
      case: "a waitlist place after the deadline but before the start",
      signup: { status: "waitlisted" as const },
      at: now + 23 * H,
      expected: { ok: true, freesSeat: false },
    },
    {
      case: "a cancelled sign-up",
      signup: { status: "cancelled" as const },
      at: now,
      expected: { ok: false, reason: "not_signed_up" },
    },
    { case: "no sign-up", signup: null, at: now, expected: { ok: false, reason: "not_signed_up" } },
  ])("withdrawing $case", ({ signup, at, expected }) => {
    expect(decideWithdraw(signup, shift, at)).toEqual(expected);
  });

  it("promotes the longest-waiting volunteer without a clash", () => {
    const waitlist = [
      { signupId: 12, overlapsConfirmed: false },
      { signupId: 10, overlapsConfirmed: true },
      { signupId: 11, overlapsConfirmed: false },
    ];
    expect(pickPromotion(waitlist)?.signupId).toBe(11);
    expect(pickPromotion([{ signupId: 1, overlapsConfirmed: true }])).toBeNull();
  });

  it.each([
    [{ startsAt: 0, endsAt: 10 }, { startsAt: 10, endsAt: 20 }, false],
    [{ startsAt: 0, endsAt: 11 }, { startsAt: 10, endsAt: 20 }, true],
    [{ startsAt: 12, endsAt: 13 }, { startsAt: 10, endsAt: 20 }, true],
  ])("%o and %o overlap: %s", (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
  });
});
