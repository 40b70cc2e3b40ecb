import { and, count, eq } from "drizzle-orm";
import { decideComment, decideTopicAnswer, decideTopicObjection, fail, must, ok } from "@tongxin/core";
import { topicComments, topicObjections } from "../../db/schema";
import { toIso } from "../../time";
import { writeAudit } from "../audit";
import type { Call } from "../call";
import { peopleNames } from "../people";
import { managedTopic, participatingTopic, specOf, stateOf } from "./load";

/**
 * A public comment during 征求意见, from anyone of the community, a few per person: counted inside the write
 * transaction, so a burst of simultaneous posts stores no more than the limit. Answered as the list shows it.
 */
export async function commentOnTopic(call: Call, topicId: number, body: string) {
  const now = call.deps.now();
  const db = call.deps.database.db;
  const written = await db.transaction(async (tx) => {
    const loaded = await participatingTopic(tx, call.actor, topicId);
    if (!loaded.ok) return loaded;
    const { topic } = loaded;
    const userId = must(call.actor).userId;
    const [mine] = await tx
      .select({ n: count() })
      .from(topicComments)
      .where(and(eq(topicComments.topicId, topicId), eq(topicComments.userId, userId)));
    const decided = decideComment(stateOf(topic), (await specOf(tx, topic))?.steps ?? [], now, mine?.n ?? 0);
    if (!decided.ok) return decided;
    const [row] = await tx
      .insert(topicComments)
      .values({ topicId, userId, body, createdAt: now })
      .returning({ id: topicComments.id });
    return ok({ id: must(row).id, userId });
  });
  if (!written.ok) return written;
  const names = await peopleNames(db, [written.userId], false);
  return ok({ id: written.id, name: names.get(written.userId) ?? "", mine: true, body, createdAt: toIso(now) });
}

/** An objection to the 决议公开 notice: one per person per topic, during the notice. */
export async function objectToTopic(call: Call, topicId: number, body: string) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await participatingTopic(tx, call.actor, topicId);
    if (!loaded.ok) return loaded;
    const { topic } = loaded;
    const userId = must(call.actor).userId;
    const [mine] = await tx
      .select({ id: topicObjections.id })
      .from(topicObjections)
      .where(and(eq(topicObjections.topicId, topicId), eq(topicObjections.userId, userId)));
    const decided = decideTopicObjection({
      state: stateOf(topic),
      steps: (await specOf(tx, topic))?.steps ?? [],
      now,
      alreadyObjected: mine !== undefined,
    });
    if (!decided.ok) return decided;
    const [row] = await tx
      .insert(topicObjections)
      .values({ topicId, userId, body, createdAt: now })
      .returning({ id: topicObjections.id });
    return ok({ id: must(row).id });
  });
}

/** Staff answer an objection in public; the notice closes only once every objection has its answer. */
export async function answerTopicObjection(call: Call, topicId: number, objectionId: number, answer: string) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await managedTopic(tx, call.actor, topicId);
    if (!loaded.ok) return loaded;
    const [objection] = await tx
      .select({ answer: topicObjections.answer })
      .from(topicObjections)
      .where(and(eq(topicObjections.id, objectionId), eq(topicObjections.topicId, topicId)));
    if (!objection) return fail("not_found");
    const decided = decideTopicAnswer(objection.answer !== null);
    if (!decided.ok) return decided;
    const actorUserId = must(call.actor).userId;
    await tx
      .update(topicObjections)
      .set({ answer, answeredBy: actorUserId, answeredAt: now })
      .where(eq(topicObjections.id, objectionId));
    await writeAudit(
      tx,
      {
        actorUserId,
        action: "topic.answerObjection",
        entity: "topic_objection",
        entityId: objectionId,
        scope: loaded.scope,
        after: { topicId, answer },
      },
      { requestId: call.requestId, now },
    );
    return ok({ id: objectionId, answered: true });
  });
}
