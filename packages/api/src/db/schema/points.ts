import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
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
    check("ledger_transfers_amount", sql`${t.amount} > 0`),
    check("ledger_transfers_accounts", sql`${t.debit} <> ${t.credit}`),
    check("ledger_transfers_state", sql`${t.state} in ('pending', 'posted', 'voided')`),
  ],
);

/**
 * Two entries per posted transfer, summing to zero. Each is chained to the one
 * before by a SHA-256 hash, so a published head exposes any later rewrite.
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    transferId: integer("transfer_id").notNull().references(() => ledgerTransfers.id),
    account: text("account").notNull(),
    amount: integer("amount").notNull(),
    createdAt: createdAt(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("ledger_entries_account").on(t.account), uniqueIndex("ledger_entries_hash").on(t.hash), check("ledger_entries_amount", sql`${t.amount} <> 0`)],
);
