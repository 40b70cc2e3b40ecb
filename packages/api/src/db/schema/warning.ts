import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { WARNING_KINDS } from "@tongxin/core";
import { communities } from "./community";
import { grids } from "./grid";
import { streets } from "./street";
import { users } from "./user";
import { inList } from "./sql";

/**
 * 预警: a warning opened when a community's facts call for it (core `warningsDue`) and cleared when they no longer
 * do; never deleted. `subject` names what it is about (`request:12`, `item:3`); `params` (JSON) are what the reason
 * text needs and `path` the page where someone acts.
 */
export const warnings = sqliteTable(
  "warnings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    streetId: integer("street_id")
      .notNull()
      .references(() => streets.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    gridId: integer("grid_id").references(() => grids.id),
    kind: text("kind", { enum: WARNING_KINDS }).notNull(),
    subject: text("subject").notNull(),
    params: text("params").notNull(),
    path: text("path").notNull(),
    open: integer("open", { mode: "boolean" }).notNull().default(true),
    openedAt: integer("opened_at").notNull(),
    clearedAt: integer("cleared_at"),
    acknowledgedBy: integer("acknowledged_by").references(() => users.id),
    acknowledgedAt: integer("acknowledged_at"),
  },
  (t) => [
    // The same fact never stands open twice, whatever races.
    uniqueIndex("warnings_subject_open").on(t.kind, t.subject).where(sql`${t.open} = 1`),
    // Each scope's list: open first, newest first.
    index("warnings_community").on(t.communityId, t.open, t.id),
    // Whether the same fact was warned of lately (the inbox is told once a day at most per fact).
    index("warnings_subject_cleared").on(t.kind, t.subject, t.clearedAt),
    index("warnings_street").on(t.streetId, t.open, t.id),
    index("warnings_grid").on(t.gridId, t.open, t.id),
    check("warnings_kind", sql`${t.kind} in (${inList(WARNING_KINDS)})`),
    check("warnings_cleared", sql`${t.open} = (${t.clearedAt} is null)`),
  ],
);

/**
 * When each community's warnings were last worked out, and whether a verb changed their facts since: the job
 * refreshes stale communities within a minute and every community every few minutes (deadlines pass by themselves).
 * Each mark counts up `marks`, so a refresh that read its facts before a mark leaves the community stale.
 */
export const warningRefreshes = sqliteTable("warning_refreshes", {
  communityId: integer("community_id")
    .primaryKey()
    .references(() => communities.id),
  refreshedAt: integer("refreshed_at").notNull(),
  stale: integer("stale", { mode: "boolean" }).notNull().default(false),
  marks: integer("marks").notNull().default(0),
});
