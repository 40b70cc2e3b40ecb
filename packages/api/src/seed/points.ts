import { and, asc, eq, like } from "drizzle-orm";
import {
  DEFAULT_EARNING_RULES,
  earnForHours,
  earnForRequest,
  reservationExpiresAt,
  shanghaiDate,
  type AccountKey,
  type RequestCategory,
  must,
} from "@tongxin/core";
import type { Tx } from "../db/client";
import {
  activities,
  communities,
  donations,
  redemptions,
  requestHolds,
  requests,
  serviceHours,
  storeItems,
  users,
} from "../db/schema";
import { applyTransfer, settleTransfer } from "../services/points/ledger";
import { earn } from "../services/points/earning";

const DAY_MS = 86_400_000;
const YEARLY_ISSUE = 20_000;

const ITEMS = [
  { name: "东北大米 5kg", description: "当季新米，一袋 5 公斤", pointsPrice: 200, stock: 12, monthlyLimit: 1 },
  { name: "花生油 1.8L", description: "压榨一级", pointsPrice: 150, stock: 10, monthlyLimit: 1 },
  { name: "洗衣液 2kg", description: "", pointsPrice: 80, stock: 20, monthlyLimit: 2 },
  { name: "纯棉毛巾", description: "两条装", pointsPrice: 30, stock: 40, monthlyLimit: null },
  { name: "牙膏", description: "120g", pointsPrice: 25, stock: 3, monthlyLimit: null },
  { name: "爱心义剪券", description: "社区理发室周三上午使用", pointsPrice: 20, stock: 30, monthlyLimit: 2 },
  { name: "土鸡蛋 一盒", description: "15 枚", pointsPrice: 60, stock: 2, monthlyLimit: 1 },
  { name: "保温杯", description: "已下架，等待补货", pointsPrice: 120, stock: 0, monthlyLimit: null, active: false },
  // On sale but sold out: the store desk's warning (预警) shows on a fresh start.
  { name: "老花镜", description: "已兑完，等待补货", pointsPrice: 40, stock: 0, monthlyLimit: null },
];

/** A redemption straight into a given state: reserved, handed over, or expired (points released, goods back). */
async function seedRedemption(
  tx: Tx,
  item: { id: number; communityId: number; pointsPrice: number; name: string },
  userId: number,
  state: "reserved" | "collected" | "expired",
  at: number,
  code: string,
  staffId: number,
) {
  const expiresAt = reservationExpiresAt(at);
  const [row] = await tx
    .insert(redemptions)
    .values({
      itemId: item.id,
      communityId: item.communityId,
      userId,
      quantity: 1,
      points: item.pointsPrice,
      code,
      status: "reserved",
      idempotencyKey: `demo-${code}`,
      reservedAt: at,
      expiresAt,
    })
    .returning({ id: redemptions.id });
  const reserved = await applyTransfer(
    tx,
    {
      debit: `volunteer:${userId}`,
      credit: `store:${item.communityId}`,
      amount: item.pointsPrice,
      reason: `爱心超市兑换：${item.name} × 1`,
      cause: `redemption:${must(row).id}`,
      idempotencyKey: `redemption:${must(row).id}`,
      pending: true,
    },
    userId,
    at,
  );
  if (!reserved.ok) return;
  if (state === "reserved") return;
  const settledAt = state === "collected" ? at + DAY_MS : expiresAt;
  await settleTransfer(tx, reserved.transferId, state === "collected" ? "posted" : "voided", settledAt);
  await tx
    .update(redemptions)
    .set({ status: state, settledAt, settledBy: state === "collected" ? staffId : null })
    .where(eq(redemptions.id, must(row).id));
}

/**
 * Issued funds, the points earned by the demo hours and confirmed requests
 * (at the default rules), a store per community, redemptions in each state
 * and a donation: the ledger as it would look after a year of use.
 */
export async function seedPoints(tx: Tx, now: number): Promise<void> {
  const yearStart = now - 300 * DAY_MS;
  for (const c of await tx.select({ id: communities.id, streetId: communities.streetId }).from(communities)) {
    await applyTransfer(
      tx,
      {
        debit: `issuance:${c.streetId}`,
        credit: `fund:${c.id}`,
        amount: YEARLY_ISSUE,
        reason: "年度志愿积分发行",
        cause: null,
        idempotencyKey: `demo-issue-${c.id}`,
        pending: false,
      },
      null,
      yearStart,
    );
  }
  const hours = await tx
    .select({
      id: serviceHours.id,
      userId: serviceHours.userId,
      minutes: serviceHours.minutes,
      serviceDate: serviceHours.serviceDate,
      at: serviceHours.confirmedAt,
      communityId: activities.communityId,
    })
    .from(serviceHours)
    .innerJoin(activities, eq(activities.id, serviceHours.activityId))
    .orderBy(asc(serviceHours.confirmedAt));
  for (const h of hours)
    await earn(
      tx,
      {
        communityId: h.communityId,
        userId: h.userId,
        cause: `hours:${h.id}`,
        earnedOn: h.serviceDate,
        compute: (today) => earnForHours(h.minutes, DEFAULT_EARNING_RULES, today),
      },
      h.at,
    );
  const served = await tx
    .select({
      id: requests.id,
      communityId: requests.communityId,
      category: requests.category,
      rating: requests.rating,
      closedAt: requests.closedAt,
      holderKey: requestHolds.holderKey,
    })
    .from(requests)
    .innerJoin(
      requestHolds,
      and(
        eq(requestHolds.requestId, requests.id),
        eq(requestHolds.endReason, "confirm"),
        like(requestHolds.holderKey, "volunteer:%"),
      ),
    )
    .where(eq(requests.closure, "confirmed"));
  for (const r of served) {
    const compute = (today: number) =>
      earnForRequest(r.category as RequestCategory, r.rating ?? 0, DEFAULT_EARNING_RULES, today);
    await earn(
      tx,
      {
        communityId: r.communityId,
        userId: Number(r.holderKey.split(":")[1]),
        cause: `request:${r.id}`,
        earnedOn: shanghaiDate(r.closedAt ?? now),
        compute,
      },
      r.closedAt ?? now,
    );
  }
  await seedStores(tx, now);
}

async function seedStores(tx: Tx, now: number) {
  const [volunteer] = await tx
    .select({ id: users.id, householdId: users.householdId, communityId: users.communityId })
    .from(users)
    .where(eq(users.phone, "13800000006"));
  const [staff] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, "13800000002"));
  const [resident] = await tx
    .select({ householdId: users.householdId })
    .from(users)
    .where(eq(users.phone, "13800000007"));
  for (const c of await tx.select({ id: communities.id }).from(communities)) {
    const items = await tx
      .insert(storeItems)
      .values(
        ITEMS.map((i) => ({ ...i, communityId: c.id, createdAt: now - 200 * DAY_MS, updatedAt: now - 200 * DAY_MS })),
      )
      .returning();
    if (c.id !== volunteer?.communityId || !staff) continue;
    // The demo volunteer's own history at the store: handed over, expired, and one waiting to be collected.
    const [rice, , , towel, , haircut] = items;
    await seedRedemption(tx, must(towel), volunteer.id, "collected", now - 40 * DAY_MS, "20260001", staff.id);
    await seedRedemption(tx, must(rice), volunteer.id, "expired", now - 30 * DAY_MS, "20260002", staff.id);
    await seedRedemption(tx, must(haircut), volunteer.id, "reserved", now - 2 * DAY_MS, "20260003", staff.id);
    await tx
      .update(storeItems)
      .set({ stock: must(haircut).stock - 1 })
      .where(eq(storeItems.id, must(haircut).id));
    if (resident?.householdId) {
      const from: AccountKey = `volunteer:${volunteer.id}`;
      const gift = await applyTransfer(
        tx,
        {
          debit: from,
          credit: `household:${resident.householdId}`,
          amount: 50,
          reason: "祝郑阿姨身体健康",
          cause: "donation",
          idempotencyKey: "demo-donation-1",
          pending: false,
        },
        volunteer.id,
        now - 10 * DAY_MS,
      );
      if (gift.ok)
        await tx.insert(donations).values({
          transferId: gift.transferId,
          fromUserId: volunteer.id,
          communityId: c.id,
          householdId: resident.householdId,
          amount: 50,
          message: "祝郑阿姨身体健康",
          createdAt: now - 10 * DAY_MS,
        });
    }
  }
}
