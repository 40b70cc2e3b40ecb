import { and, eq, sql } from "drizzle-orm";
import { decidePickup, fail, isDue, ok, phoneTail, publicName, must } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { ledgerTransfers, redemptions, storeItems, users } from "../../db/schema";
import type { Call } from "../call";
import { authorizeInCommunity } from "../scope";
import { writeAudit } from "../audit";
import { settleTransfer } from "../points/ledger";
import { toIso } from "../../time";
import { recordAccess } from "../access-log/record";

async function byCode(db: Db | Tx, communityId: number, code: string) {
  const [row] = await db
    .select({ redemption: redemptions, item: storeItems.name, name: users.name, phone: users.phone })
    .from(redemptions)
    .innerJoin(storeItems, eq(storeItems.id, redemptions.itemId))
    .innerJoin(users, eq(users.id, redemptions.userId))
    .where(and(eq(redemptions.communityId, communityId), eq(redemptions.code, code)))
    .orderBy(sql`${redemptions.status} = 'reserved' desc`, sql`${redemptions.id} desc`)
    .limit(1);
  return row;
}

type Found = NonNullable<Awaited<ReturnType<typeof byCode>>>;
// Staff at the desk are entrusted (store.operate, in scope): they see the full name to check who collects.
const view = (f: Found, now: number) => ({
  redemptionId: f.redemption.id,
  item: f.item,
  quantity: f.redemption.quantity,
  points: f.redemption.points,
  holder: publicName(f.name, null, true),
  status: isDue(f.redemption, now) ? ("expired" as const) : f.redemption.status,
  reservedAt: toIso(f.redemption.reservedAt),
  expiresAt: toIso(f.redemption.expiresAt),
});

/**
 * What a pickup code stands for, before the goods are handed over, with the
 * collector's name and the last four digits of their phone (a phone read: logged).
 */
export async function lookupPickup(call: Call, communityId: number, code: string) {
  const db = call.deps.database.db;
  const desk = await authorizeInCommunity(db, call.actor, "store.operate", communityId);
  if (!desk.ok) return desk;
  const found = await byCode(db, communityId, code);
  if (!found) return fail("not_found");
  await recordAccess(
    db,
    {
      communityId,
      actorUserId: must(call.actor).userId,
      subjectUserId: found.redemption.userId,
      fields: "phone",
      entity: "store",
      entityId: found.redemption.id,
    },
    call.deps.now(),
  );
  return ok({ ...view(found, call.deps.now()), phoneTail: phoneTail(found.phone) });
}

/** Handing over: the reservation is posted (the points go to the store) once, and only before it expires. Audited. */
export async function handOver(call: Call, communityId: number, code: string) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const desk = await authorizeInCommunity(tx, call.actor, "store.operate", communityId);
    if (!desk.ok) return desk;
    const found = await byCode(tx, communityId, code);
    if (!found) return fail("not_found");
    const decided = decidePickup(found.redemption, now);
    if (!decided.ok) return decided;
    const [transfer] = await tx
      .select({ id: ledgerTransfers.id })
      .from(ledgerTransfers)
      .where(eq(ledgerTransfers.idempotencyKey, `redemption:${found.redemption.id}`));
    const settled = await settleTransfer(tx, must(transfer).id, "posted", now);
    if (!settled.ok) return settled;
    await tx
      .update(redemptions)
      .set({ status: "collected", settledAt: now, settledBy: must(call.actor).userId })
      .where(eq(redemptions.id, found.redemption.id));
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "store.handOver",
        entity: "redemption",
        entityId: found.redemption.id,
        scope: desk.scope,
        before: { status: "reserved" },
        after: { status: "collected", item: found.item, quantity: found.redemption.quantity },
      },
      { requestId: call.requestId, now },
    );
    return ok(view({ ...found, redemption: { ...found.redemption, status: "collected" } }, now));
  });
}
