import { describe, expect, it } from "vitest";
import {
  DEFAULT_EARNING_RULES,
  DEFAULT_EARNING_RULES as rules,
  checkEarningRules,
  earnForHours,
  earnForRequest,
  earningState,
  planRecovery,
  planReversal,
} from "./earning";

describe("earning rules", () => {
  it.each([
    { minutes: 60, today: 0, points: 10, capped: false },
    { minutes: 150, today: 0, points: 25, capped: false },
    { minutes: 59, today: 0, points: 9, capped: false },
    { minutes: 0, today: 0, points: 0, capped: false },
    { minutes: 720, today: 150, points: 50, capped: true },
    { minutes: 60, today: 200, points: 0, capped: true },
  ])("$minutes confirmed minutes with $today already earned today → $points", ({ minutes, today, points, capped }) => {
    expect(earnForHours(minutes, rules, today)).toMatchObject({ points, capped });
  });

  it.each([
    { category: "plumbing" as const, rating: 4, points: 30 },
    { category: "plumbing" as const, rating: 5, points: 35 },
    { category: "haircut" as const, rating: 3, points: 15 },
    { category: "item" as const, rating: 5, points: 15 },
  ])("a confirmed $category request rated $rating → $points", ({ category, rating, points }) => {
    expect(earnForRequest(category, rating, rules, 0).points).toBe(points);
  });

  it("the daily cap holds across sources", () => {
    expect(earnForRequest("plumbing", 5, rules, 190)).toMatchObject({ points: 10, capped: true });
  });
});

describe("earning rules as staff set them, reversal and recovery", () => {
  it.each([
    { case: "the defaults", over: {}, ok: true },
    { case: "zero points an hour", over: { pointsPerHour: 0 }, ok: true },
    { case: "a negative bonus", over: { fiveStarBonus: -1 }, ok: false },
    { case: "half a point", over: { pointsPerHour: 2.5 }, ok: false },
    { case: "a cap over 10,000", over: { dailyCap: 10_001 }, ok: false },
    { case: "a category over 1,000", over: { perRequest: { plumbing: 1_001 } }, ok: false },
  ])("rules with $case are accepted: $ok", ({ over, ok }) => {
    expect(checkEarningRules({ ...DEFAULT_EARNING_RULES, ...over }).ok).toBe(ok);
  });

  it.each([
    { earned: 30, available: 50, expected: { reversed: 30, owed: 0 } },
    { earned: 30, available: 10, expected: { reversed: 10, owed: 20 } },
    { earned: 30, available: 0, expected: { reversed: 0, owed: 30 } },
    { earned: 30, available: -5, expected: { reversed: 0, owed: 30 } },
  ])("reversing $earned with $available available", ({ earned, available, expected }) => {
    expect(planReversal(earned, available)).toEqual(expected);
  });

  it("recovers what is owed only from what is there, and pays only what the fund covers", () => {
    expect([planRecovery(20, 50), planRecovery(20, 5), planRecovery(20, 0)]).toEqual([20, 5, 0]);
    expect([earningState(30, 30), earningState(30, 29)]).toEqual(["paid", "waiting"]);
  });
});
