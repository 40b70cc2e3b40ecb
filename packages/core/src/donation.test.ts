import { describe, expect, it } from "vitest";
import { decideDonation } from "./donation";

const base = { amount: 20, message: " 早日康复 ", target: { kind: "household" as const, householdId: 9 }, ownHouseholdId: 3, available: 50 };

describe("donation rules", () => {
  it.each([
    { case: "a zero amount", over: { amount: 0 }, expected: { ok: false, reason: "invalid_amount" } },
    { case: "a message of 101 characters", over: { message: "爱".repeat(101) }, expected: { ok: false, reason: "message_too_long" } },
    { case: "one's own household", over: { target: { kind: "household" as const, householdId: 3 } }, expected: { ok: false, reason: "own_household" } },
    { case: "more than is available", over: { amount: 51 }, expected: { ok: false, reason: "insufficient_balance" } },
    { case: "a gift to another household", over: {}, expected: { ok: true, message: "早日康复" } },
    { case: "a gift to the fund with no household of one's own", over: { target: { kind: "fund" as const }, ownHouseholdId: null }, expected: { ok: true, message: "早日康复" } },
  ])("$case → $expected.ok", ({ over, expected }) => {
    expect(decideDonation({ ...base, ...over })).toEqual(expected);
  });
});
