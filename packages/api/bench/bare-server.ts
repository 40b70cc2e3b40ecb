/** The yardstick: a bare Hono route doing one SQL insert, on the same kind of database file as the API. */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { openDatabase } from "../src/db/client";

const database = openDatabase(process.env.DATABASE_URL!);
await database.client.execute("PRAGMA journal_mode = WAL");
await database.client.execute("create table if not exists bench_rows (id integer primary key autoincrement, shift_id integer not null, user_id integer not null, created_at integer not null)");
let n = 0;
const app = new Hono().post("/bare", async (c) => {
  n += 1;
  await database.client.execute({ sql: "insert into bench_rows (shift_id, user_id, created_at) values (?, ?, ?)", args: [n % 100, n, Date.now()] });
  return c.json({ status: "confirmed" }, 201);
});
serve({ fetch: app.fetch, port: Number(process.env.PORT) });
