import { and, asc, desc, eq, gt, inArray, lt } from "drizzle-orm";
import { availableActions, fail, maskName, ok } from "@tongxin/core";
import type { Db } from "../../db/client";
import {
  activities,
  buildings,
  offerBookings,
  offerSlots,
  offers,
  requests,
  shifts,
  signups,
  users,
} from "../../db/schema";
import type { Call } from "../call";
import { recordAccesses } from "../access-log/record";
import { namesOf } from "../holders";
import { decodeCursor, afterTimeCursor, encodeTimeCursor, limitOf, toPage, type PageInput } from "../page";
import { holderKeysOf } from "../request/load";
import { waitlistPosition } from "../signup/sign-up";
import { toIso } from "../../time";

const heldColumns = {
  id: requests.id,
  kind: requests.kind,
  category: requests.category,
  description: requests.description,
  status: requests.status,
  holderKey: requests.holderKey,
  windowStart: requests.windowStart,
  windowEnd: requests.windowEnd,
  ownerName: users.name,
  estate: buildings.estate,
  building: buildings.name,
  slotStart: offerSlots.startsAt,
  slotEnd: offerSlots.endsAt,
  offerTitle: offers.title,
  placeKind: offers.placeKind,
  offerPlace: offers.place,
  communityId: requests.communityId,
  ownerUserId: requests.ownerUserId,
};

/** One index range (holder_key, id) per key, newest first: a page reads at most keys × (limit + 1) rows. */
async function heldPage(db: Db, keys: readonly string[], before: number, limit: number) {
  const pages = [];
  for (const key of keys) {
    pages.push(
      await db
        .select(heldColumns)
        .from(requests)
        .innerJoin(users, eq(users.id, requests.ownerUserId))
        .leftJoin(buildings, eq(buildings.id, users.buildingId))
        .leftJoin(offerBookings, eq(offerBookings.requestId, requests.id))
        .leftJoin(offerSlots, eq(offerSlots.id, offerBookings.slotId))
        .leftJoin(offers, eq(offers.id, offerSlots.offerId))
        .where(and(eq(requests.holderKey, key), before ? lt(requests.id, before) : undefined))
        .orderBy(desc(requests.id))
        .limit(limit + 1),
    );
  }
  return toPage(
    pages
      .flat()
      .sort((a, b) => b.id - a.id)
      .slice(0, limit + 1),
    limit,
  );
}

type HeldRow = Awaited<ReturnType<typeof heldPage>>["items"][number];

/**
 * Where the holder goes: the service point of a booked offer, else the resident's building. The list
 * shows no more than that (the door, the phone and the full name are on the request's own page, under
 * need-to-know), so a list that anyone holding requests reads reveals as little as it can.
 */
function placeOf(row: HeldRow): { place: string | null; readsAddress: boolean } {
  if (row.placeKind === "service_point") return { place: row.offerPlace, readsAddress: false };
  if (row.building === null) return { place: null, readsAddress: false };
  return { place: `${row.estate ?? ""} ${row.building}`.trim(), readsAddress: true };
}

/**
 * 我的任务: the requests this volunteer holds — claimed, assigned to them, booked on their offers —
 * and those of the teams they lead, newest first, each with its time, its place and the next move.
 * Every address shown is a read of the resident's details and goes into the access log.
 */
export async function myHeldRequests({ deps, actor }: Call, input: PageInput) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  // Partner units' requests are staff work: they are on the queue, not among a person's own tasks.
  const keys = (await holderKeysOf(db, actor)).filter((k) => !k.startsWith("partner:"));
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const page = await heldPage(db, keys, cursor.after, limitOf(input));
  const teamNames = await namesOf(
    db,
    page.items.map((r) => (r.holderKey?.startsWith("team:") ? r.holderKey : null)),
  );
  const items = page.items.map((row) => {
    const { place, readsAddress } = placeOf(row);
    const [startsAt, endsAt] = row.slotStart !== null ? [row.slotStart, row.slotEnd] : [row.windowStart, row.windowEnd];
    return {
      row,
      readsAddress,
      item: {
        id: row.id,
        kind: row.kind,
        category: row.category,
        description: row.description,
        status: row.status,
        ownerName: maskName(row.ownerName),
        team: row.holderKey ? (teamNames.get(row.holderKey) ?? null) : null,
        booking: row.offerTitle,
        startsAt: toIso(startsAt),
        endsAt: toIso(endsAt),
        place,
        next: availableActions(row.status, ["holder"], true)[0] ?? null,
      },
    };
  });
  const reads = items
    .filter((i) => i.readsAddress)
    .map(({ row }) => ({
      communityId: row.communityId,
      actorUserId: actor.userId,
      subjectUserId: row.ownerUserId,
      fields: "address",
      entity: "request" as const,
      entityId: row.id,
    }));
  await recordAccesses(db, reads, deps.now());
  return ok({ items: items.map((i) => i.item), nextCursor: page.nextCursor });
}

/**
 * The shifts this person signed up for that have not ended, soonest first, with their waitlist
 * position. Read through the person's own sign-ups (index on user and status), so the cost follows
 * their own record, not the community's.
 */
export async function myUpcomingShifts({ deps, actor }: Call, input: PageInput) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const limit = limitOf(input);
  const after = afterTimeCursor(shifts.startsAt, shifts.id, input.cursor);
  if (!after.ok) return after;
  const rows = await db
    .select({
      signupId: signups.id,
      status: signups.status,
      checkedIn: signups.checkInAt,
      checkedOut: signups.checkOutAt,
      shiftId: shifts.id,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      activityId: activities.id,
      title: activities.title,
      place: activities.place,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .where(
      and(
        eq(signups.userId, actor.userId),
        inArray(signups.status, ["confirmed", "waitlisted"]),
        gt(shifts.endsAt, deps.now()),
        after.where,
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const items = [];
  for (const r of page) {
    const position = r.status === "waitlisted" ? await waitlistPosition(db, r.shiftId, r.signupId) : null;
    items.push({
      shiftId: r.shiftId,
      activityId: r.activityId,
      title: r.title,
      place: r.place,
      status: r.status,
      position,
      checkedIn: r.checkedIn !== null,
      checkedOut: r.checkedOut !== null,
      startsAt: toIso(r.startsAt),
      endsAt: toIso(r.endsAt),
    });
  }
  return ok({ items, nextCursor: rows.length > limit && last ? encodeTimeCursor(last.startsAt, last.shiftId) : null });
}
