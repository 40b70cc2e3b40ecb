import { fail, ok, type Result } from "./result";

/** 转赠: a volunteer gives points to a household in need or to the community fund, with a message the receiver sees. */
export type DonationTarget = { kind: "household"; householdId: number } | { kind: "fund" };
export type DonationRefusal = "invalid_amount" | "message_too_long" | "own_household" | "insufficient_balance";

export const DONATION_MESSAGE_MAX = 100;

/** Guards in a fixed order: amount, message, target, balance. */
export function decideDonation(input: { amount: number; message: string; target: DonationTarget; ownHouseholdId: number | null; available: number }): Result<{ message: string }, DonationRefusal> {
  if (!Number.isSafeInteger(input.amount) || input.amount < 1) return fail("invalid_amount");
  const message = input.message.trim();
  if (message.length > DONATION_MESSAGE_MAX) return fail("message_too_long");
  // Giving to one's own household only moves points around the family and would dress it up as charity.
  if (input.target.kind === "household" && input.target.householdId === input.ownHouseholdId) return fail("own_household");
  if (input.available < input.amount) return fail("insufficient_balance");
  return ok({ message });
}
