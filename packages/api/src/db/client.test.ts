import { afterEach, describe, expect, it } from "vitest";
import { count, eq, like } from "drizzle-orm";
import { createClient } from "@libsql/client";
import { tempDatabase } from "../../test/harness";
import { busyOf, DatabaseBusy } from "./errors";
import { rateCounters } from "./schema";
import { must } from "@tongxin/core";

/** Opens a write transaction and keeps it open, awaiting between statements, until `finish` is called. */
function holdWriter(db: Awaited<ReturnType<typeof tempDatabase>>["database"]["db"], key: string) {
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let started = () => {};
  const ready = new Promise<void>((resolve) => (started = resolve));
  const done = db.transaction(async (tx) => {
    await tx.insert(rateCounters).values({ key, windowStartMs: 0, count: 1 });
    started();
    await finished;
  });
  return { ready, finish: () => (finish(), done) };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<"stuck">((resolve) => setTimeout(() => resolve("stuck"), ms))]);

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
    const writes = Array.from({ length: 60 }, (_, i) =>
      db.insert(rateCounters).values({ key: `w:${i}`, windowStartMs: 0, count: 1 }),
    );
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
          await tx
            .update(rateCounters)
            .set({ count: must(row).count + 1 })
            .where(eq(rateCounters.key, "counter"));
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

describe("a data layer that degrades, never jams", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("a caller that timed out waiting behind a long transaction leaves the queue: the next query succeeds once it ends", async () => {
    const temp = await tempDatabase(undefined, { lock: { waitMsMax: 50, waitersMax: 10 } });
    cleanup = temp.cleanup;
    const { db } = temp.database;
    const holder = holdWriter(db, "holder");
    await holder.ready;
    await expect(db.insert(rateCounters).values({ key: "impatient", windowStartMs: 0, count: 1 })).rejects.toSatisfy(
      (e) => e instanceof Error && (e.cause ?? e) instanceof DatabaseBusy,
    );
    await holder.finish();
    await db.insert(rateCounters).values({ key: "fresh", windowStartMs: 0, count: 1 });
    expect((await db.select().from(rateCounters)).map((r) => r.key).sort()).toEqual(["fresh", "holder"]);
  });

  it("plain reads and read transactions answer while a write transaction holds the writer, and see only committed data", async () => {
    const temp = await tempDatabase();
    cleanup = temp.cleanup;
    const { db } = temp.database;
    await db.insert(rateCounters).values({ key: "committed", windowStartMs: 0, count: 1 });
    const holder = holdWriter(db, "uncommitted");
    await holder.ready;
    const plain = await within(db.select().from(rateCounters), 1_000);
    const inTransaction = await within(
      temp.database.read(async (tx) => {
        const first = await tx.select().from(rateCounters);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return [first, await tx.select({ n: count() }).from(rateCounters)] as const;
      }),
      1_000,
    );
    await holder.finish();
    expect(plain).not.toBe("stuck");
    expect(inTransaction).not.toBe("stuck");
    expect((plain as { key: string }[]).map((r) => r.key)).toEqual(["committed"]);
    const [rows, [total]] = inTransaction as Exclude<typeof inTransaction, "stuck">;
    expect(rows.map((r) => r.key)).toEqual(["committed"]);
    expect(total?.n).toBe(1);
    // Once committed, the next read sees the write.
    expect((await db.select().from(rateCounters)).map((r) => r.key).sort()).toEqual(["committed", "uncommitted"]);
  });

  it("a read transaction refuses to write", async () => {
    const temp = await tempDatabase();
    cleanup = temp.cleanup;
    await expect(
      temp.database.read((tx) => tx.insert(rateCounters).values({ key: "sneaky", windowStartMs: 0, count: 1 })),
    ).rejects.toThrow();
    expect(await temp.database.db.select().from(rateCounters)).toEqual([]);
  });

  it("a write that meets another process holding the file's write lock is retried, and commits once the lock is free", async () => {
    const temp = await tempDatabase();
    cleanup = temp.cleanup;
    const other = createClient({ url: `file:${temp.path}`, timeout: 10 });
    const otherTx = await other.transaction("write");
    await otherTx.execute("insert into rate_counters (key, window_start_ms, count) values ('other', 0, 1)");
    setTimeout(() => void otherTx.commit(), 150);
    await temp.database.db.transaction((tx) =>
      tx.insert(rateCounters).values({ key: "mine", windowStartMs: 0, count: 1 }),
    );
    await temp.database.db.insert(rateCounters).values({ key: "plain", windowStartMs: 0, count: 1 });
    other.close();
    expect(
      (await temp.database.db.select().from(rateCounters).where(like(rateCounters.key, "%"))).map((r) => r.key).sort(),
    ).toEqual(["mine", "other", "plain"]);
  });

  it("gives up after a bounded number of attempts when the other writer keeps the lock, having written nothing", async () => {
    let pauses = 0;
    const temp = await tempDatabase(undefined, {
      retry: { attemptsMax: 3, backoffMsBase: 10, random: () => (pauses++, 0.5) },
    });
    cleanup = temp.cleanup;
    const other = createClient({ url: `file:${temp.path}`, timeout: 10 });
    const otherTx = await other.transaction("write");
    const failed = await temp.database.db
      .transaction((tx) => tx.insert(rateCounters).values({ key: "mine", windowStartMs: 0, count: 1 }))
      .catch((error: unknown) => error);
    await otherTx.rollback();
    other.close();
    expect(pauses).toBe(2); // three attempts, two pauses between them
    expect(busyOf(failed)?.reason).toBe("busy");
    expect(await temp.database.db.select().from(rateCounters)).toEqual([]);
  });
});
