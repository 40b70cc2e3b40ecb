import { describe, expect, it } from "vitest";
import { LOGIN_POLICY, addressBucket, delayScheduleMs, growingDelayMs, retryAfterSeconds } from "./rate-limit";

const policy = { limit: 3, windowMs: 60_000 };
const delay = { freeTries: 2, firstMs: 1_000, maxMs: 8_000 };

describe("rate limit", () => {
  it.each([
    { case: "no tries yet", window: undefined, now: 0, wait: 0 },
    { case: "below the limit", window: { windowStartMs: 0, count: 2, blockedUntilMs: 0 }, now: 1_000, wait: 0 },
    {
      case: "at the limit inside the window",
      window: { windowStartMs: 0, count: 3, blockedUntilMs: 0 },
      now: 30_000,
      wait: 30,
    },
    {
      case: "at the limit after the window",
      window: { windowStartMs: 0, count: 3, blockedUntilMs: 0 },
      now: 60_000,
      wait: 0,
    },
    {
      case: "below the limit but delayed",
      window: { windowStartMs: 0, count: 1, blockedUntilMs: 4_500 },
      now: 1_000,
      wait: 4,
    },
    {
      case: "a delay that has passed",
      window: { windowStartMs: 0, count: 1, blockedUntilMs: 4_500 },
      now: 4_500,
      wait: 0,
    },
  ])("$case → waits $wait s", ({ window, now, wait }) => {
    expect(retryAfterSeconds(window, policy, now)).toBe(wait);
  });
});

describe("growing delay", () => {
  it.each([
    { tries: 0, ms: 0 },
    { tries: 2, ms: 0 },
    { tries: 3, ms: 1_000 },
    { tries: 4, ms: 2_000 },
    { tries: 5, ms: 4_000 },
    { tries: 6, ms: 8_000 },
    { tries: 7, ms: 8_000 },
    { tries: 1_000, ms: 8_000 },
  ])("after $tries tries the next waits $ms ms", ({ tries, ms }) => {
    expect(growingDelayMs(tries, delay)).toBe(ms);
  });

  it("the schedule the database reads follows the curve up to its cap", () => {
    expect(delayScheduleMs({ ...policy, delay })).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000]);
    expect(delayScheduleMs(policy)).toEqual([0]);
  });

  it("sign-in by phone never waits more than a minute, however many failures", () => {
    expect(growingDelayMs(1e6, LOGIN_POLICY.phone.delay)).toBe(60_000);
    expect(delayScheduleMs(LOGIN_POLICY.phone).at(-1)).toBe(60_000);
  });
});

describe("the address a per-address limit counts", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:DB8:0001:0002:0:0:0:9", "2001:db8:1:2::/64"],
    ["2001:db8::5", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("%s counts as %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });

  it("gives two addresses of one /64 one budget, and another /64 its own", () => {
    expect(addressBucket("2001:db8:1:2::a")).toBe(addressBucket("2001:db8:1:2:ffff::b"));
    expect(addressBucket("2001:db8:1:3::a")).not.toBe(addressBucket("2001:db8:1:2::a"));
  });
});
