import { sql } from "drizzle-orm";
import { check, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { REMINDER_LEAD_NAMES } from "@tongxin/core";
import { inList } from "./sql";
import { shifts } from "./activity";
import { users } from "./user";

/**
 * A timed job's lease: the one instance whose lease has not lapsed runs the
 * job; another takes it over once `expires_at` is past (the holder died).
 */
export const schedulerLeases = sqliteTable("scheduler_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** A shift reminder sent: the key makes each (shift, volunteer, lead) go out once, whatever races. */
export const shiftReminders = sqliteTable(
  "shift_reminders",
  {
    shiftId: integer("shift_id")
      .notNull()
      .references(() => shifts.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    lead: text("lead", { enum: REMINDER_LEAD_NAMES }).notNull(),
    sentAt: integer("sent_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shiftId, t.userId, t.lead] }),
    check("shift_reminders_lead", sql`${t.lead} in (${inList(REMINDER_LEAD_NAMES)})`),
  ],
);
