import { eq, inArray, sql } from "drizzle-orm";
import { LOGIN_POLICY, fail, ok, retryAfterSeconds, type RatePolicy } from "@tongxin/core";
import { verifyPassword } from "../../auth/password";
import type { Db } from "../../db/client";
import { rateCounters, users } from "../../db/schema";
import type { Call } from "../call";

const keysFor = (phone: string, ip: string) => [
  { key: `phone:${phone}`, policy: LOGIN_POLICY.account },
  { key: `ip:${ip}`, policy: LOGIN_POLICY.ip },
];

/** One atomic upsert per key, so concurrent failures on several API instances all count. */
async function recordFailure(db: Db, key: string, policy: RatePolicy, now: number) {
  const expired = sql`${rateCounters.windowStartMs} + ${policy.windowMs} <= ${now}`;
  await db
    .insert(rateCounters)
    .values({ key, windowStartMs: now, count: 1 })
    .onConflictDoUpdate({
      target: rateCounters.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateCounters.count} + 1 end`,
        windowStartMs: sql`case when ${expired} then ${now} else ${rateCounters.windowStartMs} end`,
      },
    });
}

/** Refuses while the account or the address has too many recent failures; counts each new failure. */
export async function login({ deps }: Call, input: { phone: string; password: string; ip: string }) {
  const db = deps.database.db;
  const now = deps.now();
  const keys = keysFor(input.phone, input.ip);
  const windows = await db.select().from(rateCounters).where(inArray(rateCounters.key, keys.map((k) => k.key)));
  const waitSeconds = Math.max(0, ...keys.map(({ key, policy }) => retryAfterSeconds(windows.find((w) => w.key === key), policy, now)));
  if (waitSeconds > 0) return { ...fail("rate_limited"), retryAfterSeconds: waitSeconds };

  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt }).from(users).where(eq(users.phone, input.phone));
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid || user.disabledAt !== null) {
    for (const { key, policy } of keys) await recordFailure(db, key, policy, now);
    return fail("invalid_credentials");
  }
  await db.delete(rateCounters).where(eq(rateCounters.key, keys[0]!.key));
  return ok({ userId: user.id, cookie: await deps.sessions.create(user.id) });
}
