import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, version } from "./columns";
import { communities } from "./community";
import { households } from "./household";
import { inList } from "./sql";
import { users } from "./user";

/** A transfer between two accounts (`volunteer:12`, `fund:3`, `issuance:1` …). Immutable but for settling a reservation once. */
export const ledgerTransfers = sqliteTable(
  "ledger_transfers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    debit: text("debit").notNull(),
    credit: text("credit").notNull(),
    amount: integer("amount").notNull(),
    state: text("state", { enum: ["pending", "posted", "voided"] }).notNull(),
    reason: text("reason").notNull(),
    cause: text("cause"),
    idempotencyKey: text("idempotency_key").notNull(),
    /** Asked as a reservation (two-phase), whatever its state now: part of what a replay must match. */
    twoPhase: integer("two_phase", { mode: "boolean" }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    createdAt: createdAt(),
    settledAt: integer("settled_at"),
  },
  (t) => [
    uniqueIndex("ledger_transfers_key").on(t.idempotencyKey),
    index("ledger_transfers_debit_state").on(t.debit, t.state),
    index("ledger_transfers_credit").on(t.credit),
    index("ledger_transfers_cause").on(t.cause),
    index("ledger_transfers_created").on(t.createdAt),
    check("ledger_transfers_amount", sql`${t.amount} > 0`),
    check("ledger_transfers_accounts", sql`${t.debit} <> ${t.credit}`),
    check("ledger_transfers_state", sql`${t.state} in ('pending', 'posted', 'voided')`),
  ],
);

/**
 * Two entries per posted transfer, summing to zero. Entries are written
 * unsealed; the sealer (services/points/seal.ts) then chains each to the one
 * before by a SHA-256 hash, in id order, so a published head exposes any later
 * rewrite. Triggers (migration 0008) allow no change but that one sealing.
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    transferId: integer("transfer_id")
      .notNull()
      .references(() => ledgerTransfers.id),
    account: text("account").notNull(),
    amount: integer("amount").notNull(),
    createdAt: createdAt(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    // An account's month newest first, and its statement by time, without reading its history.
    index("ledger_entries_account").on(t.account, t.createdAt),
    // One successor per entry: two writers appending to the same head (two API instances) cannot fork the chain.
    // Hashes need no index of their own: nothing looks one up, each is unique as its predecessor is, and a
    // random 64-character key cost the sealer a third of its time per entry (migration 0023).
    uniqueIndex("ledger_entries_prev_hash").on(t.prevHash),
    // The sealer's queue, in id order: sealing a burst reads only the unsealed entries, never sorts them.
    index("ledger_entries_unsealed").on(t.id).where(sql`${t.hash} is null`),
    check("ledger_entries_amount", sql`${t.amount} <> 0`),
  ],
);

/**
 * A cached balance per account, kept by triggers on entries and reservations
 * (migration 0008) and proved equal to the entries by verification. Its CHECK
 * is the last word on "no account but issuance goes below zero".
 */
export const ledgerBalances = sqliteTable(
  "ledger_balances",
  {
    account: text("account").primaryKey(),
    posted: integer("posted").notNull().default(0),
    reserved: integer("reserved").notNull().default(0),
  },
  (t) => [
    check("ledger_balances_not_negative", sql`${t.account} like 'issuance:%' or ${t.posted} - ${t.reserved} >= 0`),
    check("ledger_balances_reserved", sql`${t.reserved} >= 0`),
  ],
);

/** A community's earning rules, edited by its staff; absent means the defaults. */
export const earningRules = sqliteTable("earning_rules", {
  communityId: integer("community_id")
    .primaryKey()
    .references(() => communities.id),
  pointsPerHour: integer("points_per_hour").notNull(),
  /** JSON: points per request category. */
  perRequest: text("per_request").notNull(),
  requestDefault: integer("request_default").notNull(),
  fiveStarBonus: integer("five_star_bonus").notNull(),
  dailyCap: integer("daily_cap").notNull(),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: integer("updated_at").notNull(),
});

export const EARNING_STATUSES = ["waiting", "paid", "reversed", "cancelled"] as const;

/** Points a volunteer earned for confirmed hours or a confirmed request: paid from the fund, or waiting for it. */
export const earnings = sqliteTable(
  "earnings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    /** `hours:12` or `request:7`: one earning per cause. */
    cause: text("cause").notNull(),
    /** Asia/Shanghai day the daily cap counts against. */
    earnedOn: text("earned_on").notNull(),
    points: integer("points").notNull(),
    status: text("status", { enum: EARNING_STATUSES }).notNull(),
    /** Points reversed for voided hours that the balance could not cover yet; recovered from later earnings. */
    owedPoints: integer("owed_points").notNull().default(0),
    createdAt: createdAt(),
    settledAt: integer("settled_at"),
  },
  (t) => [
    uniqueIndex("earnings_cause").on(t.cause),
    index("earnings_user_day").on(t.userId, t.earnedOn),
    index("earnings_community_status").on(t.communityId, t.status),
    check("earnings_points", sql`${t.points} > 0`),
    check("earnings_owed", sql`${t.owedPoints} >= 0`),
    check("earnings_status", sql`${t.status} in (${inList(EARNING_STATUSES)})`),
  ],
);

/** Goods of a community's 爱心超市. Stock never goes below zero, whatever the code does. */
export const storeItems = sqliteTable(
  "store_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    pointsPrice: integer("points_price").notNull(),
    stock: integer("stock").notNull(),
    monthlyLimit: integer("monthly_limit"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** A small JPEG as a data URL, resized by the browser. */
    photo: text("photo"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
    version: version(),
  },
  (t) => [
    index("store_items_community").on(t.communityId),
    check("store_items_stock", sql`${t.stock} >= 0`),
    check("store_items_price", sql`${t.pointsPrice} > 0`),
    check("store_items_name_len", sql`length(${t.name}) between 1 and 40`),
  ],
);

export const REDEMPTION_STATUSES = ["reserved", "collected", "expired"] as const;

/** A redemption: points reserved (a pending transfer `redemption:<id>`) until the goods are handed over or the reservation expires. */
export const redemptions = sqliteTable(
  "redemptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id")
      .notNull()
      .references(() => storeItems.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    quantity: integer("quantity").notNull(),
    points: integer("points").notNull(),
    code: text("code").notNull(),
    status: text("status", { enum: REDEMPTION_STATUSES }).notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    reservedAt: integer("reserved_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    settledAt: integer("settled_at"),
    settledBy: integer("settled_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("redemptions_user_key").on(t.userId, t.idempotencyKey),
    uniqueIndex("redemptions_live_code").on(t.communityId, t.code).where(sql`${t.status} = 'reserved'`),
    index("redemptions_due").on(t.status, t.expiresAt),
    index("redemptions_user_item").on(t.userId, t.itemId, t.reservedAt),
    // A person's redemptions, live ones first then the rest, newest first.
    index("redemptions_user_status").on(t.userId, t.status, t.id),
    index("redemptions_user").on(t.userId, t.id),
    index("redemptions_community").on(t.communityId, t.reservedAt),
    check("redemptions_quantity", sql`${t.quantity} between 1 and 10`),
    check("redemptions_status", sql`${t.status} in (${inList(REDEMPTION_STATUSES)})`),
  ],
);

/** 转赠: who gave, to which household (or the fund when null), and the message the receiver reads. */
export const donations = sqliteTable(
  "donations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    transferId: integer("transfer_id")
      .notNull()
      .references(() => ledgerTransfers.id),
    fromUserId: integer("from_user_id")
      .notNull()
      .references(() => users.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    householdId: integer("household_id").references(() => households.id),
    amount: integer("amount").notNull(),
    message: text("message").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("donations_transfer").on(t.transferId),
    index("donations_household").on(t.householdId),
    index("donations_from").on(t.fromUserId),
    index("donations_community").on(t.communityId, t.id),
  ],
);
