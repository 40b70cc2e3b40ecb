import { eq } from "drizzle-orm";
import { fail, ok, must } from "@tongxin/core";
import { communities } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { authorizeInCommunity } from "../scope";

/**
 * 监督电话: the number printed under the community's public notices for
 * residents to report concerns. Community staff (and the street admin) set or
 * clear it; the route has validated its shape. Audited.
 */
export async function setSupervisionPhone(call: Call, communityId: number, phone: string | null) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const allowed = await authorizeInCommunity(tx, call.actor, "structure.manage", communityId);
    if (!allowed.ok) return allowed;
    const [before] = await tx
      .select({ supervisionPhone: communities.supervisionPhone })
      .from(communities)
      .where(eq(communities.id, communityId));
    if (!before) return fail("not_found");
    await tx.update(communities).set({ supervisionPhone: phone }).where(eq(communities.id, communityId));
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "community.supervisionPhone",
        entity: "community",
        entityId: communityId,
        scope: allowed.scope,
        before,
        after: { supervisionPhone: phone },
      },
      { requestId: call.requestId, now },
    );
    return ok({ communityId, supervisionPhone: phone });
  });
}
