import { checkPeriodDays, checkProcedure, fail, must, ok, PROCEDURE_CODES, type BuiltInProcedure } from "@tongxin/core";
import { topicProcedures } from "../../db/schema";
import { writeAudit } from "../audit";
import type { Call } from "../call";
import { authorizeInCommunity } from "../scope";
import { procedureOf, takesPart } from "./load";

/** The community's procedure for each kind of topic: its own where it set one, else the built-in. */
export async function listProcedures(call: Call, communityId: number) {
  const db = call.deps.database.db;
  const allowed = await takesPart(db, call.actor, communityId);
  if (!allowed.ok) return allowed;
  const items = [];
  for (const code of PROCEDURE_CODES) items.push({ code, ...(await procedureOf(db, communityId, code)) });
  return ok({ items });
}

export type ProcedureInput = { steps: string[]; commentDays: number; noticeWorkingDays: number };

/** Staff set the steps a kind of topic goes through; topics already in deliberation keep the steps they entered with. */
export async function setProcedure(call: Call, communityId: number, code: BuiltInProcedure, input: ProcedureInput) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const allowed = await authorizeInCommunity(tx, call.actor, "topic.manage", communityId);
    if (!allowed.ok) return allowed;
    const checked = checkProcedure(code, input.steps);
    if (!checked.ok) return checked;
    if (!checkPeriodDays(input.commentDays)) return fail("invalid_comment_days");
    if (!checkPeriodDays(input.noticeWorkingDays)) return fail("invalid_notice_days");
    const actorUserId = must(call.actor).userId;
    const values = {
      steps: JSON.stringify(checked.steps),
      commentDays: input.commentDays,
      noticeWorkingDays: input.noticeWorkingDays,
      updatedBy: actorUserId,
      updatedAt: now,
    };
    const before = await procedureOf(tx, communityId, code);
    await tx
      .insert(topicProcedures)
      .values({ communityId, code, ...values })
      .onConflictDoUpdate({ target: [topicProcedures.communityId, topicProcedures.code], set: values });
    await writeAudit(
      tx,
      {
        actorUserId,
        action: "topic.procedure",
        entity: "topic_procedure",
        entityId: communityId,
        scope: allowed.scope,
        before,
        after: { code, ...input, steps: checked.steps },
      },
      { requestId: call.requestId, now },
    );
    return ok({
      code,
      steps: checked.steps,
      commentDays: input.commentDays,
      noticeWorkingDays: input.noticeWorkingDays,
    });
  });
}
