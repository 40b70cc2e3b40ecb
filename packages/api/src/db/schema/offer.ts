import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { REQUEST_CATEGORY_CODES } from "@tongxin/core";
import { createdAt, version } from "./columns";
import { communities } from "./community";
import { requests } from "./request";
import { users } from "./user";
import { inList } from "./sql";

export const OFFER_PLACES = ["service_point", "door_to_door"] as const;

/** 资源清单: a service someone gives — who (provider key), what (category), where and when. */
export const offers = sqliteTable(
  "offers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    providerKey: text("provider_key").notNull(),
    category: text("category").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    placeKind: text("place_kind", { enum: OFFER_PLACES }).notNull(),
    place: text("place").notNull(),
    schedule: text("schedule").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    archivedAt: integer("archived_at"),
    version: version(),
  },
  (t) => [
    // The live offers of a community by category, as listed.
    index("offers_community").on(t.communityId, t.archivedAt, t.category, t.id),
    index("offers_provider").on(t.providerKey),
    check("offers_category", sql`${t.category} in (${inList(REQUEST_CATEGORY_CODES)})`),
    check("offers_place_kind", sql`${t.placeKind} in (${inList(OFFER_PLACES)})`),
    check("offers_title_len", sql`length(${t.title}) between 1 and 60`),
  ],
);

/** A bookable slot of an offer; `booked` moves only by a conditional update and never passes `capacity`. */
export const offerSlots = sqliteTable(
  "offer_slots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    capacity: integer("capacity").notNull(),
    booked: integer("booked").notNull().default(0),
  },
  (t) => [
    index("offer_slots_offer_start").on(t.offerId, t.startsAt),
    check("offer_slots_booked", sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    check("offer_slots_times", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A booking is a request already matched to the offer: one live booking per resident and slot. */
export const offerBookings = sqliteTable(
  "offer_bookings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slotId: integer("slot_id")
      .notNull()
      .references(() => offerSlots.id),
    requestId: integer("request_id")
      .notNull()
      .references(() => requests.id),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    cancelledAt: integer("cancelled_at"),
  },
  (t) => [
    uniqueIndex("offer_bookings_live").on(t.slotId, t.ownerUserId).where(sql`${t.cancelledAt} is null`),
    uniqueIndex("offer_bookings_request").on(t.requestId),
  ],
);
