import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { users } from "./user";

/** Every state change by staff: who, what, when, before and after (JSON). Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorUserId: integer("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: integer("entity_id"),
    streetId: integer("street_id"),
    communityId: integer("community_id"),
    before: text("before"),
    after: text("after"),
    requestId: text("request_id"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_community").on(t.communityId, t.id), index("audit_log_street").on(t.streetId, t.id)],
);
