import { eq, lte, or } from "drizzle-orm";
import { SCHEDULER_LEASE_MS } from "@tongxin/core";
import type { Db } from "../../db/client";
import { schedulerLeases } from "../../db/schema";

/**
 * Takes or renews a timed job's lease for this instance, in one transaction:
 * the row is written only if it is free, lapsed or already this holder's.
 * Answers whether this instance runs the job now. Several API instances
 * (or two runs racing) may call this at once; one wins until the lease lapses.
 */
export async function takeLease(
  db: Db,
  name: string,
  holder: string,
  now: number,
  leaseMs = SCHEDULER_LEASE_MS,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const expiresAt = now + leaseMs;
    await tx
      .insert(schedulerLeases)
      .values({ name, holder, expiresAt })
      .onConflictDoUpdate({
        target: schedulerLeases.name,
        set: { holder, expiresAt },
        setWhere: or(eq(schedulerLeases.holder, holder), lte(schedulerLeases.expiresAt, now)),
      });
    const [lease] = await tx
      .select({ holder: schedulerLeases.holder })
      .from(schedulerLeases)
      .where(eq(schedulerLeases.name, name));
    return lease?.holder === holder;
  });
}
