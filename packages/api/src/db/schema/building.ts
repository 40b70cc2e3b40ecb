import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { archivedAt, createdAt, version } from "./columns";
import { communities } from "./community";
import { grids } from "./grid";

/** A building (楼栋) in an estate (小区); `communityId` is kept beside `gridId` so every query can be scoped cheaply. */
export const buildings = sqliteTable(
  "buildings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    gridId: integer("grid_id")
      .notNull()
      .references(() => grids.id),
    estate: text("estate"),
    name: text("name").notNull(),
    createdAt: createdAt(),
    archivedAt: archivedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex("buildings_grid_name_live").on(t.gridId, t.name).where(sql`${t.archivedAt} is null`),
    index("buildings_community").on(t.communityId),
    check("buildings_name_len", sql`length(${t.name}) between 1 and 50`),
  ],
);
