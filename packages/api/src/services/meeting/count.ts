import { and, asc, eq, isNull } from "drizzle-orm";
import { countVotes, fail, ok, must, type ResourceScope, type VoteCount } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { meetingAgenda, meetingConflicts, meetingInvitations, meetings, meetingVotes, topics } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { recordStep } from "../topic/record-step";
import { managedMeeting, ruleOf } from "./load";

type Reader = Db | Tx;

/** The count of one topic's votes at a meeting, by the body's rule over the members invited. */
export async function tallyTopic(db: Reader, meetingId: number, topicId: number): Promise<VoteCount> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  const { communityId, body } = must(meeting, "meeting");
  const invited = await db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, meetingId));
  const conflicts = await db
    .select({ userId: meetingConflicts.userId })
    .from(meetingConflicts)
    .where(and(eq(meetingConflicts.meetingId, meetingId), eq(meetingConflicts.topicId, topicId)));
  const votes = await db
    .select({ userId: meetingVotes.userId, choice: meetingVotes.choice })
    .from(meetingVotes)
    .where(and(eq(meetingVotes.meetingId, meetingId), eq(meetingVotes.topicId, topicId)));
  const [topic] = await db.select({ proposer: topics.proposerUserId }).from(topics).where(eq(topics.id, topicId));
  return countVotes({
    rule: await ruleOf(db, communityId, body),
    members: invited,
    attended: invited.filter((i) => i.attendedAt !== null).map((i) => i.userId),
    conflicted: conflicts.map((c) => c.userId),
    proposerId: topic?.proposer ?? null,
    votes,
  });
}

/**
 * Counts every topic of the meeting not yet decided and records the decision of those counted with a quorum
 * present (`passed`, `decidedAt`); without a quorum a topic stays undecided. Call inside the caller's transaction;
 * the answer lists each topic counted, for moving the topics on (`passed` null: nothing was decided).
 */
export async function countAgenda(tx: Tx, meetingId: number, now: number, onlyTopicId?: number) {
  const open = await tx
    .select({ topicId: meetingAgenda.topicId })
    .from(meetingAgenda)
    .where(
      and(
        eq(meetingAgenda.meetingId, meetingId),
        isNull(meetingAgenda.decidedAt),
        onlyTopicId === undefined ? undefined : eq(meetingAgenda.topicId, onlyTopicId),
      ),
    )
    .orderBy(asc(meetingAgenda.position));
  const counted: (VoteCount & { topicId: number })[] = [];
  for (const { topicId } of open) {
    const count = await tallyTopic(tx, meetingId, topicId);
    if (count.passed !== null)
      await tx
        .update(meetingAgenda)
        .set({ passed: count.passed, decidedAt: now })
        .where(and(eq(meetingAgenda.meetingId, meetingId), eq(meetingAgenda.topicId, topicId)));
    counted.push({ topicId, ...count });
  }
  return counted;
}

/** The decision in words, kept as the step's note: the public history reads a topic's decision from it. */
const decisionNote = (title: string, c: VoteCount) =>
  `${title}表决：赞成${c.for}，反对${c.against}，弃权${c.abstain}，${c.passed ? "通过" : "未通过"}。`;

/**
 * Each topic the count decided moves on at once when it stands at this body's step (core `decideStep` judges, in
 * the same transaction); a topic at another step keeps the meeting's decision for staff to record when it gets
 * there. Answers the topics moved on.
 */
export async function recordDecisions(
  tx: Tx,
  meeting: { id: number; title: string },
  counted: readonly (VoteCount & { topicId: number })[],
  who: { actorUserId: number; scope: ResourceScope; requestId: string; now: number },
): Promise<number[]> {
  const moved: number[] = [];
  for (const count of counted) {
    if (count.passed === null) continue;
    const [topic] = await tx.select({ stepIndex: topics.stepIndex }).from(topics).where(eq(topics.id, count.topicId));
    if (topic?.stepIndex === null || topic?.stepIndex === undefined) continue;
    const recorded = await recordStep(
      tx,
      count.topicId,
      { stepIndex: topic.stepIndex, meetingId: meeting.id, note: decisionNote(meeting.title, count) },
      who,
    );
    if (recorded.ok) moved.push(count.topicId);
  }
  return moved;
}

/** Staff count one topic while the meeting is open. Audited with the figures. */
export async function countTopic(call: Call, meetingId: number, topicId: number) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const managed = await managedMeeting(tx, call.actor, meetingId);
    if (!managed.ok) return managed;
    const [item] = await tx
      .select()
      .from(meetingAgenda)
      .where(and(eq(meetingAgenda.meetingId, meetingId), eq(meetingAgenda.topicId, topicId)));
    if (!item) return fail("not_found");
    if (managed.meeting.status !== "open") return fail("meeting_not_open");
    if (item.decidedAt !== null) return fail("already_counted");
    const counted = await countAgenda(tx, meetingId, now, topicId);
    const actorUserId = must(call.actor).userId;
    const moved = await recordDecisions(tx, managed.meeting, counted, {
      actorUserId,
      scope: managed.scope,
      requestId: call.requestId,
      now,
    });
    const result = { ...must(counted[0], "count"), movedOn: moved.length > 0 };
    await writeAudit(
      tx,
      {
        actorUserId,
        action: "meeting.count",
        entity: "meeting",
        entityId: meetingId,
        scope: managed.scope,
        after: result,
      },
      { requestId: call.requestId, now },
    );
    return ok(result);
  });
}
