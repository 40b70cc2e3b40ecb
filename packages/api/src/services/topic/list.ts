import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { ok, type StepKey, type TopicStatus } from "@tongxin/core";
import { topics } from "../../db/schema";
import { toIso } from "../../time";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { takesPart } from "./load";

export type TopicFilter = PageInput & { status?: TopicStatus | undefined; step?: StepKey | undefined };

/**
 * A community's topics, newest first, by status or by the step they stand at: each filter has its index
 * (community, status|step, id), so a page costs a page.
 */
export async function listTopics(call: Call, communityId: number, filter: TopicFilter) {
  const db = call.deps.database.db;
  const allowed = await takesPart(db, call.actor, communityId);
  if (!allowed.ok) return allowed;
  const cursor = decodeCursor(filter.cursor);
  if (!cursor.ok) return cursor;
  const limit = limitOf(filter);
  const where: (SQL | undefined)[] = [
    eq(topics.communityId, communityId),
    filter.status ? eq(topics.status, filter.status) : undefined,
    filter.step ? eq(topics.currentStep, filter.step) : undefined,
    cursor.after > 0 ? lt(topics.id, cursor.after) : undefined,
  ];
  const rows = await db
    .select({
      id: topics.id,
      title: topics.title,
      status: topics.status,
      procedure: topics.procedure,
      currentStep: topics.currentStep,
      stepDueAt: topics.stepDueAt,
      supportCount: topics.supportCount,
      buildingId: topics.buildingId,
      createdAt: topics.createdAt,
    })
    .from(topics)
    .where(and(...where))
    .orderBy(desc(topics.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  return ok({
    items: page.items.map((t) => ({ ...t, stepDueAt: toIso(t.stepDueAt), createdAt: toIso(t.createdAt) })),
    nextCursor: page.nextCursor,
  });
}
