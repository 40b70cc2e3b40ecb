import { kindOf, type AccountKey } from "./ledger";

/** A transfer as the monthly summary sees it: where it went and why. */
export type SummaryTransfer = { debit: AccountKey; credit: AccountKey; amount: number; state: "pending" | "posted" | "voided"; cause: string | null };
export type MonthlySummary = { issued: number; earned: number; reversed: number; redeemed: number; reserved: number; donated: number; expired: number };

const causeKind = (cause: string | null) => cause?.split(":")[0] ?? "";

/**
 * A community's month at a glance, from its transfers: issued to the fund,
 * earned by volunteers, reversed for voided hours, redeemed (handed over) and
 * still reserved in the store, donated, and reservations that expired.
 */
export function summarise(transfers: readonly SummaryTransfer[]): MonthlySummary {
  const s: MonthlySummary = { issued: 0, earned: 0, reversed: 0, redeemed: 0, reserved: 0, donated: 0, expired: 0 };
  for (const t of transfers) {
    const cause = causeKind(t.cause);
    if (kindOf(t.debit) === "issuance") s.issued += t.amount;
    else if (cause === "redemption") s[t.state === "posted" ? "redeemed" : t.state === "pending" ? "reserved" : "expired"] += t.amount;
    else if (t.state !== "posted") continue;
    else if (cause === "earning") s[kindOf(t.credit) === "volunteer" ? "earned" : "reversed"] += t.amount;
    else if (cause === "donation") s.donated += t.amount;
  }
  return s;
}
