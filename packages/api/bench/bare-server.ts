/** The yardsticks: bare Hono routes doing one SQL insert, and a two-row insert in one transaction, on the same kind of database file as the API. */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { openDatabase } from "../src/db/client";
import { must } from "@tongxin/core";

const database = openDatabase(must(process.env.DATABASE_URL));
await database.client.execute("PRAGMA journal_mode = WAL");
await database.client.execute(
  "create table if not exists bench_rows (id integer primary key autoincrement, shift_id integer not null, user_id integer not null, created_at integer not null)",
);
await database.client.execute(
  "create table if not exists bench_pairs (id integer primary key autoincrement, account text not null, amount integer not null, created_at integer not null)",
);
let n = 0;
const app = new Hono()
  .post("/bare", async (c) => {
    n += 1;
    await database.client.execute({
      sql: "insert into bench_rows (shift_id, user_id, created_at) values (?, ?, ?)",
      args: [n % 100, n, Date.now()],
    });
    return c.json({ status: "confirmed" }, 201);
  })
  // Like a transfer's two entries: two rows written in one transaction.
  .post("/bare2", async (c) => {
    n += 1;
    const now = Date.now();
    await database.client.batch(
      [
        {
          sql: "insert into bench_pairs (account, amount, created_at) values (?, ?, ?)",
          args: [`volunteer:${n}`, -1, now],
        },
        { sql: "insert into bench_pairs (account, amount, created_at) values (?, ?, ?)", args: ["fund:1", 1, now] },
      ],
      "write",
    );
    return c.json({ status: "posted" }, 201);
  });
serve({ fetch: app.fetch, port: Number(process.env.PORT) });
