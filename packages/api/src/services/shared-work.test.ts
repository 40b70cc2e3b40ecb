import { describe, expect, it } from "vitest";
import { sharedWork } from "./shared-work";

const later = <T>(value: T, ms = 20) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("work shared by readers", () => {
  it("thirty readers of one key at once run the work once and all get its answer", async () => {
    const shared = sharedWork<number>(2);
    let runs = 0;
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        shared("grid:1", async () => {
          runs += 1;
          return later(42);
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(answers.every((a) => a === 42)).toBe(true);
  });

  it("runs at most runningMax keys at once; the others wait their turn and still run", async () => {
    const shared = sharedWork<string>(2);
    let running = 0;
    let most = 0;
    const keys = ["a", "b", "c", "d", "e"];
    const answers = await Promise.all(
      keys.map((key) =>
        shared(key, async () => {
          running += 1;
          most = Math.max(most, running);
          await later(null);
          running -= 1;
          return key;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(answers).toEqual(keys);
  });

  it("keeps nothing once the work settles: a later reader runs it again, also after a failure", async () => {
    const shared = sharedWork<number>(1);
    await expect(shared("k", () => Promise.reject(new Error("busy")))).rejects.toThrow("busy");
    let runs = 0;
    const work = async () => ++runs;
    expect(await shared("k", work)).toBe(1);
    expect(await shared("k", work)).toBe(2);
  });
});
