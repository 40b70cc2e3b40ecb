import { and, asc, eq, sql } from "drizzle-orm";
import { affordableFirst, authorize, checkItem, fail, ok, type ItemInput, isLowStock, must } from "@tongxin/core";
import { storeItems, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { authorizeInCommunity, communityScope } from "../scope";
import { availableOf } from "../points/ledger";
import { markWarningsStale } from "../warning/refresh";

type ItemRow = typeof storeItems.$inferSelect;
const view = (i: ItemRow) => ({
  id: i.id,
  communityId: i.communityId,
  name: i.name,
  description: i.description,
  pointsPrice: i.pointsPrice,
  stock: i.stock,
  monthlyLimit: i.monthlyLimit,
  active: i.active,
  photo: i.photo,
  lowStock: isLowStock(i),
  version: i.version,
});

/**
 * A community's store. Residents of the community see what is offered, what
 * they can afford first; store staff also see withdrawn items and low stock.
 */
export async function listItems(call: Call, communityId: number) {
  const db = call.deps.database.db;
  if (!call.actor) return fail("unauthenticated");
  const scope = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  const staff = authorize(call.actor, "store.operate", scope).ok;
  const [me] = await db.select({ communityId: users.communityId }).from(users).where(eq(users.id, call.actor.userId));
  if (!staff && me?.communityId !== communityId) return fail("not_in_community");
  const rows = await db
    .select()
    .from(storeItems)
    .where(
      staff
        ? eq(storeItems.communityId, communityId)
        : and(eq(storeItems.communityId, communityId), eq(storeItems.active, true)),
    )
    .orderBy(asc(storeItems.id));
  const available = await availableOf(db, `volunteer:${call.actor.userId}`);
  return ok({ available, staff, items: affordableFirst(rows.map(view), available) });
}

export async function createItem(
  call: Call,
  communityId: number,
  input: ItemInput & { photo?: string | null | undefined },
) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const desk = await authorizeInCommunity(tx, call.actor, "store.operate", communityId);
    if (!desk.ok) return desk;
    const checked = checkItem(input);
    if (!checked.ok) return checked;
    const [row] = await tx
      .insert(storeItems)
      .values({ communityId, ...checked.item, photo: input.photo ?? null, createdAt: now, updatedAt: now })
      .returning();
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "store.item.create",
        entity: "storeItem",
        entityId: must(row).id,
        scope: desk.scope,
        after: { ...checked.item },
      },
      { requestId: call.requestId, now },
    );
    return ok(view(must(row)));
  });
}

export type ItemChange = Partial<ItemInput & { active: boolean; photo: string | null }> & {
  addStock?: number | undefined;
  version: number;
};

/**
 * Edits an item. Stock moves by a delta (a delivery +20, a write-off −2) so a
 * change never overwrites the redemptions that happened meanwhile; the other
 * fields need the version the editor saw.
 */
export async function updateItem(call: Call, itemId: number, change: ItemChange) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [item] = await tx.select().from(storeItems).where(eq(storeItems.id, itemId));
    if (!item) return fail("not_found");
    const desk = await authorizeInCommunity(tx, call.actor, "store.operate", item.communityId);
    if (!desk.ok) return desk;
    if (item.version !== change.version) return fail("stale_version");
    const next = {
      name: change.name ?? item.name,
      description: change.description ?? item.description,
      pointsPrice: change.pointsPrice ?? item.pointsPrice,
      stock: item.stock + (change.addStock ?? 0),
      monthlyLimit: change.monthlyLimit === undefined ? item.monthlyLimit : change.monthlyLimit,
    };
    const checked = checkItem(next);
    if (!checked.ok) return checked;
    const { stock: _, ...fields } = checked.item;
    const [row] = await tx
      .update(storeItems)
      .set({
        ...fields,
        stock: sql`${storeItems.stock} + ${change.addStock ?? 0}`,
        active: change.active ?? item.active,
        ...(change.photo !== undefined ? { photo: change.photo } : {}),
        updatedAt: now,
        version: item.version + 1,
      })
      .where(and(eq(storeItems.id, itemId), eq(storeItems.version, item.version)))
      .returning();
    if (!row) return fail("stale_version");
    const before = {
      name: item.name,
      pointsPrice: item.pointsPrice,
      stock: item.stock,
      monthlyLimit: item.monthlyLimit,
      active: item.active,
    };
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "store.item.update",
        entity: "storeItem",
        entityId: itemId,
        scope: desk.scope,
        before,
        after: { ...fields, stock: row.stock, active: row.active, addStock: change.addStock ?? 0 },
      },
      { requestId: call.requestId, now },
    );
    await markWarningsStale(tx, item.communityId);
    return ok(view(row));
  });
}
