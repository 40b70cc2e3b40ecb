import { describe, expect, it } from "vitest";
import { DatabaseBusy } from "./errors";
import { Lock } from "./lock";

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe("the database lock", () => {
  it("a waiter that times out leaves the queue: the lock passes on to the next caller when its holder releases", async () => {
    const lock = new Lock({ waitMsMax: 50, waitersMax: 10 });
    const releaseHolder = await lock.acquire();
    const timedOut = await settle(lock.acquire());
    expect(timedOut).toMatchObject({ error: expect.any(DatabaseBusy) });
    expect((timedOut as { error: DatabaseBusy }).error.reason).toBe("lock_wait");
    expect(lock.waiting).toBe(0);
    releaseHolder();
    const fresh = await settle(lock.acquire());
    expect(fresh).toMatchObject({ value: expect.any(Function) });
  });

  it("a waiter that times out in the middle of the queue does not stop the lock reaching the one behind it", async () => {
    const lock = new Lock({ waitMsMax: 60, waitersMax: 10 });
    const releaseHolder = await lock.acquire();
    const middle = settle(lock.acquire());
    await new Promise((resolve) => setTimeout(resolve, 40));
    const behind = lock.acquire();
    expect(await middle).toMatchObject({ error: expect.any(DatabaseBusy) });
    releaseHolder();
    await expect(behind).resolves.toEqual(expect.any(Function));
  });

  it("refuses a caller at once when as many as allowed are already waiting, and serves those that wait in order", async () => {
    const lock = new Lock({ waitMsMax: 10_000, waitersMax: 2 });
    const release = await lock.acquire();
    const order: number[] = [];
    const waiting = [1, 2].map((n) => lock.with(async () => void order.push(n)));
    const refused = await settle(lock.acquire());
    expect((refused as { error: DatabaseBusy }).error.reason).toBe("queue_full");
    release();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2]);
  });

  it("lets as many holders in as it has permits", async () => {
    const lock = new Lock({ waitMsMax: 30, waitersMax: 10 }, 2);
    await lock.acquire();
    await lock.acquire();
    await expect(lock.acquire()).rejects.toBeInstanceOf(DatabaseBusy);
  });
});
