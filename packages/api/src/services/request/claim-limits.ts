import { and, count, eq, gte, isNull } from "drizzle-orm";
import { decideClaimLimits, ok, parseHolderKey, shanghaiDayStart, must } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { requestHolds } from "../../db/schema";
import { isVouched } from "../volunteer/vouched";

/**
 * A volunteer's own claim, checked inside the claim's transaction: vouched
 * for, then their releases today and the requests they hold until the resident confirms.
 * Teams and partner units, and staff assigning, are not limited.
 */
export async function checkClaimLimits(tx: Tx, holderKey: string, now: number) {
  const holder = parseHolderKey(holderKey);
  if (holder?.kind !== "volunteer") return ok({});
  const [released] = await tx
    .select({ n: count() })
    .from(requestHolds)
    .where(
      and(
        eq(requestHolds.holderKey, holderKey),
        gte(requestHolds.endedAt, shanghaiDayStart(now)),
        eq(requestHolds.endReason, "release"),
      ),
    );
  const [holding] = await tx
    .select({ n: count() })
    .from(requestHolds)
    .where(and(eq(requestHolds.holderKey, holderKey), isNull(requestHolds.endedAt)));
  return decideClaimLimits({
    vouched: await isVouched(tx, holder.id),
    releasedToday: must(released).n,
    holding: must(holding).n,
  });
}
