import { must } from "./result";
/**
 * Attempt limits, counted BEFORE the attempt is judged (a try is taken, then
 * the password or the look-up is checked), so a parallel burst cannot slip
 * past a count that its own failures have not written yet.
 */
export type RateWindow = { windowStartMs: number; count: number; blockedUntilMs: number };

/**
 * At most `limit` tries per window; with `delay`, each try past `freeTries`
 * also makes the next one wait, doubling from `firstMs` up to `maxMs`.
 */
export type RatePolicy = { limit: number; windowMs: number; delay?: GrowingDelay };
export type GrowingDelay = { freeTries: number; firstMs: number; maxMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Sign-in. Per (phone, address) strict; per address a limit across phones;
 * per phone alone no hard limit (anyone could use one to lock the owner out)
 * but a delay that grows with failures from everywhere, capped at one minute,
 * so the owner waits at most that long and a botnet gets one guess a minute.
 */
export const LOGIN_POLICY = {
  pair: { limit: 5, windowMs: 15 * MINUTE },
  ip: { limit: 30, windowMs: 15 * MINUTE },
  phone: { limit: Number.MAX_SAFE_INTEGER, windowMs: HOUR, delay: { freeTries: 10, firstMs: 1_000, maxMs: MINUTE } },
} as const satisfies Record<string, RatePolicy>;

/**
 * An address the owner signed in from within this long is theirs: the
 * per-phone delay, which strangers everywhere feed, does not apply there (the
 * strict per (phone, address) limit still does), so an attack from many
 * addresses cannot keep the owner out.
 */
export const KNOWN_ADDRESS_MS = 30 * 24 * HOUR;

/** Self-registration per client address: a household registers a few people, not a crowd. */
export const REGISTER_POLICY = { limit: 5, windowMs: HOUR } as const satisfies RatePolicy;

/** Finding a household by a member's phone, per signed-in user: enough to give, too few to harvest. */
export const PHONE_LOOKUP_POLICY = { limit: 10, windowMs: HOUR } as const satisfies RatePolicy;

/** Milliseconds the try after the `tries`-th must wait. */
export function growingDelayMs(tries: number, delay: GrowingDelay): number {
  const past = tries - delay.freeTries;
  if (past <= 0) return 0;
  return Math.min(delay.firstMs * 2 ** (past - 1), delay.maxMs);
}

/**
 * The wait after each try count, index = tries, up to where it stops growing:
 * the database statement that takes a try reads it, so the curve lives here only.
 */
export function delayScheduleMs(policy: RatePolicy): number[] {
  const { delay } = policy;
  if (!delay) return [0];
  const schedule = [0];
  for (let tries = 1; must(schedule.at(-1)) < delay.maxMs; tries++) schedule.push(growingDelayMs(tries, delay));
  return schedule;
}

/** Seconds to wait before another try, or 0 when allowed. */
export function retryAfterSeconds(window: RateWindow | undefined, policy: RatePolicy, nowMs: number): number {
  if (!window) return 0;
  const endMs = window.windowStartMs + policy.windowMs;
  const untilMs = Math.max(window.blockedUntilMs, nowMs < endMs && window.count >= policy.limit ? endMs : 0);
  return untilMs > nowMs ? Math.ceil((untilMs - nowMs) / 1000) : 0;
}

/** Hextets of an IPv6 address one holder owns: a home or phone gets a whole /64, so a limit counts the /64. */
const IPV6_HOLDER_HEXTETS = 4;

/**
 * The key a per-address limit counts under: an IPv4 address as it is (also when written IPv4-mapped,
 * `::ffff:1.2.3.4`), an IPv6 address by its /64, which one household or phone can hop through freely.
 */
export function addressBucket(address: string): string {
  const ip = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return must(mapped[1]);
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.split("%")[0]?.split("::") ?? [];
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  const zeros = Array(Math.max(0, 8 - left.length - right.length)).fill("0");
  const hextets = [...left, ...(ip.includes("::") ? zeros : []), ...right];
  return `${hextets
    .slice(0, IPV6_HOLDER_HEXTETS)
    .map((h) => h.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
