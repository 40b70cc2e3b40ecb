import { afterEach, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { tempDatabase } from "../../test/harness";
import { GroupCommit } from "./group-commit";
import { installStatementCache } from "./statement-cache";
import { must } from "@tongxin/core";

describe("group commit", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("writes requests that arrive together in one transaction and answers each with its own results", async () => {
    const temp = await tempDatabase();
    cleanup = temp.cleanup;
    const { client } = temp.database;
    let batches = 0;
    const counting = new Proxy(client, {
      get: (target, prop) =>
        prop === "batch"
          ? (...args: Parameters<typeof client.batch>) => (batches++, target.batch(...args))
          : Reflect.get(target, prop),
    });
    const group = new GroupCommit(counting, 1_000);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        group.submit([
          {
            sql: "insert into rate_counters (key, window_start_ms, count) values (?, 0, 1) returning key",
            args: [`k${i}`],
          },
        ]),
      ),
    );
    expect(answers.map((results) => must(must(results[0]).rows[0])[0])).toEqual(
      Array.from({ length: 30 }, (_, i) => `k${i}`),
    );
    expect(batches).toBe(1);
  });

  it("a failing write does not take the others down with it", async () => {
    const temp = await tempDatabase();
    cleanup = temp.cleanup;
    const group = new GroupCommit(temp.database.client, 1_000);
    await group.submit([
      { sql: "insert into rate_counters (key, window_start_ms, count) values ('taken', 0, 1)", args: [] },
    ]);
    const outcomes = await Promise.allSettled(
      ["a", "taken", "b"].map((key) =>
        group.submit([
          { sql: "insert into rate_counters (key, window_start_ms, count) values (?, 0, 1)", args: [key] },
        ]),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const rows = await temp.database.client.execute("select key from rate_counters order by key");
    expect(rows.rows.map((r) => r[0])).toEqual(["a", "b", "taken"]);
  });
});

describe("prepared-statement cache", () => {
  it("reuses a connection's prepared statement and remembers its columns", () => {
    installStatementCache();
    const requireFromClient = createRequire(createRequire(import.meta.url).resolve("@libsql/client"));
    const Database = requireFromClient("libsql") as new (
      path: string,
    ) => { prepare: (sql: string) => { columns: () => unknown[]; all: (...a: unknown[]) => unknown[] } };
    const db = new Database(":memory:");
    const first = db.prepare("select ? as answer");
    expect(db.prepare("select ? as answer")).toBe(first);
    expect(first.columns()).toBe(first.columns());
    expect(first.all(42)).toEqual([{ answer: 42 }]);
    expect(new Database(":memory:").prepare("select ? as answer")).not.toBe(first);
  });
});

describe("group commit under overload", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("refuses writes at once beyond its queue, and every write it acknowledged is in the database", async () => {
    const temp = await tempDatabase();
    cleanup = temp.cleanup;
    const group = new GroupCommit(temp.database.client, 4);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        group.submit([
          { sql: "insert into rate_counters (key, window_start_ms, count) values (?, 0, 1)", args: [`flood${i}`] },
        ]),
      ),
    );
    const acknowledged = outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [`flood${i}`] : []));
    expect(acknowledged).toHaveLength(4);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ reason: "queue_full" });
    const rows = await temp.database.client.execute(
      "select key from rate_counters where key like 'flood%' order by key",
    );
    expect(rows.rows.map((r) => r[0])).toEqual(acknowledged.sort());
  });
});
