import { and, desc, eq, like, sql, sum } from "drizzle-orm";
import {
  checkEarningRules,
  maskName,
  ok,
  shanghaiMonth,
  summarise,
  type AccountKey,
  type EarningRules,
  must,
} from "@tongxin/core";
import type { Db } from "../../db/client";
import { donations, earningRules, earnings, households, ledgerTransfers, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { authorizeInCommunity } from "../scope";
import { toIso } from "../../time";
import { rulesOf } from "./earning";
import { communityTransfers } from "./statement";
import { balanceOf } from "./ledger";

const manager = (db: Db, call: Call, communityId: number) =>
  authorizeInCommunity(db, call.actor, "points.manage", communityId);

/** The community's points at a glance: fund, store, waiting earnings, issuances, the month's summary and donations. */
export async function communityPoints(call: Call, communityId: number, month: string | undefined) {
  const db = call.deps.database.db;
  const allowed = await manager(db, call, communityId);
  if (!allowed.ok) return allowed;
  const chosen = month ?? shanghaiMonth(call.deps.now());
  const [waiting] = await db
    .select({ count: sql<number>`count(*)`, points: sum(earnings.points) })
    .from(earnings)
    .where(and(eq(earnings.communityId, communityId), eq(earnings.status, "waiting")));
  const issuances = await db
    .select({
      id: ledgerTransfers.id,
      amount: ledgerTransfers.amount,
      reason: ledgerTransfers.reason,
      at: ledgerTransfers.createdAt,
      actor: users.name,
    })
    .from(ledgerTransfers)
    .leftJoin(users, eq(users.id, ledgerTransfers.actorUserId))
    .where(and(like(ledgerTransfers.debit, "issuance:%"), eq(ledgerTransfers.credit, `fund:${communityId}`)))
    .orderBy(desc(ledgerTransfers.id))
    .limit(50);
  const transfers = await communityTransfers(db, communityId, chosen);
  const gifts = await db
    .select({
      id: donations.id,
      amount: donations.amount,
      message: donations.message,
      at: donations.createdAt,
      from: users.name,
      household: households.name,
    })
    .from(donations)
    .innerJoin(users, eq(users.id, donations.fromUserId))
    .leftJoin(households, eq(households.id, donations.householdId))
    .where(eq(donations.communityId, communityId))
    .orderBy(desc(donations.id))
    .limit(20);
  return ok({
    month: chosen,
    fund: await balanceOf(db, `fund:${communityId}`),
    store: await balanceOf(db, `store:${communityId}`),
    waiting: { count: Number(waiting?.count ?? 0), points: Number(waiting?.points ?? 0) },
    issuances: issuances.map((i) => ({ ...i, at: toIso(i.at), actor: i.actor ?? "" })),
    summary: summarise(
      transfers.map((t) => ({
        debit: t.debit as AccountKey,
        credit: t.credit as AccountKey,
        amount: t.amount,
        state: t.state,
        cause: t.cause,
      })),
    ),
    donations: gifts.map((g) => ({ ...g, at: toIso(g.at), from: maskName(g.from), household: g.household })),
  });
}

export async function getEarningRules(call: Call, communityId: number) {
  const allowed = await manager(call.deps.database.db, call, communityId);
  return allowed.ok ? ok({ rules: await rulesOf(call.deps.database.db, communityId) }) : allowed;
}

/** Staff set the community's rules; they apply to what is confirmed from now on. Audited. */
export async function setEarningRules(call: Call, communityId: number, rules: EarningRules) {
  const now = call.deps.now();
  const db = call.deps.database.db;
  const allowed = await manager(db, call, communityId);
  if (!allowed.ok) return allowed;
  const checked = checkEarningRules(rules);
  if (!checked.ok) return checked;
  return db.transaction(async (tx) => {
    const before = await rulesOf(tx, communityId);
    const row = {
      pointsPerHour: rules.pointsPerHour,
      perRequest: JSON.stringify(rules.perRequest),
      requestDefault: rules.requestDefault,
      fiveStarBonus: rules.fiveStarBonus,
      dailyCap: rules.dailyCap,
      updatedBy: must(call.actor).userId,
      updatedAt: now,
    };
    await tx
      .insert(earningRules)
      .values({ communityId, ...row })
      .onConflictDoUpdate({ target: earningRules.communityId, set: row });
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "points.rules",
        entity: "community",
        entityId: communityId,
        scope: allowed.scope,
        before,
        after: rules,
      },
      { requestId: call.requestId, now },
    );
    return ok({ rules });
  });
}
