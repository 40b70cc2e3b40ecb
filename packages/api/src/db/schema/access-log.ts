import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { households } from "./household";
import { users } from "./user";

/**
 * Every read of a resident's phone or address by someone other than the
 * resident, and every read of a household's care profile (decision 0016): who
 * read whose what, through which object. Append-only; the community's staff read it.
 */
export const accessLog = sqliteTable(
  "access_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id").notNull(),
    actorUserId: integer("actor_user_id")
      .notNull()
      .references(() => users.id),
    subjectUserId: integer("subject_user_id").references(() => users.id),
    /** A care profile is a household's, whether or not anyone living there has an account. */
    subjectHouseholdId: integer("subject_household_id").references(() => households.id),
    /** What was revealed: `phone`, `address` or `phone,address`; `care` for a care profile. */
    fields: text("fields").notNull(),
    entity: text("entity").notNull(),
    entityId: integer("entity_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("access_log_community").on(t.communityId, t.id),
    index("access_log_subject").on(t.subjectUserId, t.id),
    index("access_log_household").on(t.subjectHouseholdId, t.id),
    check("access_log_subject", sql`(${t.subjectUserId} is null) <> (${t.subjectHouseholdId} is null)`),
  ],
);
