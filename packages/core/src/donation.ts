import { fail, ok, type Result } from "./result";

/** 转赠: a volunteer gives points to a household in need or to the community fund, with a message the receiver sees. */
export type DonationTarget = { kind: "household"; householdId: number } | { kind: "fund" };
export type DonationRefusal =
  | "invalid_amount"
  | "message_too_long"
  | "own_household"
  | "insufficient_balance"
  | "recipient_unavailable";
/** The household a phone number leads to, as found: null when the number is unknown or has no live household. */
export type PhoneReceiver = { householdId: number; communityId: number } | null;

export const DONATION_MESSAGE_MAX = 100;

type Gift = { amount: number; message: string; available: number };

/** What any gift must pass before its receiver is judged: amount, message, balance. */
function decideGift(input: Gift): Result<{ message: string }, DonationRefusal> {
  if (!Number.isSafeInteger(input.amount) || input.amount < 1) return fail("invalid_amount");
  const message = input.message.trim();
  if (message.length > DONATION_MESSAGE_MAX) return fail("message_too_long");
  if (input.available < input.amount) return fail("insufficient_balance");
  return ok({ message });
}

/** Guards in a fixed order: amount, message, balance, target. */
export function decideDonation(
  input: Gift & { target: DonationTarget; ownHouseholdId: number | null },
): Result<{ message: string }, DonationRefusal> {
  const gift = decideGift(input);
  if (!gift.ok) return gift;
  // Giving to one's own household only moves points around the family and would dress it up as charity.
  if (input.target.kind === "household" && input.target.householdId === input.ownHouseholdId)
    return fail("own_household");
  return gift;
}

/**
 * A household named by a member's phone. Every problem with the receiver —
 * unknown number, no household, another community, one's own household — is
 * the one answer `recipient_unavailable`, and comes only after the gift itself
 * passed: otherwise the answers would tell anyone which numbers exist and where.
 */
export function decideDonationByPhone(
  input: Gift & { communityId: number; ownHouseholdId: number | null; receiver: PhoneReceiver },
): Result<{ message: string; householdId: number }, DonationRefusal> {
  const gift = decideGift(input);
  if (!gift.ok) return gift;
  const { receiver } = input;
  if (!receiver || receiver.communityId !== input.communityId || receiver.householdId === input.ownHouseholdId)
    return fail("recipient_unavailable");
  return ok({ message: gift.message, householdId: receiver.householdId });
}
