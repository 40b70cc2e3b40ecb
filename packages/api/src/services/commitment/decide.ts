import { and, eq } from "drizzle-orm";
import { commitmentsPath, decideOutcome, fail, ok, type CommitmentOutcome } from "@tongxin/core";
import { commitments } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { notify } from "../notify";
import { markWarningsStale } from "../warning/refresh";
import { isStaffOver, loadCommitment } from "./load";

/**
 * Staff mark an open commitment kept, not kept or withdrawn (the last two with a reason), once: a versioned update,
 * so two staff deciding at once leave one outcome. Audited; the committer hears of it in their inbox.
 */
export async function decideCommitment(
  call: Call,
  id: number,
  input: { outcome: CommitmentOutcome; reason?: string | undefined },
) {
  const actor = call.actor;
  if (!actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await loadCommitment(tx, id);
    if (!loaded) return fail("not_found");
    if (!isStaffOver(actor, loaded.scope)) return fail("forbidden");
    const { row, scope } = loaded;
    const decided = decideOutcome(row.state, input.outcome, input.reason ?? null);
    if (!decided.ok) return decided;
    const changed = await tx
      .update(commitments)
      .set({
        state: decided.state,
        outcomeReason: decided.reason,
        decidedBy: actor.userId,
        decidedAt: now,
        version: row.version + 1,
      })
      .where(and(eq(commitments.id, id), eq(commitments.version, row.version)));
    if (changed.rowsAffected !== 1) return fail("not_allowed_in_state");
    const before = { state: row.state };
    const after = { state: decided.state, reason: decided.reason };
    await writeAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: "commitment.decide",
        entity: "commitment",
        entityId: id,
        scope,
        before,
        after,
      },
      { requestId: call.requestId, now },
    );
    const told = [...new Set([row.committerUserId, row.createdBy])].filter(
      (userId): userId is number => userId !== null && userId !== actor.userId,
    );
    const path = commitmentsPath(row.communityId);
    await notify(tx, told, "commitment_decided", { commitmentId: id, what: row.what, ...after, path }, now);
    await markWarningsStale(tx, row.communityId);
    return ok({ id, state: decided.state, outcomeReason: decided.reason });
  });
}
