/** A fixed window of failures per key (an account's phone, a client IP). */
export type RateWindow = { windowStartMs: number; count: number };
export type RatePolicy = { limit: number; windowMs: number };

export const LOGIN_POLICY = {
  account: { limit: 5, windowMs: 15 * 60_000 },
  ip: { limit: 30, windowMs: 15 * 60_000 },
} as const satisfies Record<string, RatePolicy>;

/** Seconds to wait before another attempt, or 0 when allowed. */
export function retryAfterSeconds(window: RateWindow | undefined, policy: RatePolicy, nowMs: number): number {
  if (!window) return 0;
  const endMs = window.windowStartMs + policy.windowMs;
  if (nowMs >= endMs || window.count < policy.limit) return 0;
  return Math.ceil((endMs - nowMs) / 1000);
}
