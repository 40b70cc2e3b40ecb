import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { users } from "./user";

/**
 * Every read of a resident's phone or address by someone other than the
 * resident: who read whose what, through which object. Append-only; the
 * community's staff read it.
 */
export const accessLog = sqliteTable(
  "access_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id").notNull(),
    actorUserId: integer("actor_user_id")
      .notNull()
      .references(() => users.id),
    subjectUserId: integer("subject_user_id")
      .notNull()
      .references(() => users.id),
    /** What was revealed: `phone`, `address` or `phone,address`. */
    fields: text("fields").notNull(),
    entity: text("entity").notNull(),
    entityId: integer("entity_id"),
    createdAt: createdAt(),
  },
  (t) => [index("access_log_community").on(t.communityId, t.id), index("access_log_subject").on(t.subjectUserId, t.id)],
);
