import { and, eq, isNull } from "drizzle-orm";
import { authorize, fail, ok, warningReadAction } from "@tongxin/core";
import { warnings } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { communityScope, gridScope } from "../scope";
import { presentWarning } from "./list";

/** 知道了: staff who see a warning note they have it in hand (audited); again, it answers the same and writes nothing. */
export async function acknowledgeWarning(call: Call, warningId: number) {
  if (!call.actor) return fail("unauthenticated");
  const actor = call.actor;
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [found] = await tx.select().from(warnings).where(eq(warnings.id, warningId));
    if (!found) return fail("not_found");
    const scope = found.gridId ? await gridScope(tx, found.gridId) : await communityScope(tx, found.communityId);
    if (!scope) return fail("not_found");
    const allowed = authorize(actor, warningReadAction(found.kind), scope);
    if (!allowed.ok) return allowed;
    if (found.acknowledgedAt !== null) return ok(presentWarning(found));
    await tx
      .update(warnings)
      .set({ acknowledgedBy: actor.userId, acknowledgedAt: now })
      .where(and(eq(warnings.id, warningId), isNull(warnings.acknowledgedAt)));
    const entry = {
      actorUserId: actor.userId,
      action: "warning.acknowledge",
      entity: "warning",
      entityId: warningId,
      scope,
      before: { kind: found.kind, subject: found.subject, acknowledgedAt: null },
      after: { kind: found.kind, subject: found.subject, acknowledgedAt: now },
    };
    await writeAudit(tx, entry, { requestId: call.requestId, now });
    return ok(presentWarning({ ...found, acknowledgedAt: now }));
  });
}
