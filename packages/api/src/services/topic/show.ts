import { and, asc, count, eq } from "drizzle-orm";
import { must, ok } from "@tongxin/core";
import type { Db } from "../../db/client";
import { topicComments, topicObjections, topicPhotos, topicSteps, topicSupports } from "../../db/schema";
import { toIso } from "../../time";
import type { Call } from "../call";
import { peopleNames } from "../people";
import { linksOf } from "./links";
import { participatingTopic, specOf } from "./load";

/**
 * How much was said: the comments and objections themselves are read a page at a time (discussion.ts). Whether the
 * reader objected already, since one objection is all a person makes.
 */
async function discussionOf(db: Db, topicId: number, me: number) {
  const [[comments], [objections], [mine]] = await Promise.all([
    db.select({ n: count() }).from(topicComments).where(eq(topicComments.topicId, topicId)),
    db.select({ n: count() }).from(topicObjections).where(eq(topicObjections.topicId, topicId)),
    db
      .select({ id: topicObjections.id })
      .from(topicObjections)
      .where(and(eq(topicObjections.topicId, topicId), eq(topicObjections.userId, me)))
      .limit(1),
  ]);
  return { commentCount: comments?.n ?? 0, objectionCount: objections?.n ?? 0, objected: mine !== undefined };
}

/**
 * A topic for anyone of its community: where it stands, its steps (who decided, when, how, at which meeting),
 * its support, how many comments and objections it has. Others' names are masked unless they consented.
 */
export async function showTopic(call: Call, topicId: number) {
  const db = call.deps.database.db;
  const loaded = await participatingTopic(db, call.actor, topicId);
  if (!loaded.ok) return loaded;
  const { topic } = loaded;
  const me = must(call.actor).userId;
  const [steps, photos, discussion] = await Promise.all([
    db.select().from(topicSteps).where(eq(topicSteps.topicId, topicId)).orderBy(asc(topicSteps.stepIndex)),
    db.select({ photo: topicPhotos.photo }).from(topicPhotos).where(eq(topicPhotos.topicId, topicId)),
    discussionOf(db, topicId, me),
  ]);
  const names = await peopleNames(db, [topic.proposerUserId, ...steps.map((s) => s.decidedBy)], false);
  const nameOf = (id: number) => names.get(id) ?? "";
  const [supporting] = await db
    .select({ userId: topicSupports.userId })
    .from(topicSupports)
    .where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.userId, me)));
  return ok({
    id: topic.id,
    communityId: topic.communityId,
    gridId: topic.gridId,
    buildingId: topic.buildingId,
    title: topic.title,
    description: topic.description,
    photos: photos.map((p) => p.photo),
    status: topic.status,
    procedure: topic.procedure,
    procedureSteps: (await specOf(db, topic))?.steps ?? [],
    stepIndex: topic.stepIndex,
    currentStep: topic.currentStep,
    stepDueAt: toIso(topic.stepDueAt),
    source: topic.source,
    mergedIntoId: topic.mergedIntoId,
    declineReason: topic.declineReason,
    version: topic.version,
    proposer: { name: nameOf(topic.proposerUserId), mine: topic.proposerUserId === me },
    supportCount: topic.supportCount,
    // The proposer's proposal is their support.
    supported: supporting !== undefined || topic.proposerUserId === me,
    createdAt: toIso(topic.createdAt),
    steps: steps.map((s) => ({
      stepIndex: s.stepIndex,
      stepKey: s.stepKey,
      outcome: s.outcome,
      meetingId: s.meetingId,
      note: s.note,
      decidedBy: nameOf(s.decidedBy),
      decidedAt: toIso(s.decidedAt),
    })),
    ...discussion,
    links: await linksOf(db, topicId),
  });
}
