import { describe, expect, it } from "vitest";
import { decideDonation, decideDonationByPhone } from "./donation";

const base = {
  amount: 20,
  message: " 早日康复 ",
  target: { kind: "household" as const, householdId: 9 },
  ownHouseholdId: 3,
  available: 50,
};

describe("donation rules", () => {
  it.each([
    { case: "a zero amount", over: { amount: 0 }, expected: { ok: false, reason: "invalid_amount" } },
    {
      case: "a message of 101 characters",
      over: { message: "爱".repeat(101) },
      expected: { ok: false, reason: "message_too_long" },
    },
    {
      case: "one's own household",
      over: { target: { kind: "household" as const, householdId: 3 } },
      expected: { ok: false, reason: "own_household" },
    },
    { case: "more than is available", over: { amount: 51 }, expected: { ok: false, reason: "insufficient_balance" } },
    {
      case: "more than is available to one's own household",
      over: { amount: 51, target: { kind: "household" as const, householdId: 3 } },
      expected: { ok: false, reason: "insufficient_balance" },
    },
    { case: "a gift to another household", over: {}, expected: { ok: true, message: "早日康复" } },
    {
      case: "a gift to the fund with no household of one's own",
      over: { target: { kind: "fund" as const }, ownHouseholdId: null },
      expected: { ok: true, message: "早日康复" },
    },
  ])("$case → $expected.ok", ({ over, expected }) => {
    expect(decideDonation({ ...base, ...over })).toEqual(expected);
  });
});

const byPhone = {
  amount: 20,
  message: "早日康复",
  available: 50,
  communityId: 1,
  ownHouseholdId: 3,
  receiver: { householdId: 9, communityId: 1 },
};
const unavailable = { ok: false, reason: "recipient_unavailable" };

describe("donation by phone", () => {
  it.each([
    { case: "an unknown number or one without a household", over: { receiver: null }, expected: unavailable },
    {
      case: "a household of another community",
      over: { receiver: { householdId: 9, communityId: 2 } },
      expected: unavailable,
    },
    { case: "one's own household", over: { receiver: { householdId: 3, communityId: 1 } }, expected: unavailable },
    {
      case: "a giver without a household",
      over: { ownHouseholdId: null },
      expected: { ok: true, message: "早日康复", householdId: 9 },
    },
    {
      case: "an unknown number with too few points",
      over: { receiver: null, amount: 51 },
      expected: { ok: false, reason: "insufficient_balance" },
    },
    {
      case: "an unknown number with a zero amount",
      over: { receiver: null, amount: 0 },
      expected: { ok: false, reason: "invalid_amount" },
    },
    { case: "a household of one's community", over: {}, expected: { ok: true, message: "早日康复", householdId: 9 } },
  ])("$case → $expected", ({ over, expected }) => {
    expect(decideDonationByPhone({ ...byPhone, ...over })).toEqual(expected);
  });
});
