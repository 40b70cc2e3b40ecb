import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { archivedAt, createdAt, version } from "./columns";
import { communities } from "./community";

/** 志愿服务队. Only the fields roles need today; the volunteers issue extends it. */
export const teams = sqliteTable(
  "teams",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    createdAt: createdAt(),
    archivedAt: archivedAt(),
    version: version(),
  },
  (t) => [index("teams_community").on(t.communityId), check("teams_name_len", sql`length(${t.name}) between 1 and 50`)],
);
