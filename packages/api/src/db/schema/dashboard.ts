import { sql } from "drizzle-orm";
import { check, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A dashboard's figures as last computed (decision 0013), so a request reads one row and never scans the facts:
 * the closed months' indicators, computed once a day, and the current month's with the counts kept as they are
 * now, computed every minute by the `dashboard_figures` job.
 */
export const dashboardFigures = sqliteTable(
  "dashboard_figures",
  {
    placeKind: text("place_kind", { enum: ["street", "community", "grid"] }).notNull(),
    placeId: integer("place_id").notNull(),
    /** The last of the eleven closed months kept (`2026-10`): when the month turns, they are computed again. */
    closedThrough: text("closed_through").notNull(),
    closedAt: integer("closed_at").notNull(),
    closed: text("closed", { mode: "json" }).notNull(),
    /** When the current month's facts were read: the answer's `asOf`. */
    computedAt: integer("computed_at").notNull(),
    current: text("current", { mode: "json" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeKind, t.placeId] }),
    check("dashboard_figures_kind", sql`${t.placeKind} in ('street', 'community', 'grid')`),
  ],
);
