import { and, eq } from "drizzle-orm";
import {
  decideSettle,
  decideTransfer,
  entriesOf,
  fail,
  ok,
  type AccountKey,
  type TransferInput,
  must,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { ledgerBalances, ledgerEntries, ledgerTransfers } from "../../db/schema";

/** An account's posted balance, what its open reservations hold back, and the rest: from the cache the triggers keep (migration 0008). */
export async function balanceOf(db: Db | Tx, account: AccountKey) {
  const [row] = await db
    .select({ posted: ledgerBalances.posted, reserved: ledgerBalances.reserved })
    .from(ledgerBalances)
    .where(eq(ledgerBalances.account, account));
  const posted = row?.posted ?? 0;
  const reserved = row?.reserved ?? 0;
  return { posted, reserved, available: posted - reserved };
}

export const availableOf = async (db: Db | Tx, account: AccountKey): Promise<number> =>
  (await balanceOf(db, account)).available;

/** Appends a posted transfer's two entries, unsealed: the sealer chains them (seal.ts). */
async function appendEntries(
  tx: Tx,
  transferId: number,
  input: Pick<TransferInput, "debit" | "credit" | "amount">,
  now: number,
) {
  await tx.insert(ledgerEntries).values(entriesOf(transferId, input).map((entry) => ({ ...entry, createdAt: now })));
}

/**
 * A transfer inside the caller's transaction: the rules in core decide on the
 * balance read here, so no account but issuance goes below zero. The same
 * idempotency key with the same content returns the first transfer.
 */
export async function applyTransfer(tx: Tx, input: TransferInput, actorUserId: number | null, now: number) {
  const [earlier] = await tx
    .select()
    .from(ledgerTransfers)
    .where(eq(ledgerTransfers.idempotencyKey, input.idempotencyKey));
  const earlierInput: TransferInput | null = earlier
    ? {
        debit: earlier.debit as AccountKey,
        credit: earlier.credit as AccountKey,
        amount: earlier.amount,
        reason: earlier.reason,
        cause: earlier.cause,
        idempotencyKey: earlier.idempotencyKey,
        pending: earlier.twoPhase,
      }
    : null;
  const decided = decideTransfer(input, {
    available: await availableOf(tx, input.debit),
    earlier: earlier && earlierInput ? { input: earlierInput, transferId: earlier.id } : null,
  });
  if (!decided.ok) return decided;
  if (decided.replayOf !== null) return ok({ transferId: decided.replayOf, replayed: true });
  const [row] = await tx
    .insert(ledgerTransfers)
    .values({
      debit: input.debit,
      credit: input.credit,
      amount: input.amount,
      state: decided.state,
      reason: input.reason,
      cause: input.cause,
      idempotencyKey: input.idempotencyKey,
      twoPhase: input.pending,
      actorUserId,
      createdAt: now,
    })
    .returning({ id: ledgerTransfers.id });
  if (decided.state === "posted") await appendEntries(tx, must(row).id, input, now);
  return ok({ transferId: must(row).id, replayed: false });
}

/** Posts or voids a reservation once; posting writes its entries then. */
export async function settleTransfer(tx: Tx, transferId: number, outcome: "posted" | "voided", now: number) {
  const [transfer] = await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, transferId));
  if (!transfer) return fail("not_found");
  const decided = decideSettle(transfer.state, outcome);
  if (!decided.ok) return decided;
  await tx
    .update(ledgerTransfers)
    .set({ state: decided.state, settledAt: now })
    .where(and(eq(ledgerTransfers.id, transferId), eq(ledgerTransfers.state, "pending")));
  if (decided.state === "posted")
    await appendEntries(
      tx,
      transferId,
      { debit: transfer.debit as AccountKey, credit: transfer.credit as AccountKey, amount: transfer.amount },
      now,
    );
  return ok({ state: decided.state });
}
