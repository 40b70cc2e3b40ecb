import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, like, sql } from "drizzle-orm";
import { authorize, cacheDiscrepancies, fail, ok, verify, type AccountKey, must } from "@tongxin/core";
import { communities, ledgerBalances, ledgerEntries, ledgerTransfers } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { communityScope } from "../scope";
import { toIso } from "../../time";
import { applyTransfer, availableOf } from "./ledger";
import { GENESIS, entryHash, sealChain } from "./seal";
import { payWaiting } from "./earning";

/** Points enter only here: the street's issuance account funds a community, with a reason. Audited. */
export async function issuePoints(call: Call, input: { communityId: number; amount: number; reason: string; idempotencyKey?: string | undefined }) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const scope = await communityScope(tx, input.communityId);
    if (!scope) return fail("not_found");
    const allowed = authorize(call.actor, "points.issue", { streetId: scope.streetId });
    if (!allowed.ok) return allowed;
    const transfer = { debit: `issuance:${scope.streetId}` as AccountKey, credit: `fund:${input.communityId}` as AccountKey, amount: input.amount, reason: input.reason, cause: null, idempotencyKey: input.idempotencyKey ?? randomUUID(), pending: false };
    const result = await applyTransfer(tx, transfer, must(call.actor).userId, now);
    if (!result.ok) return result;
    if (!result.replayed) await payWaiting(tx, input.communityId, now);
    if (!result.replayed) await writeAudit(tx, { actorUserId: must(call.actor).userId, action: "points.issue", entity: "transfer", entityId: result.transferId, scope, after: { amount: input.amount, reason: input.reason } }, { requestId: call.requestId, now });
    return ok({ transferId: result.transferId, replayed: result.replayed, fundBalance: await availableOf(tx, transfer.credit) });
  });
}

/** Recomputes every balance from the entries and walks the hash chain: the figures, and any discrepancy. */
export async function verifyLedger(call: Call) {
  const db = call.deps.database.db;
  const allowed = call.actor?.grants.some((g) => authorize(call.actor, "points.verify", g.scopeKind === "street" ? { streetId: g.scopeId } : { streetId: 0, communityId: g.scopeId }).ok);
  if (!call.actor) return fail("unauthenticated");
  if (!allowed) return fail("forbidden");
  await sealChain(call.deps.database.client);
  const rows = await db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.id));
  const report = verify(rows.map((r) => ({ transferId: r.transferId, account: r.account as AccountKey, amount: r.amount })));
  const chainBreaks: number[] = [];
  let prev = GENESIS;
  for (const r of rows) {
    if (r.prevHash !== prev || entryHash(prev, { transferId: r.transferId, account: r.account as AccountKey, amount: r.amount, createdAt: r.createdAt }) !== r.hash) chainBreaks.push(r.id);
    prev = r.hash ?? prev;
  }
  const [transfers] = await db.select({ n: sql<number>`count(*)` }).from(ledgerTransfers);
  const held = await db.select({ account: ledgerTransfers.debit, n: sql<number>`sum(${ledgerTransfers.amount})` }).from(ledgerTransfers).where(eq(ledgerTransfers.state, "pending")).groupBy(ledgerTransfers.debit);
  const cached = await db.select().from(ledgerBalances);
  const cacheMismatches = cacheDiscrepancies(report.balances, new Map(held.map((h) => [h.account as AccountKey, Number(h.n)])), cached.map((c) => ({ ...c, account: c.account as AccountKey })));
  const sound = report.sum === 0 && report.negative.length === 0 && report.unbalanced.length === 0 && chainBreaks.length === 0 && cacheMismatches.length === 0;
  return ok({ entries: report.entries, transfers: Number(transfers?.n ?? 0), sum: report.sum, negative: report.negative, unbalanced: report.unbalanced, chainBreaks, cacheMismatches, head: prev, sound });
}

/** Public: the chain head, the number of entries and the points issued to each community. */
export async function publicChain({ deps }: Call) {
  const db = deps.database.db;
  await sealChain(deps.database.client);
  const [last] = await db.select({ hash: ledgerEntries.hash, id: ledgerEntries.id }).from(ledgerEntries).orderBy(desc(ledgerEntries.id)).limit(1);
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(ledgerEntries);
  const issued = await db
    .select({ credit: ledgerTransfers.credit, total: sql<number>`sum(${ledgerTransfers.amount})` })
    .from(ledgerTransfers)
    .where(and(like(ledgerTransfers.debit, "issuance:%"), like(ledgerTransfers.credit, "fund:%"), eq(ledgerTransfers.state, "posted")))
    .groupBy(ledgerTransfers.credit);
  const names = await db.select({ id: communities.id, name: communities.name }).from(communities);
  return ok({
    head: last?.hash ?? GENESIS,
    entries: Number(count?.n ?? 0),
    supply: issued.map((i) => {
      const communityId = Number(i.credit.split(":")[1]);
      return { communityId, community: names.find((n) => n.id === communityId)?.name ?? "", issued: Number(i.total) };
    }),
    at: toIso(deps.now()),
  });
}
