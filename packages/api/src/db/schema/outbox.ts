import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CHANNELS, DELIVERY_STATES } from "@tongxin/core";
import { notifications } from "./activity";
import { communities } from "./community";
import { users } from "./user";
import { inList } from "./sql";

/** The channels outside the app a person chose to hear on; no row (or both off) is the default: opt-in. */
export const messageChannels = sqliteTable("message_channels", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  sms: integer("sms", { mode: "boolean" }).notNull().default(false),
  wechat: integer("wechat", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * One delivery of an in-app message on one channel, written in the message's
 * transaction and sent by the dispatcher job. `next_attempt_at` is when a
 * dispatcher may take the row: for `pending` its (first or next) attempt, for
 * `sending` the claim's expiry — a dead dispatcher's row becomes due again.
 * `community_id` is the recipient's home community when written: the staff who may read it.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    notificationId: integer("notification_id")
      .notNull()
      .references(() => notifications.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    communityId: integer("community_id").references(() => communities.id),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    kind: text("kind").notNull(),
    urgent: integer("urgent", { mode: "boolean" }).notNull(),
    state: text("state", { enum: DELIVERY_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    claimToken: text("claim_token"),
    lastError: text("last_error"),
    deliveredAt: integer("delivered_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("outbox_notification_channel").on(t.notificationId, t.channel),
    index("outbox_due").on(t.nextAttemptAt).where(sql`${t.state} in ('pending', 'sending')`),
    index("outbox_user_pending").on(t.userId).where(sql`${t.state} = 'pending'`),
    index("outbox_community").on(t.communityId, t.id),
    index("outbox_community_state").on(t.communityId, t.state, t.id),
    check("outbox_channel", sql`${t.channel} in (${inList(CHANNELS)})`),
    check("outbox_state", sql`${t.state} in (${inList(DELIVERY_STATES)})`),
    check("outbox_due_when_open", sql`${t.state} not in ('pending', 'sending') or ${t.nextAttemptAt} is not null`),
  ],
);
