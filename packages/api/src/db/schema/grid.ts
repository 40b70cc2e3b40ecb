import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { archivedAt, createdAt, version } from "./columns";
import { communities } from "./community";

export const grids = sqliteTable(
  "grids",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    parentId: integer("parent_id").references((): AnySQLiteColumn => grids.id),
    level: integer("level").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
    archivedAt: archivedAt(),
    version: version(),
  },
  (t) => [
    // Two partial indexes because NULL parents never collide in a plain unique index.
    uniqueIndex("grids_root_name_live")
      .on(t.communityId, t.name)
      .where(sql`${t.parentId} is null and ${t.archivedAt} is null`),
    uniqueIndex("grids_child_name_live")
      .on(t.parentId, t.name)
      .where(sql`${t.parentId} is not null and ${t.archivedAt} is null`),
    index("grids_community").on(t.communityId),
    check("grids_level", sql`${t.level} between 1 and 3`),
    check("grids_root_level", sql`(${t.parentId} is null) = (${t.level} = 1)`),
    check("grids_name_len", sql`length(${t.name}) between 1 and 50`),
  ],
);
