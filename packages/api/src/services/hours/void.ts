import { eq } from "drizzle-orm";
import { decideOwnRecord, decideVoid, fail, ok, must } from "@tongxin/core";
import { serviceHours } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { loadForOrganiser } from "../activity/load";
import { reverseEarning } from "../points/earning";

/** Confirmed hours are never deleted: a mistake is voided with a reason (its points reversed), and may then be confirmed again. */
export async function voidHours({ deps, actor, requestId }: Call, hoursId: number, reason: string) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [entry] = await tx.select().from(serviceHours).where(eq(serviceHours.id, hoursId));
    // A care visit's hours are the grid's, not an activity's: they are not voided here.
    if (!entry || entry.activityId === null) return fail("not_found");
    const loaded = await loadForOrganiser(tx, actor, entry.activityId);
    if (!loaded.ok) return loaded;
    const own = decideOwnRecord(must(actor).userId, entry.userId);
    if (!own.ok) return own;
    const decided = decideVoid(entry, reason);
    if (!decided.ok) return decided;
    await tx
      .update(serviceHours)
      .set({ voidedAt: now, voidedBy: must(actor).userId, voidReason: reason.trim() })
      .where(eq(serviceHours.id, hoursId));
    await reverseEarning(tx, `hours:${hoursId}`, now);
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "hours.void",
        entity: "serviceHours",
        entityId: hoursId,
        scope: loaded.activity.scope,
        before: { minutes: entry.minutes },
        after: { voided: true, reason: reason.trim() },
      },
      { requestId, now },
    );
    return ok({ id: hoursId });
  });
}
