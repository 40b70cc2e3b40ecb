import { and, eq, lte, sql } from "drizzle-orm";
import { isDue, must } from "@tongxin/core";
import { ledgerTransfers, redemptions, storeItems } from "../../db/schema";
import type { Deps } from "../../deps";
import { settleTransfer } from "../points/ledger";

/**
 * Reservations not collected within 14 days: the points are released (the
 * pending transfer voided) and the goods go back on the shelf. Each in its own
 * transaction and guarded by the status, so several instances may sweep at once.
 */
export async function expireReservations(deps: Deps): Promise<number> {
  const now = deps.now();
  const due = await deps.database.db
    .select({ id: redemptions.id })
    .from(redemptions)
    .where(and(eq(redemptions.status, "reserved"), lte(redemptions.expiresAt, now)))
    .limit(500);
  let expired = 0;
  for (const { id } of due) {
    const done = await deps.database.db.transaction(async (tx) => {
      const [r] = await tx.select().from(redemptions).where(eq(redemptions.id, id));
      if (!r || !isDue(r, now)) return false;
      const changed = await tx
        .update(redemptions)
        .set({ status: "expired", settledAt: now })
        .where(and(eq(redemptions.id, id), eq(redemptions.status, "reserved")));
      if (changed.rowsAffected !== 1) return false;
      const [transfer] = await tx
        .select({ id: ledgerTransfers.id })
        .from(ledgerTransfers)
        .where(eq(ledgerTransfers.idempotencyKey, `redemption:${id}`));
      await settleTransfer(tx, must(transfer).id, "voided", now);
      await tx
        .update(storeItems)
        .set({ stock: sql`${storeItems.stock} + ${r.quantity}` })
        .where(eq(storeItems.id, r.itemId));
      return true;
    });
    if (done) expired += 1;
  }
  return expired;
}
