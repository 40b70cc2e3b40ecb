import { kindOf, type AccountKey } from "./ledger";

/** A transfer as the monthly summary sees it: where it went and why. */
export type SummaryTransfer = {
  debit: AccountKey;
  credit: AccountKey;
  amount: number;
  state: "pending" | "posted" | "voided";
  cause: string | null;
};
export type MonthlySummary = {
  issued: number;
  earned: number;
  reversed: number;
  redeemed: number;
  reserved: number;
  donated: number;
  expired: number;
};

export type TransferKind = "issuance" | "earning" | "reversal" | "redemption" | "donation" | "other";

/** What a transfer was for, as statements and summaries name it. */
export function transferKind(t: Pick<SummaryTransfer, "debit" | "credit" | "cause">): TransferKind {
  const cause = t.cause?.split(":")[0] ?? "";
  if (kindOf(t.debit) === "issuance") return "issuance";
  if (cause === "earning") return kindOf(t.credit) === "volunteer" ? "earning" : "reversal";
  if (cause === "redemption" || cause === "donation") return cause;
  return "other";
}

/**
 * A community's month at a glance, from its transfers: issued to the fund,
 * earned by volunteers, reversed for voided hours, redeemed (handed over) and
 * still reserved in the store, donated, and reservations that expired.
 */
export function summarise(transfers: readonly SummaryTransfer[]): MonthlySummary {
  const s: MonthlySummary = { issued: 0, earned: 0, reversed: 0, redeemed: 0, reserved: 0, donated: 0, expired: 0 };
  for (const t of transfers) {
    const kind = transferKind(t);
    if (kind === "issuance") s.issued += t.amount;
    else if (kind === "redemption")
      s[t.state === "posted" ? "redeemed" : t.state === "pending" ? "reserved" : "expired"] += t.amount;
    else if (t.state !== "posted") continue;
    else if (kind === "earning") s.earned += t.amount;
    else if (kind === "reversal") s.reversed += t.amount;
    else if (kind === "donation") s.donated += t.amount;
  }
  return s;
}
