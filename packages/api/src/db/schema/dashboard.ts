import { sql } from "drizzle-orm";
import { check, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A dashboard's figures as last computed (decision 0013): the indicators of one street, community or grid as
 * JSON, refreshed by the `dashboard_figures` job, so a request reads one row and never scans the facts.
 */
export const dashboardFigures = sqliteTable(
  "dashboard_figures",
  {
    placeKind: text("place_kind", { enum: ["street", "community", "grid"] }).notNull(),
    placeId: integer("place_id").notNull(),
    /** When the facts were read: the answer's `asOf`. */
    computedAt: integer("computed_at").notNull(),
    indicators: text("indicators", { mode: "json" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeKind, t.placeId] }),
    check("dashboard_figures_kind", sql`${t.placeKind} in ('street', 'community', 'grid')`),
  ],
);
