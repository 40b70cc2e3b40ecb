import { and, eq, gt } from "drizzle-orm";
import { KNOWN_ADDRESS_MS, LOGIN_POLICY, addressBucket, fail, ok } from "@tongxin/core";
import { verifyPassword } from "../../auth/password";
import { rateCounters, users } from "../../db/schema";
import type { Db } from "../../db/client";
import { giveBack, takeTries } from "../attempts";
import type { Call } from "../call";

/** The address first: a try it refuses touches neither the account's counters nor the owner's. */
const attemptsFor = (phone: string, ip: string, at = addressBucket(ip)) => ({
  ip: { key: `login:ip:${at}`, policy: LOGIN_POLICY.ip },
  pair: { key: `login:pair:${phone}:${at}`, policy: LOGIN_POLICY.pair },
  phone: { key: `login:phone:${phone}`, policy: LOGIN_POLICY.phone },
  known: `login:known:${phone}:${at}`,
});

/** The owner signed in from this address lately (the row's window start is that sign-in). */
async function isKnownAddress(db: Db, key: string, now: number): Promise<boolean> {
  const rows = await db
    .select({ key: rateCounters.key })
    .from(rateCounters)
    .where(and(eq(rateCounters.key, key), gt(rateCounters.windowStartMs, now - KNOWN_ADDRESS_MS)));
  return rows.length === 1;
}

async function rememberAddress(db: Db, key: string, now: number) {
  await db
    .insert(rateCounters)
    .values({ key, windowStartMs: now, count: 0 })
    .onConflictDoUpdate({ target: rateCounters.key, set: { windowStartMs: now } });
}

/**
 * Takes a try on the address, the phone on that address and — unless the
 * owner signed in from this address lately — the phone, before the password
 * is checked; a success hands the tries back, clears the owner's count on
 * their address and remembers it. Unknown phone and wrong password take the
 * same path and the same time.
 */
export async function login({ deps }: Call, input: { phone: string; password: string; ip: string }) {
  const db = deps.database.db;
  const attempts = attemptsFor(input.phone, input.ip);
  const now = deps.now();
  const known = await isKnownAddress(db, attempts.known, now);
  const taken = await takeTries(
    db,
    known ? [attempts.ip, attempts.pair] : [attempts.ip, attempts.pair, attempts.phone],
    now,
  );
  if (!taken.ok) return taken;

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.phone, input.phone));
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid || user.disabledAt !== null) return fail("invalid_credentials");
  await db.delete(rateCounters).where(eq(rateCounters.key, attempts.pair.key));
  await giveBack(db, known ? [attempts.ip.key] : [attempts.ip.key, attempts.phone.key]);
  await rememberAddress(db, attempts.known, now);
  return ok({ userId: user.id, cookie: await deps.sessions.create(user.id) });
}
