import { and, asc, desc, eq, gte, inArray, lt, ne, or, sql, sum, type SQL } from "drizzle-orm";
import { fail, ok, shanghaiMonth, shanghaiMonthRange, transferKind, type AccountKey } from "@tongxin/core";
import type { Db } from "../../db/client";
import { earnings, ledgerEntries, ledgerTransfers, redemptions, storeItems, users } from "../../db/schema";
import type { Call } from "../call";
import { toIso } from "../../time";
import { balanceOf } from "./ledger";
import { sourcesOf } from "./sources";

/** Every posted entry of an account in a month (Asia/Shanghai), newest first, with its reason and its source (the activity, request, item or the other side of a gift). */
async function entriesOfMonth(db: Db, account: AccountKey, month: string) {
  const [start, end] = shanghaiMonthRange(month);
  const rows = await db
    .select({
      id: ledgerEntries.id,
      amount: ledgerEntries.amount,
      at: ledgerEntries.createdAt,
      reason: ledgerTransfers.reason,
      cause: ledgerTransfers.cause,
      debit: ledgerTransfers.debit,
      credit: ledgerTransfers.credit,
      transferId: ledgerTransfers.id,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
    .where(
      and(eq(ledgerEntries.account, account), gte(ledgerEntries.createdAt, start), lt(ledgerEntries.createdAt, end)),
    )
    // Time then id: the order of the index (account, created_at), so a month reads only its own entries.
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id));
  const sources = await sourcesOf(db, rows, account);
  return rows.map((r) => ({
    id: r.id,
    transferId: r.transferId,
    at: toIso(r.at),
    amount: r.amount,
    reason: r.reason,
    kind: transferKind({ cause: r.cause, debit: r.debit as AccountKey, credit: r.credit as AccountKey }),
    counterparty: r.amount < 0 ? r.credit : r.debit,
    source: sources.get(r.transferId) ?? null,
  }));
}

const REDEMPTIONS_SHOWN_MAX = 50;

/** A person's redemptions, those waiting at the desk first, each part newest first: two index ranges instead of sorting them all. */
async function redemptionsOf(db: Db, userId: number) {
  const part = (status: SQL) =>
    db
      .select({ r: redemptions, item: storeItems.name })
      .from(redemptions)
      .innerJoin(storeItems, eq(storeItems.id, redemptions.itemId))
      .where(and(eq(redemptions.userId, userId), status))
      .orderBy(desc(redemptions.id))
      .limit(REDEMPTIONS_SHOWN_MAX);
  const waiting = await part(eq(redemptions.status, "reserved"));
  return [...waiting, ...(await part(ne(redemptions.status, "reserved")))].slice(0, REDEMPTIONS_SHOWN_MAX);
}

/** The volunteer's own points: balance, what is reserved and owed, the month's statement and their redemptions. */
export async function myPoints(call: Call, month: string | undefined) {
  if (!call.actor) return fail("unauthenticated");
  const db = call.deps.database.db;
  const userId = call.actor.userId;
  const chosen = month ?? shanghaiMonth(call.deps.now());
  const account: AccountKey = `volunteer:${userId}`;
  const [owed] = await db
    .select({ n: sum(earnings.owedPoints) })
    .from(earnings)
    .where(eq(earnings.userId, userId));
  const [waiting] = await db
    .select({ n: sum(earnings.points) })
    .from(earnings)
    .where(and(eq(earnings.userId, userId), eq(earnings.status, "waiting")));
  const [me] = await db
    .select({ householdId: users.householdId, communityId: users.communityId })
    .from(users)
    .where(eq(users.id, userId));
  const household = me?.householdId
    ? { id: me.householdId, ...(await balanceOf(db, `household:${me.householdId}`)) }
    : null;
  const mine = await redemptionsOf(db, userId);
  return ok({
    month: chosen,
    communityId: me?.communityId ?? null,
    ...(await balanceOf(db, account)),
    owed: Number(owed?.n ?? 0),
    waiting: Number(waiting?.n ?? 0),
    household,
    entries: await entriesOfMonth(db, account, chosen),
    redemptions: mine.map(({ r, item }) => ({
      id: r.id,
      item,
      quantity: r.quantity,
      points: r.points,
      status: r.status,
      code: r.status === "reserved" ? r.code : null,
      reservedAt: toIso(r.reservedAt),
      expiresAt: toIso(r.expiresAt),
      settledAt: toIso(r.settledAt),
    })),
  });
}

/** The transfers that concern a community in a month: its fund and store, and donations to its households. */
export async function communityTransfers(db: Db, communityId: number, month: string) {
  const [start, end] = shanghaiMonthRange(month);
  const accounts = [`fund:${communityId}`, `store:${communityId}`];
  const when = sql`coalesce(${ledgerTransfers.settledAt}, ${ledgerTransfers.createdAt})`;
  return db
    .select()
    .from(ledgerTransfers)
    .where(
      and(
        or(
          inArray(ledgerTransfers.debit, accounts),
          inArray(ledgerTransfers.credit, accounts),
          sql`${ledgerTransfers.id} in (select transfer_id from donations where community_id = ${communityId})`,
        ),
        gte(when, start),
        lt(when, end),
      ),
    )
    .orderBy(asc(ledgerTransfers.id));
}
