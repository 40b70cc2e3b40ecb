import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { COMMUNITY_KINDS } from "@tongxin/core";
import { archivedAt, createdAt, version } from "./columns";
import { streets } from "./street";

export const communities = sqliteTable(
  "communities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    streetId: integer("street_id")
      .notNull()
      .references(() => streets.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: COMMUNITY_KINDS }).notNull(),
    /** 监督电话 printed on the community's public notices; staff set it (audited). */
    supervisionPhone: text("supervision_phone"),
    createdAt: createdAt(),
    archivedAt: archivedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex("communities_street_name_live").on(t.streetId, t.name).where(sql`${t.archivedAt} is null`),
    index("communities_street").on(t.streetId),
    check("communities_kind", sql`${t.kind} in ('community', 'village')`),
    check("communities_name_len", sql`length(${t.name}) between 1 and 50`),
  ],
);
