import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Attempts per key (`login:phone:…`, `login:ip:…`, `register:ip:…` …) in a
 * window, counted before the attempt is judged, in one conditional statement;
 * in the database so every API instance sees the same count.
 * `blocked_until_ms` carries a growing delay where a hard lock-out would let
 * anyone lock an owner out.
 */
export const rateCounters = sqliteTable("rate_counters", {
  key: text("key").primaryKey(),
  windowStartMs: integer("window_start_ms").notNull(),
  count: integer("count").notNull(),
  blockedUntilMs: integer("blocked_until_ms").notNull().default(0),
});
