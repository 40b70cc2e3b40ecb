import { eq, sql } from "drizzle-orm";
import {
  decideTriage,
  enterProcedure,
  must,
  ok,
  type BuiltInProcedure,
  type TopicStatus,
  type TriageAction,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import { topics } from "../../db/schema";
import { writeAudit } from "../audit";
import type { Call } from "../call";
import { managedTopic, procedureOf, tellProposer, type TopicRow } from "./load";

export type TriageInput = {
  action: TriageAction;
  /** For deliberate: which kind of topic it is, so which procedure it follows. */
  procedure?: BuiltInProcedure | undefined;
  /** For merge: the live topic it duplicates. */
  mergeInto?: number | undefined;
  /** For decline: the public reason. */
  reason?: string | undefined;
};

async function targetOf(tx: Tx, id: number | undefined) {
  if (id === undefined) return null;
  const [row] = await tx
    .select({ id: topics.id, communityId: topics.communityId, status: topics.status })
    .from(topics)
    .where(eq(topics.id, id));
  return row ?? null;
}

/** The columns a triage sets: the procedure's first step, or the merge or the declining. */
async function changesOf(tx: Tx, topic: TopicRow, input: TriageInput, status: TopicStatus | null, now: number) {
  if (status === "merged") return { status, mergedIntoId: must(input.mergeInto) };
  if (status === "declined") return { status, declineReason: must(input.reason).trim() };
  const code = input.procedure ?? "yizheng";
  const spec = await procedureOf(tx, topic.communityId, code);
  const state = enterProcedure(spec, now);
  return {
    status: state.status,
    procedure: code,
    procedureSteps: JSON.stringify(spec.steps),
    stepIndex: state.stepIndex,
    currentStep: spec.steps[0] ?? null,
    stepDueAt: state.stepDueAt,
  };
}

/** Staff take a proposed topic into its procedure, merge it into the topic it duplicates, or decline it in public. */
export async function triageTopic(call: Call, topicId: number, input: TriageInput) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await managedTopic(tx, call.actor, topicId);
    if (!loaded.ok) return loaded;
    const { topic, scope } = loaded;
    const decided = decideTriage({
      status: topic.status,
      action: input.action,
      topicId,
      communityId: topic.communityId,
      target: await targetOf(tx, input.mergeInto),
      reason: input.reason ?? null,
    });
    if (!decided.ok) return decided;
    const changes = await changesOf(tx, topic, input, decided.status, now);
    await tx
      .update(topics)
      .set({ ...changes, updatedAt: now, version: sql`${topics.version} + 1` })
      .where(eq(topics.id, topicId));
    const actorUserId = must(call.actor).userId;
    await writeAudit(
      tx,
      {
        actorUserId,
        action: `topic.${input.action}`,
        entity: "topic",
        entityId: topicId,
        scope,
        before: { status: topic.status },
        after: changes,
      },
      { requestId: call.requestId, now },
    );
    await tellProposer(tx, topic, changes.status, actorUserId, now);
    return ok({ id: topicId, status: changes.status });
  });
}
