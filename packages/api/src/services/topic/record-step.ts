import { and, count, eq, isNull, sql } from "drizzle-orm";
import { decideStep, fail, must, ok, type MeetingDecision, type ResourceScope } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { meetingAgenda, meetings, topicObjections, topicSteps, topics } from "../../db/schema";
import { writeAudit } from "../audit";
import type { Call } from "../call";
import { loadTopic, managedTopic, specOf, stateOf, tellProposer } from "./load";

export type StepRecord = {
  stepIndex: number;
  outcome?: "passed" | "rejected" | undefined;
  note?: string | undefined;
  meetingId?: number | undefined;
};

/** The meeting's decision on this topic, read from its agenda; none when the topic was not on that meeting's agenda. */
async function meetingDecision(tx: Tx, meetingId: number, topicId: number, communityId: number) {
  const [row] = await tx
    .select({ body: meetings.body, communityId: meetings.communityId, passed: meetingAgenda.passed })
    .from(meetingAgenda)
    .innerJoin(meetings, eq(meetings.id, meetingAgenda.meetingId))
    .where(and(eq(meetingAgenda.meetingId, meetingId), eq(meetingAgenda.topicId, topicId)));
  return row && row.communityId === communityId
    ? ({ meetingId, body: row.body, passed: row.passed } satisfies MeetingDecision)
    : null;
}

async function openObjections(tx: Tx, topicId: number) {
  const [row] = await tx
    .select({ n: count() })
    .from(topicObjections)
    .where(and(eq(topicObjections.topicId, topicId), isNull(topicObjections.answer)));
  return row?.n ?? 0;
}

/**
 * Records the topic's current step inside the caller's transaction, once its rule holds (core `decideStep`):
 * the route's verb calls it for staff, and a meeting's counting may call it with the meeting's decision.
 * The caller has authorised `actorUserId` over `scope`.
 */
export async function recordStep(
  tx: Tx,
  topicId: number,
  input: StepRecord,
  who: { actorUserId: number; scope: ResourceScope; requestId: string; now: number },
) {
  const loaded = await loadTopic(tx, topicId);
  if (!loaded.ok) return loaded;
  const { topic } = loaded;
  const spec = await specOf(tx, topic);
  if (!spec) return fail("not_allowed_in_state");
  const meeting =
    input.meetingId === undefined ? null : await meetingDecision(tx, input.meetingId, topicId, topic.communityId);
  if (input.meetingId !== undefined && !meeting) return fail("not_on_agenda");
  const decided = decideStep(
    stateOf(topic),
    spec,
    { ...input, meeting, openObjections: await openObjections(tx, topicId) },
    who.now,
  );
  if (!decided.ok) return decided;
  const { recorded, next } = decided;
  await tx.insert(topicSteps).values({ topicId, ...recorded, decidedBy: who.actorUserId, decidedAt: who.now });
  await tx
    .update(topics)
    .set({
      ...next,
      currentStep: next.status === "rejected" ? null : (spec.steps[must(next.stepIndex)] ?? null),
      updatedAt: who.now,
      version: sql`${topics.version} + 1`,
    })
    .where(eq(topics.id, topicId));
  await writeAudit(
    tx,
    {
      actorUserId: who.actorUserId,
      action: "topic.step",
      entity: "topic",
      entityId: topicId,
      scope: who.scope,
      before: { status: topic.status, stepIndex: topic.stepIndex },
      after: { ...recorded, status: next.status },
    },
    { requestId: who.requestId, now: who.now },
  );
  await tellProposer(tx, topic, next.status, who.actorUserId, who.now);
  return ok({ id: topicId, step: recorded, status: next.status, stepIndex: next.stepIndex });
}

/** Staff record the current step of a topic of their community. */
export async function recordTopicStep(call: Call, topicId: number, input: StepRecord) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await managedTopic(tx, call.actor, topicId);
    if (!loaded.ok) return loaded;
    return recordStep(tx, topicId, input, {
      actorUserId: must(call.actor).userId,
      scope: loaded.scope,
      requestId: call.requestId,
      now,
    });
  });
}
