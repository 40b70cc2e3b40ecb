import { describe, expect, it } from "vitest";
import { retryAfterSeconds } from "./rate-limit";

const policy = { limit: 3, windowMs: 60_000 };

describe("login rate limit", () => {
  it.each([
    { case: "no failures yet", window: undefined, now: 0, wait: 0 },
    { case: "below the limit", window: { windowStartMs: 0, count: 2 }, now: 1_000, wait: 0 },
    { case: "at the limit inside the window", window: { windowStartMs: 0, count: 3 }, now: 30_000, wait: 30 },
    { case: "at the limit after the window", window: { windowStartMs: 0, count: 3 }, now: 60_000, wait: 0 },
  ])("$case → waits $wait s", ({ window, now, wait }) => {
    expect(retryAfterSeconds(window, policy, now)).toBe(wait);
  });
});
