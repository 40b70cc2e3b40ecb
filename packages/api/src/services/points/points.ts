import { randomUUID } from "node:crypto";
import { and, eq, isNull, like, sql } from "drizzle-orm";
import { authorize, fail, ok, type AccountKey, must } from "@tongxin/core";
import { communities, ledgerEntries, ledgerTransfers } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { communityScope } from "../scope";
import { toIso } from "../../time";
import { startsWith } from "../text-search";
import { applyTransfer, availableOf } from "./ledger";
import { GENESIS } from "./seal";
import { payWaiting } from "./earning";

/** Points enter only here: the street's issuance account funds a community, with a reason. Audited. */
export async function issuePoints(
  call: Call,
  input: { communityId: number; amount: number; reason: string; idempotencyKey?: string | undefined },
) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const scope = await communityScope(tx, input.communityId);
    if (!scope) return fail("not_found");
    const allowed = authorize(call.actor, "points.issue", { streetId: scope.streetId });
    if (!allowed.ok) return allowed;
    const transfer = {
      debit: `issuance:${scope.streetId}` as AccountKey,
      credit: `fund:${input.communityId}` as AccountKey,
      amount: input.amount,
      reason: input.reason,
      cause: null,
      idempotencyKey: input.idempotencyKey ?? randomUUID(),
      pending: false,
    };
    const result = await applyTransfer(tx, transfer, must(call.actor).userId, now);
    if (!result.ok) return result;
    if (!result.replayed) await payWaiting(tx, input.communityId, now);
    if (!result.replayed)
      await writeAudit(
        tx,
        {
          actorUserId: must(call.actor).userId,
          action: "points.issue",
          entity: "transfer",
          entityId: result.transferId,
          scope,
          after: { amount: input.amount, reason: input.reason },
        },
        { requestId: call.requestId, now },
      );
    return ok({
      transferId: result.transferId,
      replayed: result.replayed,
      fundBalance: await availableOf(tx, transfer.credit),
    });
  });
}

/**
 * Public: the sealed chain head, the number of entries and the points issued
 * to each community. Reads only: the sealing job chains new entries within
 * seconds; until then they are counted as unsealed, with the age of the oldest.
 */
export async function publicChain({ deps }: Call) {
  const db = deps.database.db;
  // Entries are never updated or deleted (triggers) and ids are handed out one past the largest, so the largest id
  // is the count; the sealer chains them in id order, so the sealed head sits just before the first unsealed entry.
  const [count] = await db.select({ n: sql<number>`coalesce(max(${ledgerEntries.id}), 0)` }).from(ledgerEntries);
  const [tail] = await db
    .select({
      first: sql<number | null>`min(${ledgerEntries.id})`,
      n: sql<number>`count(*)`,
      oldest: sql<number | null>`min(${ledgerEntries.createdAt})`,
    })
    .from(ledgerEntries)
    .where(isNull(ledgerEntries.hash));
  const headId = tail?.first == null ? Number(count?.n ?? 0) : Number(tail.first) - 1;
  const [sealed] = await db
    .select({ hash: ledgerEntries.hash })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.id, headId));
  const issued = await db
    .select({ credit: ledgerTransfers.credit, total: sql<number>`sum(${ledgerTransfers.amount})` })
    .from(ledgerTransfers)
    .where(
      and(
        // A range on (debit, state): issuance is a handful of transfers among millions.
        startsWith(ledgerTransfers.debit, "issuance:"),
        like(ledgerTransfers.credit, "fund:%"),
        eq(ledgerTransfers.state, "posted"),
      ),
    )
    .groupBy(ledgerTransfers.credit);
  const names = await db.select({ id: communities.id, name: communities.name }).from(communities);
  return ok({
    head: sealed?.hash ?? GENESIS,
    entries: Number(count?.n ?? 0),
    unsealed: Number(tail?.n ?? 0),
    behindMs: tail?.oldest == null ? 0 : Math.max(0, deps.now() - Number(tail.oldest)),
    supply: issued.map((i) => {
      const communityId = Number(i.credit.split(":")[1]);
      return { communityId, community: names.find((n) => n.id === communityId)?.name ?? "", issued: Number(i.total) };
    }),
    at: toIso(deps.now()),
  });
}
