import { and, asc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import {
  authorize,
  decideBooking,
  decideOffer,
  decideVouched,
  fail,
  ok,
  type RequestCategory,
  type SlotInput,
  must,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import {
  buildings,
  offerBookings,
  offerSlots,
  offers,
  partnerUnits,
  requestEvents,
  requestHolds,
  requests,
  users,
  volunteers,
} from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { bumpPoolVersion } from "../request/matches";
import { communityScope, teamScope } from "../scope";
import { toIso } from "../../time";
import { namesOf } from "../holders";
import { communitiesOfHolder, decideInCommunity } from "../belonging";
import { isVouched } from "../volunteer/vouched";

export type NewOfferInput = {
  communityId: number;
  providerKey: string;
  category: RequestCategory;
  title: string;
  description: string;
  placeKind: "service_point" | "door_to_door";
  place: string;
  schedule: string;
  slots: SlotInput[];
};

/** Who may publish for a provider: a volunteer for themself once vouched for, a team's leader, staff for a partner unit of their community. */
async function mayPublishFor(tx: Tx, call: Call, providerKey: string) {
  const [kind, raw] = providerKey.split(":");
  const id = Number(raw);
  if (kind === "volunteer") {
    const [profile] = await tx
      .select({ communityId: volunteers.communityId })
      .from(volunteers)
      .where(eq(volunteers.userId, id));
    if (!profile) return fail("not_found");
    if (id !== must(call.actor).userId) return fail("forbidden");
    // Residents who book it are held by the provider and show them their phone: the same trust as a claim.
    return decideVouched(await isVouched(tx, id));
  }
  if (kind === "team") {
    const scope = await teamScope(tx, id);
    if (!scope) return fail("not_found");
    return authorize(call.actor, "team.manage", scope);
  }
  const [unit] = await tx
    .select({ communityId: partnerUnits.communityId })
    .from(partnerUnits)
    .where(eq(partnerUnits.id, id));
  const scope = unit && (await communityScope(tx, unit.communityId));
  if (!scope) return fail("not_found");
  return authorize(call.actor, "partner.manage", scope);
}

export async function createOffer(call: Call, input: NewOfferInput) {
  if (!call.actor) return fail("unauthenticated");
  const now = call.deps.now();
  const decided = decideOffer(input, now);
  if (!decided.ok) return decided;
  return call.deps.database.db.transaction(async (tx) => {
    const scope = await communityScope(tx, input.communityId);
    if (!scope) return fail("not_found");
    const allowed = await mayPublishFor(tx, call, input.providerKey);
    if (!allowed.ok) return allowed;
    const inScope = await decideInCommunity(
      tx,
      must(call.actor),
      "offer.publish",
      input.communityId,
      await communitiesOfHolder(tx, input.providerKey),
    );
    if (!inScope.ok) return inScope;
    const { slots, ...fields } = input;
    const [offer] = await tx
      .insert(offers)
      .values({ ...fields, createdBy: must(call.actor).userId, createdAt: now })
      .returning({ id: offers.id });
    const made = await tx
      .insert(offerSlots)
      .values(slots.map((s) => ({ offerId: must(offer).id, ...s })))
      .returning({ id: offerSlots.id });
    await bumpPoolVersion(tx, scope.streetId);
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "offer.create",
        entity: "offer",
        entityId: must(offer).id,
        scope,
        after: { providerKey: input.providerKey, category: input.category, slots: slots.length },
      },
      { requestId: call.requestId, now },
    );
    return ok({ id: must(offer).id, slotIds: made.map((m) => m.id) });
  });
}

/** 便民服务卡: a community's live offers with their upcoming slots and places left (public). */
export async function serviceCard({ deps }: Call, communityId: number) {
  const db = deps.database.db;
  const scope = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  const now = deps.now();
  const rows = await db
    .select()
    .from(offers)
    .where(and(eq(offers.communityId, communityId), isNull(offers.archivedAt)))
    .orderBy(asc(offers.category), asc(offers.id));
  const slots = rows.length
    ? await db
        .select()
        .from(offerSlots)
        .where(
          and(
            inArray(
              offerSlots.offerId,
              rows.map((o) => o.id),
            ),
            gt(offerSlots.startsAt, now),
          ),
        )
        .orderBy(asc(offerSlots.startsAt))
    : [];
  const names = await namesOf(
    db,
    rows.map((o) => o.providerKey),
    { publicOnly: true },
  );
  return ok({
    items: rows.map((o) => ({
      id: o.id,
      category: o.category,
      title: o.title,
      description: o.description,
      placeKind: o.placeKind,
      place: o.place,
      schedule: o.schedule,
      providerKey: o.providerKey,
      provider: names.get(o.providerKey) ?? "",
      slots: slots
        .filter((s) => s.offerId === o.id)
        .map((s) => ({
          id: s.id,
          startsAt: toIso(s.startsAt),
          endsAt: toIso(s.endsAt),
          capacity: s.capacity,
          placesLeft: s.capacity - s.booked,
        })),
    })),
  });
}

/**
 * Booking a slot: one conditional update takes a place (never past capacity),
 * and a request is created already held by the provider, so the loop and the
 * resident's confirmation work as for any request.
 */
export async function bookSlot({ deps, actor }: Call, slotId: number) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ slot: offerSlots, offer: offers })
      .from(offerSlots)
      .innerJoin(offers, eq(offers.id, offerSlots.offerId))
      .where(eq(offerSlots.id, slotId));
    if (!row) return fail("not_found");
    const decided = decideBooking(row.slot, row.offer, now);
    if (!decided.ok) return decided;
    const [owner] = await tx
      .select({ communityId: users.communityId, buildingId: users.buildingId, gridId: buildings.gridId })
      .from(users)
      .leftJoin(buildings, eq(buildings.id, users.buildingId))
      .where(eq(users.id, actor.userId));
    if (owner?.communityId !== row.offer.communityId) return fail("wrong_community");
    const [already] = await tx
      .select({ id: offerBookings.id })
      .from(offerBookings)
      .where(
        and(
          eq(offerBookings.slotId, slotId),
          eq(offerBookings.ownerUserId, actor.userId),
          isNull(offerBookings.cancelledAt),
        ),
      );
    if (already) return fail("already_booked");
    const seat = await tx
      .update(offerSlots)
      .set({ booked: sql`${offerSlots.booked} + 1` })
      .where(and(eq(offerSlots.id, slotId), lt(offerSlots.booked, offerSlots.capacity)));
    if (seat.rowsAffected !== 1) return fail("slot_full");
    const [request] = await tx
      .insert(requests)
      .values({
        communityId: row.offer.communityId,
        gridId: owner.gridId,
        buildingId: owner.buildingId,
        ownerUserId: actor.userId,
        kind: "service",
        category: row.offer.category,
        description: row.offer.title,
        windowStart: row.slot.startsAt,
        windowEnd: row.slot.endsAt,
        status: "claimed",
        holderKey: row.offer.providerKey,
        createdAt: now,
        acceptedAt: now,
      })
      .returning({ id: requests.id });
    const requestId = must(request).id;
    await tx
      .insert(requestHolds)
      .values({ requestId, holderKey: row.offer.providerKey, how: "claimed", startedAt: now });
    await tx.insert(requestEvents).values([
      {
        requestId,
        action: "create",
        actorUserId: actor.userId,
        toStatus: "submitted",
        note: `offer:${row.offer.id}`,
        createdAt: now,
      },
      {
        requestId,
        action: "claim",
        actorUserId: actor.userId,
        fromStatus: "submitted",
        toStatus: "claimed",
        note: row.offer.providerKey,
        createdAt: now,
      },
    ]);
    await tx.insert(offerBookings).values({ slotId, requestId, ownerUserId: actor.userId, createdAt: now });
    return ok({ requestId, slotId });
  });
}
