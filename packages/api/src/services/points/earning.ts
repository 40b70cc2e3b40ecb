import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import {
  DEFAULT_EARNING_RULES,
  earningState,
  planRecovery,
  planReversal,
  type AccountKey,
  type Earning,
  type EarningRules,
  must,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { earningRules, earnings, roleGrants } from "../../db/schema";
import { notify } from "../notify";
import { applyTransfer, availableOf } from "./ledger";

const fund = (communityId: number): AccountKey => `fund:${communityId}`;
const wallet = (userId: number): AccountKey => `volunteer:${userId}`;

/** The community's rules, or the defaults when its staff have not set any. */
export async function rulesOf(db: Db | Tx, communityId: number): Promise<EarningRules> {
  const [row] = await db.select().from(earningRules).where(eq(earningRules.communityId, communityId));
  if (!row) return DEFAULT_EARNING_RULES;
  return {
    pointsPerHour: row.pointsPerHour,
    perRequest: JSON.parse(row.perRequest) as EarningRules["perRequest"],
    requestDefault: row.requestDefault,
    fiveStarBonus: row.fiveStarBonus,
    dailyCap: row.dailyCap,
  };
}

async function pay(tx: Tx, earning: { id: number; communityId: number; userId: number; points: number }, now: number) {
  const paid = await applyTransfer(
    tx,
    {
      debit: fund(earning.communityId),
      credit: wallet(earning.userId),
      amount: earning.points,
      reason: "志愿积分",
      cause: `earning:${earning.id}`,
      idempotencyKey: `earning:${earning.id}`,
      pending: false,
    },
    null,
    now,
  );
  if (!paid.ok) throw new Error(`earning ${earning.id} could not be paid: ${paid.reason}`); // the fund was checked in this transaction
  await tx.update(earnings).set({ status: "paid", settledAt: now }).where(eq(earnings.id, earning.id));
  await recoverOwed(tx, earning.userId, now);
}

/** What voided hours left owing comes out of the volunteer's balance as soon as there is some. */
async function recoverOwed(tx: Tx, userId: number, now: number) {
  const owing = await tx
    .select()
    .from(earnings)
    .where(and(eq(earnings.userId, userId), gt(earnings.owedPoints, 0)))
    .orderBy(asc(earnings.id));
  for (const earning of owing) {
    const amount = planRecovery(earning.owedPoints, await availableOf(tx, wallet(userId)));
    if (amount === 0) return;
    const key = `earning:${earning.id}:recover:${earning.owedPoints}`;
    await applyTransfer(
      tx,
      {
        debit: wallet(userId),
        credit: fund(earning.communityId),
        amount,
        reason: "撤销时长积分（补扣）",
        cause: `earning:${earning.id}`,
        idempotencyKey: key,
        pending: false,
      },
      null,
      now,
    );
    await tx
      .update(earnings)
      .set({ owedPoints: earning.owedPoints - amount })
      .where(eq(earnings.id, earning.id));
  }
}

/** Staff of the community hear once, when the first earning starts waiting on an empty fund. */
async function warnStaff(tx: Tx, communityId: number, points: number, now: number) {
  const staff = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.role, "communityStaff"),
        eq(roleGrants.scopeKind, "community"),
        eq(roleGrants.scopeId, communityId),
        isNull(roleGrants.revokedAt),
      ),
    );
  await notify(
    tx,
    staff.map((s) => s.userId),
    "points_fund_empty",
    { communityId, points, path: `/admin/points?community=${communityId}` },
    now,
  );
}

export type EarnInput = {
  communityId: number;
  userId: number;
  cause: string;
  earnedOn: string;
  compute: (earnedToday: number) => Earning;
};

/** Records what a volunteer earned and pays it from the fund, or lets it wait for the fund. Once per cause. */
export async function earn(tx: Tx, input: EarnInput, now: number) {
  const [already] = await tx.select({ id: earnings.id }).from(earnings).where(eq(earnings.cause, input.cause));
  if (already) return null;
  const [today] = await tx
    .select({ n: sql<number>`coalesce(sum(${earnings.points}), 0)` })
    .from(earnings)
    .where(
      and(
        eq(earnings.userId, input.userId),
        eq(earnings.earnedOn, input.earnedOn),
        inArray(earnings.status, ["waiting", "paid"]),
      ),
    );
  const earning = input.compute(Number(today?.n ?? 0));
  if (earning.points === 0) return { points: 0, status: "capped" as const };
  const [waitingBefore] = await tx
    .select({ id: earnings.id })
    .from(earnings)
    .where(and(eq(earnings.communityId, input.communityId), eq(earnings.status, "waiting")))
    .limit(1);
  // Earlier waiting earnings are paid first: a new one waits behind them.
  const status = waitingBefore
    ? "waiting"
    : earningState(earning.points, await availableOf(tx, fund(input.communityId)));
  const [row] = await tx
    .insert(earnings)
    .values({
      communityId: input.communityId,
      userId: input.userId,
      cause: input.cause,
      earnedOn: input.earnedOn,
      points: earning.points,
      status: "waiting",
      createdAt: now,
    })
    .returning();
  if (status === "paid") await pay(tx, must(row), now);
  else if (!waitingBefore) await warnStaff(tx, input.communityId, earning.points, now);
  return { points: earning.points, status };
}

/**
 * Voided hours take their points back: a waiting earning is cancelled; a paid
 * one is reversed as far as the balance allows, the rest owed (decision 0006).
 */
export async function reverseEarning(tx: Tx, cause: string, now: number) {
  const [earning] = await tx.select().from(earnings).where(eq(earnings.cause, cause));
  if (!earning || earning.status === "reversed" || earning.status === "cancelled") return;
  if (earning.status === "waiting") {
    await tx.update(earnings).set({ status: "cancelled", settledAt: now }).where(eq(earnings.id, earning.id));
    return;
  }
  const plan = planReversal(earning.points, await availableOf(tx, wallet(earning.userId)));
  if (plan.reversed > 0) {
    await applyTransfer(
      tx,
      {
        debit: wallet(earning.userId),
        credit: fund(earning.communityId),
        amount: plan.reversed,
        reason: "撤销时长积分",
        cause: `earning:${earning.id}`,
        idempotencyKey: `earning:${earning.id}:reverse`,
        pending: false,
      },
      null,
      now,
    );
  }
  await tx
    .update(earnings)
    .set({ status: "reversed", owedPoints: plan.owed, settledAt: now })
    .where(eq(earnings.id, earning.id));
}

// Waiting earnings are read a page at a time: an empty fund may have months of them behind it.
const WAITING_PAGE_ROWS = 100;

/** After the fund is topped up: waiting earnings are paid in the order they were earned, while the fund covers them. */
export async function payWaiting(
  tx: Tx,
  communityId: number,
  now: number,
  pageRows = WAITING_PAGE_ROWS,
): Promise<number> {
  let paid = 0;
  for (;;) {
    // Each one paid leaves "waiting", so the next page starts where this one stopped.
    const waiting = await tx
      .select()
      .from(earnings)
      .where(and(eq(earnings.communityId, communityId), eq(earnings.status, "waiting")))
      .orderBy(asc(earnings.id))
      .limit(pageRows);
    for (const earning of waiting) {
      if (earningState(earning.points, await availableOf(tx, fund(communityId))) === "waiting") return paid;
      await pay(tx, earning, now);
      paid += 1;
    }
    if (waiting.length < pageRows) return paid;
  }
}
