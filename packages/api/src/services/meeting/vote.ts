import { and, eq } from "drizzle-orm";
import { decideMeetingVote, fail, ok, type VoteChoice } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { meetingAgenda, meetingConflicts, meetingVotes } from "../../db/schema";
import type { Call } from "../call";
import { invitationOf, loadMeeting } from "./load";

async function agendaItem(tx: Tx, meetingId: number, topicId: number) {
  const [item] = await tx
    .select()
    .from(meetingAgenda)
    .where(and(eq(meetingAgenda.meetingId, meetingId), eq(meetingAgenda.topicId, topicId)));
  return item ?? null;
}

async function hasConflict(tx: Tx, meetingId: number, topicId: number, userId: number) {
  const [row] = await tx
    .select({ userId: meetingConflicts.userId })
    .from(meetingConflicts)
    .where(
      and(
        eq(meetingConflicts.meetingId, meetingId),
        eq(meetingConflicts.topicId, topicId),
        eq(meetingConflicts.userId, userId),
      ),
    );
  return row !== undefined;
}

/**
 * A member present votes for, against or abstains on a topic, once: the primary key keeps one vote per member per
 * topic however many arrive at once, and a second is refused rather than changing the first.
 */
export async function castVote({ deps, actor }: Call, meetingId: number, topicId: number, choice: VoteChoice) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loaded = await loadMeeting(tx, meetingId);
    const item = loaded && (await agendaItem(tx, meetingId, topicId));
    if (!loaded || !item) return fail("not_found");
    const invitation = await invitationOf(tx, meetingId, actor.userId);
    const decided = decideMeetingVote({
      invited: invitation !== null,
      status: loaded.meeting.status,
      counted: item.decidedAt !== null,
      attended: invitation?.attendedAt != null,
      conflicted: await hasConflict(tx, meetingId, topicId, actor.userId),
    });
    if (!decided.ok) return decided;
    const inserted = await tx
      .insert(meetingVotes)
      .values({ meetingId, topicId, userId: actor.userId, choice, createdAt: now })
      .onConflictDoNothing()
      .returning({ userId: meetingVotes.userId });
    return inserted.length ? ok({ meetingId, topicId, choice }) : fail("already_voted");
  });
}

/** A member declares a conflict of interest on a topic before it is counted: their vote on it does not count. */
export async function declareMeetingConflict(
  { deps, actor }: Call,
  meetingId: number,
  topicId: number,
  reason: string,
) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loaded = await loadMeeting(tx, meetingId);
    const item = loaded && (await agendaItem(tx, meetingId, topicId));
    if (!loaded || !item) return fail("not_found");
    if (!(await invitationOf(tx, meetingId, actor.userId))) return fail("not_invited");
    if (loaded.meeting.status !== "planned" && loaded.meeting.status !== "open") return fail("not_allowed_in_state");
    if (item.decidedAt !== null) return fail("already_counted");
    await tx
      .insert(meetingConflicts)
      .values({ meetingId, topicId, userId: actor.userId, reason, createdAt: now })
      .onConflictDoNothing();
    return ok({ meetingId, topicId, excluded: true });
  });
}
