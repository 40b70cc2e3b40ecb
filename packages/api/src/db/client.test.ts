import { afterEach, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { tempDatabase } from "../../test/harness";
import { rateCounters } from "./schema";
import { must } from "@tongxin/core";

describe("serialised file database", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("loses no write when transactions and plain writes run concurrently", async () => {
    const temp = await tempDatabase();
    cleanup = temp.cleanup;
    const { db } = temp.database;
    const transactions = Array.from({ length: 60 }, (_, i) =>
      db.transaction(async (tx) => {
        const [before] = await tx.select({ n: count() }).from(rateCounters);
        await tx.insert(rateCounters).values({ key: `tx:${i}`, windowStartMs: must(before).n, count: 1 });
      }),
    );
    const writes = Array.from({ length: 60 }, (_, i) => db.insert(rateCounters).values({ key: `w:${i}`, windowStartMs: 0, count: 1 }));
    // A failing transaction in the middle must roll back without poisoning the writes after it.
    const failing = db
      .transaction(async (tx) => {
        await tx.insert(rateCounters).values({ key: "rolled-back", windowStartMs: 0, count: 1 });
        throw new Error("boom");
      })
      .catch((e: Error) => e.message);
    const results = await Promise.allSettled([...transactions, ...writes, failing]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await failing).toBe("boom");
    const [total] = await db.select({ n: count() }).from(rateCounters);
    expect(must(total).n).toBe(120);
    expect(await db.select().from(rateCounters).where(eq(rateCounters.key, "rolled-back"))).toEqual([]);
  });

  it("a transaction sees its own snapshot: a concurrent counter never loses an increment", async () => {
    const temp = await tempDatabase();
    cleanup = temp.cleanup;
    const { db } = temp.database;
    await db.insert(rateCounters).values({ key: "counter", windowStartMs: 0, count: 0 });
    await Promise.all(
      Array.from({ length: 100 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.select().from(rateCounters).where(eq(rateCounters.key, "counter"));
          await tx.update(rateCounters).set({ count: must(row).count + 1 }).where(eq(rateCounters.key, "counter"));
        }),
      ),
    );
    const [row] = await db.select().from(rateCounters).where(eq(rateCounters.key, "counter"));
    expect(must(row).count).toBe(100);
    // Still writable afterwards, and reads see the committed value through a fresh query.
    const check = await temp.database.client.execute("select count from rate_counters where key = 'counter'");
    expect(Number(must(check.rows[0])[0])).toBe(100);
  });
});
