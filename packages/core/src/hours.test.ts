import { describe, expect, it } from "vitest";
import {
  CORRECTION_MINUTES_MAX,
  decideConfirm,
  decideOwnRecord,
  decideScan,
  decideVoid,
  defaultMinutes,
  maxMinutes,
  type ConfirmInput,
} from "./hours";

const M = 60_000;
const shift = { startsAt: 600 * M, endsAt: 780 * M }; // 10:00–13:00, 180 minutes

describe("default hours", () => {
  it.each([
    {
      case: "checked in on time, out early",
      record: { attendance: "present" as const, checkInAt: 600 * M, checkOutAt: 700 * M },
      minutes: 100,
    },
    {
      case: "checked in late, never out",
      record: { attendance: "present" as const, checkInAt: 630 * M, checkOutAt: null },
      minutes: 150,
    },
    {
      case: "checked in early and out late: capped by the shift",
      record: { attendance: "present" as const, checkInAt: 540 * M, checkOutAt: 900 * M },
      minutes: 180,
    },
    {
      case: "marked present by hand",
      record: { attendance: "present" as const, checkInAt: null, checkOutAt: null },
      minutes: 180,
    },
    { case: "a no-show", record: { attendance: "no_show" as const, checkInAt: null, checkOutAt: null }, minutes: 0 },
    { case: "attendance not marked", record: { attendance: null, checkInAt: 600 * M, checkOutAt: null }, minutes: 0 },
  ])("$case → $minutes min", ({ record, minutes }) => {
    expect(defaultMinutes(shift, record)).toBe(minutes);
  });
});

describe("confirming hours", () => {
  const input = (over: Partial<ConfirmInput> = {}): ConfirmInput => ({
    record: { attendance: "present", checkInAt: null, checkOutAt: null },
    shift,
    alreadyConfirmed: false,
    confirmedMinutesThatDay: 0,
    actorUserId: 1,
    volunteerUserId: 2,
    ...over,
  });

  it.each([
    { case: "twice", over: { alreadyConfirmed: true }, reason: "already_confirmed" },
    {
      case: "for a no-show",
      over: { record: { attendance: "no_show" as const, checkInAt: null, checkOutAt: null } },
      reason: "not_attended",
    },
    { case: "corrected without a reason", over: { minutes: 120 }, reason: "reason_required" },
    { case: "corrected with a blank reason", over: { minutes: 120, reason: "  " }, reason: "reason_required" },
    { case: "past the 12 hours of the day", over: { confirmedMinutesThatDay: 720 }, reason: "daily_cap_reached" },
    { case: "by the volunteer himself", over: { actorUserId: 2 }, reason: "own_hours" },
    { case: "by the volunteer himself, even the default", over: { actorUserId: 2, minutes: 180 }, reason: "own_hours" },
    {
      case: "past the shift's length plus the correction",
      over: { minutes: 180 + CORRECTION_MINUTES_MAX + 1, reason: "忘了签退" },
      reason: "minutes_over_cap",
    },
    { case: "12 hours for a 3-hour shift", over: { minutes: 720, reason: "加班" }, reason: "minutes_over_cap" },
  ])("refuses $case", ({ over, reason }) => {
    expect(decideConfirm(input(over))).toEqual({ ok: false, reason });
  });

  it("confirms the default, a reasoned correction, and caps at 12 hours a day", () => {
    expect(decideConfirm(input())).toEqual({ ok: true, minutes: 180, defaultMinutes: 180, capped: false });
    expect(decideConfirm(input({ minutes: 120, reason: "提前离开" }))).toEqual({
      ok: true,
      minutes: 120,
      defaultMinutes: 180,
      capped: false,
    });
    expect(decideConfirm(input({ minutes: 180 }))).toEqual({
      ok: true,
      minutes: 180,
      defaultMinutes: 180,
      capped: false,
    });
    expect(decideConfirm(input({ confirmedMinutesThatDay: 600 }))).toEqual({
      ok: true,
      minutes: 120,
      defaultMinutes: 180,
      capped: true,
    });
  });

  it("accepts a correction up to the shift's length plus the bounded correction, with a reason", () => {
    expect(maxMinutes(shift)).toBe(180 + CORRECTION_MINUTES_MAX);
    expect(decideConfirm(input({ minutes: maxMinutes(shift), reason: "收尾超时" }))).toEqual({
      ok: true,
      minutes: maxMinutes(shift),
      defaultMinutes: 180,
      capped: false,
    });
    expect(decideConfirm(input({ minutes: maxMinutes(shift) }))).toEqual({ ok: false, reason: "reason_required" });
  });

  it.each([
    { lengthMinutes: 15, max: 30 },
    { lengthMinutes: 45, max: 90 },
    { lengthMinutes: 60, max: 120 },
    { lengthMinutes: 180, max: 240 },
    { lengthMinutes: 720, max: 780 },
  ])(
    "a $lengthMinutes-minute shift earns at most $max minutes: the correction is bounded by the shift's own length too",
    ({ lengthMinutes, max }) => {
      expect(maxMinutes({ startsAt: 0, endsAt: lengthMinutes * 60_000 })).toBe(max);
    },
  );

  it.each([
    { case: "his own attendance or hours", actorUserId: 2, expected: { ok: false, reason: "own_hours" } },
    { case: "another volunteer's", actorUserId: 1, expected: { ok: true } },
  ])("an organiser marking or voiding $case", ({ actorUserId, expected }) => {
    expect(decideOwnRecord(actorUserId, 2)).toEqual(expected);
  });

  it("voids only once and only with a reason", () => {
    expect(decideVoid({ voidedAt: null }, "录入错误").ok).toBe(true);
    expect(decideVoid({ voidedAt: 5 }, "录入错误")).toEqual({ ok: false, reason: "already_voided" });
    expect(decideVoid({ voidedAt: null }, " ")).toEqual({ ok: false, reason: "reason_required" });
  });
});

describe("check-in scans", () => {
  const confirmed = { status: "confirmed" as const, attendance: null, checkInAt: null, checkOutAt: null };
  it.each([
    {
      case: "without a confirmed place",
      record: { ...confirmed, status: "waitlisted" as const },
      at: 600 * M,
      expected: { ok: false, reason: "not_signed_up" },
    },
    {
      case: "two hours early",
      record: confirmed,
      at: 480 * M,
      expected: { ok: false, reason: "outside_shift_window" },
    },
    {
      case: "the first time",
      record: confirmed,
      at: 590 * M,
      expected: { ok: true, checkInAt: 590 * M, checkOutAt: null, alreadyIn: false },
    },
    {
      case: "again two seconds later (a reload)",
      record: { ...confirmed, checkInAt: 605 * M },
      at: 605 * M + 2000,
      expected: { ok: true, checkInAt: 605 * M, checkOutAt: null, alreadyIn: true },
    },
    {
      case: "again 14 minutes after checking in",
      record: { ...confirmed, checkInAt: 605 * M },
      at: 619 * M,
      expected: { ok: true, checkInAt: 605 * M, checkOutAt: null, alreadyIn: true },
    },
    {
      case: "again 20 minutes after checking in, before the shift starts",
      record: { ...confirmed, checkInAt: 560 * M },
      at: 580 * M,
      expected: { ok: true, checkInAt: 560 * M, checkOutAt: null, alreadyIn: true },
    },
    {
      case: "again 15 minutes after checking in, the shift under way",
      record: { ...confirmed, checkInAt: 605 * M },
      at: 620 * M,
      expected: { ok: true, checkInAt: 605 * M, checkOutAt: 620 * M, alreadyIn: false },
    },
    {
      case: "the second time",
      record: { ...confirmed, checkInAt: 590 * M },
      at: 770 * M,
      expected: { ok: true, checkInAt: 590 * M, checkOutAt: 770 * M, alreadyIn: false },
    },
    {
      case: "after the organiser marked them absent",
      record: { ...confirmed, attendance: "no_show" as const },
      at: 600 * M,
      expected: { ok: false, reason: "marked_absent" },
    },
    {
      case: "a third time",
      record: { ...confirmed, checkInAt: 590 * M, checkOutAt: 770 * M },
      at: 775 * M,
      expected: { ok: false, reason: "already_checked_out" },
    },
  ])("scanning $case", ({ record, at, expected }) => {
    expect(decideScan(record, shift, at)).toEqual(expected);
  });
});
