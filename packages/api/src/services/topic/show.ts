import { and, asc, eq } from "drizzle-orm";
import { must, ok } from "@tongxin/core";
import type { Db } from "../../db/client";
import { topicComments, topicObjections, topicPhotos, topicSteps, topicSupports } from "../../db/schema";
import { toIso } from "../../time";
import type { Call } from "../call";
import { peopleNames } from "../people";
import { linksOf } from "./links";
import { loadTopic, specOf, takesPart } from "./load";

/** A topic shows this many of its comments and of its objections (the first ones); a page would hold no more. */
const SHOWN_MAX = 200;

async function discussionOf(db: Db, topicId: number) {
  const [steps, comments, objections, photos] = await Promise.all([
    db.select().from(topicSteps).where(eq(topicSteps.topicId, topicId)).orderBy(asc(topicSteps.stepIndex)),
    db
      .select()
      .from(topicComments)
      .where(eq(topicComments.topicId, topicId))
      .orderBy(asc(topicComments.id))
      .limit(SHOWN_MAX),
    db
      .select()
      .from(topicObjections)
      .where(eq(topicObjections.topicId, topicId))
      .orderBy(asc(topicObjections.id))
      .limit(SHOWN_MAX),
    db.select({ photo: topicPhotos.photo }).from(topicPhotos).where(eq(topicPhotos.topicId, topicId)),
  ]);
  return { steps, comments, objections, photos: photos.map((p) => p.photo) };
}

/**
 * A topic for anyone of its community: where it stands, its steps (who decided, when, how, at which meeting),
 * its support, comments and objections with their answers. Others' names are masked unless they consented.
 */
export async function showTopic(call: Call, topicId: number) {
  const db = call.deps.database.db;
  const loaded = await loadTopic(db, topicId);
  if (!loaded.ok) return loaded;
  const { topic } = loaded;
  const allowed = await takesPart(db, call.actor, topic.communityId);
  if (!allowed.ok) return allowed;
  const me = must(call.actor).userId;
  const { steps, comments, objections, photos } = await discussionOf(db, topicId);
  const names = await peopleNames(
    db,
    [
      topic.proposerUserId,
      ...steps.map((s) => s.decidedBy),
      ...comments.map((c) => c.userId),
      ...objections.map((o) => o.userId),
    ],
    false,
  );
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
    photos,
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
    comments: comments.map((c) => ({
      id: c.id,
      name: nameOf(c.userId),
      mine: c.userId === me,
      body: c.body,
      createdAt: toIso(c.createdAt),
    })),
    objections: objections.map((o) => ({
      id: o.id,
      name: nameOf(o.userId),
      mine: o.userId === me,
      body: o.body,
      answer: o.answer,
      answeredAt: toIso(o.answeredAt),
      createdAt: toIso(o.createdAt),
    })),
    links: await linksOf(db, topicId),
  });
}
