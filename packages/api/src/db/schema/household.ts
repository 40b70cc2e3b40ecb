import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { archivedAt, createdAt, version } from "./columns";
import { buildings } from "./building";
import { communities } from "./community";

/** A household (户) at a door of a building; `name` is the door label, e.g. 2单元301. */
export const households = sqliteTable(
  "households",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    buildingId: integer("building_id")
      .notNull()
      .references(() => buildings.id),
    name: text("name").notNull(),
    createdAt: createdAt(),
    archivedAt: archivedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex("households_building_name_live").on(t.buildingId, t.name).where(sql`${t.archivedAt} is null`),
    index("households_community").on(t.communityId),
    check("households_name_len", sql`length(${t.name}) between 1 and 50`),
  ],
);
