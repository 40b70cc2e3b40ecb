import { and, eq, sql } from "drizzle-orm";
import { decideSupport, decideUnsupport, must, ok } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { topicSupports, topics } from "../../db/schema";
import type { Call } from "../call";
import { participatingTopic } from "./load";

async function isSupporting(tx: Tx, topicId: number, userId: number) {
  const [row] = await tx
    .select({ userId: topicSupports.userId })
    .from(topicSupports)
    .where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.userId, userId)));
  return row !== undefined;
}

async function countOf(tx: Tx, topicId: number) {
  const [row] = await tx.select({ n: topics.supportCount }).from(topics).where(eq(topics.id, topicId));
  return must(row).n;
}

/**
 * 支持: one per person. A second support is answered as the first (200, nothing changes): a resident tapping twice
 * on a slow phone did nothing wrong. The count moves only with a row actually inserted, so it always equals the rows.
 */
export async function supportTopic(call: Call, topicId: number) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await participatingTopic(tx, call.actor, topicId);
    if (!loaded.ok) return loaded;
    const { topic } = loaded;
    const userId = must(call.actor).userId;
    const decided = decideSupport({
      status: topic.status,
      isProposer: topic.proposerUserId === userId,
      alreadySupported: await isSupporting(tx, topicId, userId),
    });
    if (!decided.ok) return decided;
    if (decided.changed) {
      const inserted = await tx
        .insert(topicSupports)
        .values({ topicId, userId, createdAt: now })
        .onConflictDoNothing()
        .returning({ userId: topicSupports.userId });
      if (inserted.length)
        await tx
          .update(topics)
          .set({ supportCount: sql`${topics.supportCount} + 1` })
          .where(eq(topics.id, topicId));
    }
    return ok({ supported: true, supportCount: await countOf(tx, topicId) });
  });
}

/** Support is withdrawn while the topic is still proposed; withdrawing none changes nothing. */
export async function unsupportTopic(call: Call, topicId: number) {
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await participatingTopic(tx, call.actor, topicId);
    if (!loaded.ok) return loaded;
    const userId = must(call.actor).userId;
    const decided = decideUnsupport({
      status: loaded.topic.status,
      supported: await isSupporting(tx, topicId, userId),
      own: loaded.topic.proposerUserId === userId,
    });
    if (!decided.ok) return decided;
    if (decided.changed) {
      const deleted = await tx
        .delete(topicSupports)
        .where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.userId, userId)))
        .returning({ userId: topicSupports.userId });
      if (deleted.length)
        await tx
          .update(topics)
          .set({ supportCount: sql`${topics.supportCount} - 1` })
          .where(eq(topics.id, topicId));
    }
    return ok({ supported: false, supportCount: await countOf(tx, topicId) });
  });
}
