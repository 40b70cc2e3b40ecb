import { and, asc, eq, gt, lte, sql, sum } from "drizzle-orm";
import { authorize, cacheDiscrepancies, fail, kindOf, ok, type AccountKey } from "@tongxin/core";
import type { Database, Db } from "../../db/client";
import { ledgerBalances, ledgerEntries, ledgerTransfers } from "../../db/schema";
import type { Call } from "../call";
import { GENESIS, entryHash } from "./seal";

/** Entries per read of the chain walk, and accounts per read of the balance check: each read holds the database for milliseconds. */
const ENTRIES_PER_CHUNK = 2_000;
const ACCOUNTS_PER_CHUNK = 500;

type EntryRow = typeof ledgerEntries.$inferSelect;
type Walk = {
  entries: number;
  sum: number;
  head: string;
  unsealed: number;
  chainBreaks: number[];
  open: Map<number, { count: number; sum: number }>;
  unbalanced: number[];
};

/** Folds one chunk of entries (in id order) into the walk: the running sum, the hash chain, and the transfers still missing an entry. */
function walkChunk(walk: Walk, rows: EntryRow[]): void {
  for (const r of rows) {
    const account = r.account as AccountKey;
    // A GET writes nothing: entries the sealing job has not reached yet are unsealed; a sealed entry after one is a break.
    if (r.hash === null) walk.unsealed += 1;
    else if (
      walk.unsealed > 0 ||
      r.prevHash !== walk.head ||
      entryHash(walk.head, { transferId: r.transferId, account, amount: r.amount, createdAt: r.createdAt }) !== r.hash
    )
      walk.chainBreaks.push(r.id);
    walk.head = r.hash ?? walk.head;
    walk.entries += 1;
    walk.sum += r.amount;
    // A transfer leaves the open set once its two entries sum to zero; what stays open at the end is unbalanced.
    const t = walk.open.get(r.transferId) ?? { count: 0, sum: 0 };
    t.count += 1;
    t.sum += r.amount;
    if (t.count === 2 && t.sum === 0) walk.open.delete(r.transferId);
    else walk.open.set(r.transferId, t);
  }
}

/** Walks the entries up to `lastId` in id ranges. */
async function walkEntries(db: Db, lastId: number): Promise<Walk> {
  const walk: Walk = {
    entries: 0,
    sum: 0,
    head: GENESIS,
    unsealed: 0,
    chainBreaks: [],
    open: new Map(),
    unbalanced: [],
  };
  for (let after = 0; after < lastId; ) {
    const rows = await db
      .select()
      .from(ledgerEntries)
      .where(and(gt(ledgerEntries.id, after), lte(ledgerEntries.id, lastId)))
      .orderBy(asc(ledgerEntries.id))
      .limit(ENTRIES_PER_CHUNK);
    const last = rows[rows.length - 1];
    if (!last) break;
    walkChunk(walk, rows);
    after = last.id;
  }
  walk.unbalanced = [...walk.open.keys()];
  return walk;
}

/**
 * One range of accounts in one read transaction (one snapshot, on a reader connection beside the writer):
 * the balances recomputed from entries and reservations, and the cache beside them.
 */
function accountChunk(database: Database, after: string) {
  return database.read(async (tx) => {
    const cached = await tx
      .select()
      .from(ledgerBalances)
      .where(gt(ledgerBalances.account, after))
      .orderBy(asc(ledgerBalances.account))
      .limit(ACCOUNTS_PER_CHUNK);
    const last = cached[cached.length - 1]?.account;
    // The last chunk runs to the end, so an account with entries but no cached row is seen too.
    const inRange = (column: typeof ledgerEntries.account | typeof ledgerTransfers.debit) =>
      and(gt(column, after), last === undefined ? undefined : lte(column, last));
    const posted = await tx
      .select({ account: ledgerEntries.account, n: sum(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(inRange(ledgerEntries.account))
      .groupBy(ledgerEntries.account);
    const held = await tx
      .select({ account: ledgerTransfers.debit, n: sum(ledgerTransfers.amount) })
      .from(ledgerTransfers)
      .where(and(inRange(ledgerTransfers.debit), eq(ledgerTransfers.state, "pending")))
      .groupBy(ledgerTransfers.debit);
    const toMap = (rows: { account: string; n: string | null }[]) =>
      new Map(rows.map((r) => [r.account as AccountKey, Number(r.n ?? 0)]));
    return {
      cached: cached.map((c) => ({ ...c, account: c.account as AccountKey })),
      posted: toMap(posted),
      held: toMap(held),
      last,
    };
  });
}

/** Compares the balances with the cache, a range of accounts at a time. */
async function checkBalances(database: Database) {
  const negative: AccountKey[] = [];
  const cacheMismatches: AccountKey[] = [];
  for (let after = ""; ; ) {
    const chunk = await accountChunk(database, after);
    negative.push(
      ...[...chunk.posted]
        .filter(([account, balance]) => balance < 0 && kindOf(account) !== "issuance")
        .map(([account]) => account)
        .sort(),
    );
    cacheMismatches.push(...cacheDiscrepancies(chunk.posted, chunk.held, chunk.cached));
    if (chunk.last === undefined) return { negative, cacheMismatches };
    after = chunk.last;
  }
}

/**
 * Recomputes every balance from the entries and walks the hash chain: the
 * figures, and any discrepancy. It streams: entries in id ranges, balances in
 * account ranges, each range its own short read, so memory stays flat in the
 * ledger's size and writers wait at most one read.
 */
export async function verifyLedger(call: Call) {
  const db = call.deps.database.db;
  const allowed = call.actor?.grants.some(
    (g) =>
      authorize(
        call.actor,
        "points.verify",
        g.scopeKind === "street" ? { streetId: g.scopeId } : { streetId: 0, communityId: g.scopeId },
      ).ok,
  );
  if (!call.actor) return fail("unauthenticated");
  if (!allowed) return fail("forbidden");
  const [bounds] = await db
    .select({
      lastId: sql<number | null>`max(${ledgerEntries.id})`,
      transfers: sql<number>`(select count(*) from ${ledgerTransfers})`,
    })
    .from(ledgerEntries);
  const walk = await walkEntries(db, Number(bounds?.lastId ?? 0));
  const { negative, cacheMismatches } = await checkBalances(call.deps.database);
  const sound =
    walk.sum === 0 &&
    negative.length === 0 &&
    walk.unbalanced.length === 0 &&
    walk.chainBreaks.length === 0 &&
    cacheMismatches.length === 0;
  return ok({
    entries: walk.entries,
    transfers: Number(bounds?.transfers ?? 0),
    sum: walk.sum,
    negative,
    unbalanced: walk.unbalanced,
    chainBreaks: walk.chainBreaks,
    cacheMismatches,
    head: walk.head,
    unsealed: walk.unsealed,
    sound,
  });
}
