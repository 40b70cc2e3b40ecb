import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { users } from "./user";

/**
 * A read-only link to a street's or community's wall screen, for the service centre's TV: no session needed.
 * Only the SHA-256 of the token in its URL is kept (like sessions and calendar feeds); revoking sets `revoked_at`.
 */
export const wallLinks = sqliteTable(
  "wall_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    placeKind: text("place_kind", { enum: ["street", "community"] }).notNull(),
    placeId: integer("place_id").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    // The place's links, newest first.
    index("wall_links_place").on(t.placeKind, t.placeId, t.id),
    check("wall_links_kind", sql`${t.placeKind} in ('street', 'community')`),
  ],
);
