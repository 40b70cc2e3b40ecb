import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Failed logins per key (`phone:…`, `ip:…`) in a fixed window; in the database so every API instance sees the same count. */
export const loginFailures = sqliteTable("login_failures", {
  key: text("key").primaryKey(),
  windowStartMs: integer("window_start_ms").notNull(),
  count: integer("count").notNull(),
});
