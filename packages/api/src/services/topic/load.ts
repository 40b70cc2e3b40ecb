import { and, eq, inArray } from "drizzle-orm";
import {
  authorize,
  builtInProcedure,
  fail,
  ok,
  PROCEDURE_CODES,
  topicPath,
  type Actor,
  type BuiltInProcedure,
  type ProcedureSpec,
  type StepKey,
  type TopicState,
  type TopicStatus,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { topicProcedures, topics } from "../../db/schema";
import { communitiesOfUser } from "../belonging";
import { notify } from "../notify";
import { communityScope } from "../scope";

type Reader = Db | Tx;
export type TopicRow = typeof topics.$inferSelect;

const isProcedureCode = (code: string | null): code is BuiltInProcedure =>
  (PROCEDURE_CODES as readonly (string | null)[]).includes(code);

/** The community's own procedure for this kind of topic, or the built-in. */
export async function procedureOf(db: Reader, communityId: number, code: BuiltInProcedure): Promise<ProcedureSpec> {
  const [row] = await db
    .select()
    .from(topicProcedures)
    .where(and(eq(topicProcedures.communityId, communityId), eq(topicProcedures.code, code)));
  if (!row) return builtInProcedure(code);
  return {
    steps: JSON.parse(row.steps) as StepKey[],
    commentDays: row.commentDays,
    noticeWorkingDays: row.noticeWorkingDays,
  };
}

/**
 * The procedure a topic follows: the steps it entered with (a later change of the community's procedure leaves it
 * alone) and the community's periods. Topics written without the snapshot (the demo seed) follow the current one.
 */
export async function specOf(db: Reader, topic: TopicRow): Promise<ProcedureSpec | null> {
  if (!isProcedureCode(topic.procedure)) return null;
  const current = await procedureOf(db, topic.communityId, topic.procedure);
  return topic.procedureSteps ? { ...current, steps: JSON.parse(topic.procedureSteps) as StepKey[] } : current;
}

export const stateOf = (topic: TopicRow): TopicState => ({
  status: topic.status,
  stepIndex: topic.stepIndex,
  stepDueAt: topic.stepDueAt,
});

export async function loadTopic(db: Reader, topicId: number) {
  const [topic] = await db.select().from(topics).where(eq(topics.id, topicId));
  if (!topic) return fail("not_found");
  const scope = await communityScope(db, topic.communityId);
  return scope ? ok({ topic, scope }) : fail("not_found");
}

/** Staff who may run the community's deliberation act on the topic; anyone else is refused. */
export async function managedTopic(db: Reader, actor: Actor | null, topicId: number) {
  const loaded = await loadTopic(db, topicId);
  if (!loaded.ok) return loaded;
  const allowed = authorize(actor, "topic.manage", loaded.scope);
  return allowed.ok ? loaded : allowed;
}

/**
 * Proposing, supporting, commenting and objecting are for people of the community (those who live, serve or work
 * there) and its staff; someone signed in elsewhere is refused.
 */
export async function takesPart(db: Reader, actor: Actor | null, communityId: number) {
  if (!actor) return fail("unauthenticated");
  const scope = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  if (authorize(actor, "topic.manage", scope).ok) return ok({ scope });
  const belongs = (await communitiesOfUser(db, actor.userId)).includes(communityId);
  return belongs ? ok({ scope }) : fail("outside_own_community");
}

/** The proposer hears when their topic moves on (deliberated, declined, merged, decided, done); never of their own act. */
/** A topic for someone of its community or its staff: `not_found`, or refused for anyone else. */
export async function participatingTopic(db: Reader, actor: Actor | null, topicId: number) {
  const loaded = await loadTopic(db, topicId);
  if (!loaded.ok) return loaded;
  const allowed = await takesPart(db, actor, loaded.topic.communityId);
  return allowed.ok ? loaded : allowed;
}

export async function tellProposer(tx: Tx, topic: TopicRow, status: TopicStatus, actorUserId: number, now: number) {
  if (topic.proposerUserId === actorUserId || topic.status === status) return;
  await notify(
    tx,
    [topic.proposerUserId],
    "topic_changed",
    { topicId: topic.id, title: topic.title, status, path: topicPath(topic.id) },
    now,
  );
}

/** The topics staff raised from these sources (`request:12`, `warning:3`), newest per source: the link the source shows. */
export async function topicsRaisedFrom(db: Reader, sources: readonly string[]): Promise<Map<string, number>> {
  if (!sources.length) return new Map();
  const rows = await db
    .select({ id: topics.id, source: topics.source })
    .from(topics)
    .where(inArray(topics.source, [...sources]));
  const raised = new Map<string, number>();
  for (const row of rows) if (row.source) raised.set(row.source, Math.max(row.id, raised.get(row.source) ?? 0));
  return raised;
}
