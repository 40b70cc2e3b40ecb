import { eq } from "drizzle-orm";
import { LOGIN_POLICY, fail, ok } from "@tongxin/core";
import { verifyPassword } from "../../auth/password";
import { rateCounters, users } from "../../db/schema";
import { giveBack, takeTries } from "../attempts";
import type { Call } from "../call";

/** The address first: a try it refuses touches neither the account's counters nor the owner's. */
const attemptsFor = (phone: string, ip: string) => ({
  ip: { key: `login:ip:${ip}`, policy: LOGIN_POLICY.ip },
  pair: { key: `login:pair:${phone}:${ip}`, policy: LOGIN_POLICY.pair },
  phone: { key: `login:phone:${phone}`, policy: LOGIN_POLICY.phone },
});

/**
 * Takes a try on the address, the phone on that address and the phone before
 * the password is checked; a success hands the tries back and clears the
 * owner's count on their address. Unknown phone and wrong password take the
 * same path and the same time.
 */
export async function login({ deps }: Call, input: { phone: string; password: string; ip: string }) {
  const db = deps.database.db;
  const attempts = attemptsFor(input.phone, input.ip);
  const taken = await takeTries(db, [attempts.ip, attempts.pair, attempts.phone], deps.now());
  if (!taken.ok) return taken;

  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt }).from(users).where(eq(users.phone, input.phone));
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid || user.disabledAt !== null) return fail("invalid_credentials");
  await db.delete(rateCounters).where(eq(rateCounters.key, attempts.pair.key));
  await giveBack(db, [attempts.ip.key, attempts.phone.key]);
  return ok({ userId: user.id, cookie: await deps.sessions.create(user.id) });
}
