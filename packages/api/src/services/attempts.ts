import { inArray, sql } from "drizzle-orm";
import { delayScheduleMs, fail, ok, retryAfterSeconds, type RatePolicy, must } from "@tongxin/core";
import type { Db, Tx } from "../db/client";
import { rateCounters } from "../db/schema";

export type Attempt = { key: string; policy: RatePolicy };

/**
 * Takes one try on a key in one conditional upsert: counted (and the next
 * try's delay set) only while the window has room and no delay runs, so
 * concurrent tries on any number of API instances cannot pass together.
 * Answers whether the try was taken.
 */
async function takeTry(tx: Tx, { key, policy }: Attempt, now: number): Promise<boolean> {
  const schedule = delayScheduleMs(policy);
  const last = schedule.length - 1; // bound as a real: the JSON path casts it back
  const expired = sql`${rateCounters.windowStartMs} + ${policy.windowMs} <= ${now}`;
  const tries = sql`case when ${expired} then 1 else ${rateCounters.count} + 1 end`;
  const taken = await tx
    .insert(rateCounters)
    .values({ key, windowStartMs: now, count: 1, blockedUntilMs: now + must(schedule[Math.min(1, last)]) })
    .onConflictDoUpdate({
      target: rateCounters.key,
      set: {
        count: tries,
        windowStartMs: sql`case when ${expired} then ${now} else ${rateCounters.windowStartMs} end`,
        blockedUntilMs: sql`${now} + json_extract(${JSON.stringify(schedule)}, '$[' || cast(min(${tries}, ${last}) as integer) || ']')`,
      },
      setWhere: sql`${rateCounters.blockedUntilMs} <= ${now} and (${expired} or ${rateCounters.count} < ${policy.limit})`,
    })
    .returning({ count: rateCounters.count });
  return taken.length === 1;
}

class Refused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited");
  }
}

/**
 * Takes a try on every key, all or none: a refusal on one rolls back the
 * others, so a try that was never judged costs nothing elsewhere (an owner
 * waiting out their phone's delay does not use up their own address's tries).
 */
export async function takeTries(db: Db, attempts: Attempt[], now: number) {
  try {
    await db.transaction(async (tx) => {
      for (const attempt of attempts) {
        if (await takeTry(tx, attempt, now)) continue;
        const [window] = await tx
          .select()
          .from(rateCounters)
          .where(inArray(rateCounters.key, [attempt.key]));
        throw new Refused(Math.max(1, retryAfterSeconds(window, attempt.policy, now)));
      }
    });
    return ok({});
  } catch (error) {
    if (error instanceof Refused) return { ...fail("rate_limited"), retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
}

/** Hands back a try that turned out well (the owner signed in): it counts against nobody, and lifts the delay. */
export async function giveBack(db: Db, keys: string[]): Promise<void> {
  await db
    .update(rateCounters)
    .set({ count: sql`max(${rateCounters.count} - 1, 0)`, blockedUntilMs: 0 })
    .where(inArray(rateCounters.key, keys));
}
