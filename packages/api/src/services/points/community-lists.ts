import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { kindOf, ok, shanghaiMonthRange, transferKind, type AccountKey } from "@tongxin/core";
import { ledgerTransfers, redemptions, storeItems } from "../../db/schema";
import type { Call } from "../call";
import { afterTimeCursor, encodeTimeCursor, limitOf, type PageInput } from "../page";
import { peopleNames } from "../people";
import { authorizeInCommunity } from "../scope";
import { toIso } from "../../time";
import { sourcesOf } from "./sources";

export type MonthListInput = PageInput & { communityId: number; month: string };

/** The page's rows and the cursor after its last (time, id), from limit + 1 rows. */
function timePage<T>(rows: T[], limit: number, timeOf: (row: T) => number, idOf: (row: T) => number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeTimeCursor(timeOf(last), idOf(last)) : null };
}

/** Volunteers named as the public may see them (the ledger is read by store and points staff, not only by their managers). */
async function accountNames(call: Call, keys: readonly string[]) {
  const volunteers = keys.filter((k) => kindOf(k as AccountKey) === "volunteer").map((k) => Number(k.split(":")[1]));
  const names = await peopleNames(call.deps.database.db, volunteers, false);
  return (key: string) =>
    kindOf(key as AccountKey) === "volunteer" ? (names.get(Number(key.split(":")[1])) ?? null) : null;
}

/**
 * 积分流水: the transfers of a month that concern a community — its fund and store, and donations to its
 * households — in the order they were made (the index on created_at), with each one's source.
 */
export async function communityLedger(call: Call, input: MonthListInput) {
  const db = call.deps.database.db;
  const allowed = await authorizeInCommunity(db, call.actor, "points.manage", input.communityId);
  if (!allowed.ok) return allowed;
  const after = afterTimeCursor(ledgerTransfers.createdAt, ledgerTransfers.id, input.cursor);
  if (!after.ok) return after;
  const limit = limitOf(input);
  const [start, end] = shanghaiMonthRange(input.month);
  const accounts = sql`(${`fund:${input.communityId}`}, ${`store:${input.communityId}`})`;
  const rows = await db
    .select()
    .from(ledgerTransfers)
    .where(
      and(
        gte(ledgerTransfers.createdAt, start),
        lt(ledgerTransfers.createdAt, end),
        after.where,
        // Unary + keeps the planner on the time index (the list's order) instead of a union of the account indexes.
        sql`(+${ledgerTransfers.debit} in ${accounts} or +${ledgerTransfers.credit} in ${accounts}
          or +${ledgerTransfers.id} in (select transfer_id from donations where community_id = ${input.communityId}))`,
      ),
    )
    .orderBy(asc(ledgerTransfers.createdAt), asc(ledgerTransfers.id))
    .limit(limit + 1);
  const page = timePage(
    rows,
    limit,
    (r) => r.createdAt,
    (r) => r.id,
  );
  const sources = await sourcesOf(
    db,
    page.items.map((t) => ({ ...t, transferId: t.id })),
    `fund:${input.communityId}`,
  );
  const nameOf = await accountNames(
    call,
    page.items.flatMap((t) => [t.debit, t.credit]),
  );
  const items = page.items.map((t) => ({
    id: t.id,
    at: toIso(t.createdAt),
    kind: transferKind({ cause: t.cause, debit: t.debit as AccountKey, credit: t.credit as AccountKey }),
    debit: t.debit,
    debitName: nameOf(t.debit),
    credit: t.credit,
    creditName: nameOf(t.credit),
    amount: t.amount,
    state: t.state,
    reason: t.reason,
    source: sources.get(t.id) ?? null,
  }));
  return ok({ items, nextCursor: page.nextCursor });
}

/** 兑换记录: a community's redemptions reserved in a month, in the order they were made (index on community, time). */
export async function communityRedemptions(call: Call, input: MonthListInput) {
  const db = call.deps.database.db;
  const allowed = await authorizeInCommunity(db, call.actor, "points.manage", input.communityId);
  if (!allowed.ok) return allowed;
  const after = afterTimeCursor(redemptions.reservedAt, redemptions.id, input.cursor);
  if (!after.ok) return after;
  const limit = limitOf(input);
  const [start, end] = shanghaiMonthRange(input.month);
  const rows = await db
    .select({ r: redemptions, item: storeItems.name })
    .from(redemptions)
    .innerJoin(storeItems, eq(storeItems.id, redemptions.itemId))
    .where(
      and(
        eq(redemptions.communityId, input.communityId),
        gte(redemptions.reservedAt, start),
        lt(redemptions.reservedAt, end),
        after.where,
      ),
    )
    .orderBy(asc(redemptions.reservedAt), asc(redemptions.id))
    .limit(limit + 1);
  const page = timePage(
    rows,
    limit,
    ({ r }) => r.reservedAt,
    ({ r }) => r.id,
  );
  const names = await peopleNames(
    db,
    page.items.map(({ r }) => r.userId),
    false,
  );
  const items = page.items.map(({ r, item }) => ({
    id: r.id,
    reservedAt: toIso(r.reservedAt),
    volunteer: names.get(r.userId) ?? null,
    item,
    quantity: r.quantity,
    points: r.points,
    status: r.status,
    settledAt: toIso(r.settledAt),
  }));
  return ok({ items, nextCursor: page.nextCursor });
}
