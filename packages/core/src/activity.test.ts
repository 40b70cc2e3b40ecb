import { describe, expect, it } from "vitest";
import { decideCancel, decideFinish, decidePublish, planShift, planShifts, type ShiftInput } from "./activity";
import { must } from "./result";

const H = 3_600_000;
const now = Date.parse("2026-12-01T08:00:00+08:00");
const shift = (over: Partial<ShiftInput> = {}): ShiftInput => ({
  startsAt: now + 24 * H,
  endsAt: now + 27 * H,
  capacity: 20,
  requiredSkillIds: [],
  ...over,
});

describe("planning shifts", () => {
  it.each([
    { case: "ending before it starts", input: shift({ endsAt: now + 23 * H }), reason: "shift_ends_before_start" },
    {
      case: "shorter than 15 minutes",
      input: shift({ endsAt: now + 24 * H + 14 * 60_000 }),
      reason: "shift_too_short",
    },
    { case: "longer than 12 hours", input: shift({ endsAt: now + 37 * H }), reason: "shift_too_long" },
    { case: "already started", input: shift({ startsAt: now, endsAt: now + H }), reason: "shift_in_past" },
    { case: "with no places", input: shift({ capacity: 0 }), reason: "capacity_out_of_range" },
    {
      case: "with a sign-up deadline after its start",
      input: shift({ signupDeadline: now + 25 * H }),
      reason: "deadline_after_start",
    },
  ])("refuses a shift $case", ({ input, reason }) => {
    expect(planShift(input, now)).toEqual({ ok: false, reason });
  });

  it("closes sign-up at the start and cancellation two hours before, by default", () => {
    const planned = planShift(shift(), now);
    expect(planned.ok && planned.shift).toMatchObject({ signupDeadline: now + 24 * H, cancelDeadline: now + 22 * H });
  });

  it("repeats every shift weekly, deadlines included, in time order", () => {
    const planned = planShifts([shift({ startsAt: now + 48 * H, endsAt: now + 50 * H }), shift()], 3, now);
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    expect(planned.shifts).toHaveLength(6);
    expect(planned.shifts.map((s) => (s.startsAt - now) / H)).toEqual([24, 48, 192, 216, 360, 384]);
    expect(must(planned.shifts[2]).signupDeadline - must(planned.shifts[0]).signupDeadline).toBe(7 * 24 * H);
  });

  it("refuses no shifts and more than 26 weeks", () => {
    expect(planShifts([], 1, now)).toEqual({ ok: false, reason: "no_shifts" });
    expect(planShifts([shift()], 27, now)).toEqual({ ok: false, reason: "too_many_weeks" });
  });
});

describe("activity states", () => {
  const draft = { status: "draft" as const, shiftCount: 2, lastShiftEndsAt: now + 27 * H };
  const published = { ...draft, status: "published" as const };

  it.each([
    { activity: draft, expected: { ok: true, status: "published" } },
    { activity: published, expected: { ok: false, reason: "not_draft" } },
    { activity: { ...draft, shiftCount: 0 }, expected: { ok: false, reason: "no_shifts" } },
  ])("publishing a $activity.status activity with $activity.shiftCount shifts", ({ activity, expected }) => {
    expect(decidePublish(activity)).toEqual(expected);
  });

  it.each([
    { activity: draft, at: now, ok: true },
    { activity: published, at: now, ok: true },
    { activity: published, at: now + 28 * H, ok: false },
    { activity: { ...draft, status: "finished" as const }, at: now, ok: false },
    { activity: { ...draft, status: "cancelled" as const }, at: now, ok: false },
  ])("cancelling a $activity.status activity: $ok", ({ activity, at, ok }) => {
    expect(decideCancel(activity, at).ok).toBe(ok);
  });

  it("finishes a published activity only after its last shift ends", () => {
    expect(decideFinish(published, now)).toEqual({ ok: false, reason: "not_over" });
    expect(decideFinish(published, now + 27 * H)).toEqual({ ok: true, status: "finished" });
    expect(decideFinish(draft, now + 27 * H)).toEqual({ ok: false, reason: "not_published" });
  });
});
