import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

/** One row `/api/health` rewrites: a real commit is the only honest proof that writes still reach the disk. */
export const healthProbes = sqliteTable("health_probes", {
  id: integer("id").primaryKey(),
  probedAtS: integer("probed_at_s").notNull(),
});
