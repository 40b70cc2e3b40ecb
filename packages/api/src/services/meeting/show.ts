import { and, asc, desc, eq, lt, or } from "drizzle-orm";
import { authorize, fail, ok, type Actor } from "@tongxin/core";
import type { Db } from "../../db/client";
import {
  meetingAgenda,
  meetingConflicts,
  meetingInvitations,
  meetings,
  meetingVotes,
  partnerUnits,
  topics,
  users,
} from "../../db/schema";
import type { Call } from "../call";
import { encodeTimeCursor, limitOf, parseCursor, type PageInput } from "../page";
import { authorizeInCommunity } from "../scope";
import { toIso } from "../../time";
import { tallyTopic } from "./count";
import { invitationOf, loadMeeting, ruleOf } from "./load";

type MeetingRow = typeof meetings.$inferSelect;

const summaryOf = (m: Pick<MeetingRow, "id" | "body" | "title" | "place" | "startsAt" | "status">) => ({
  id: m.id,
  body: m.body,
  title: m.title,
  place: m.place,
  startsAt: toIso(m.startsAt),
  status: m.status,
});

/** The cursor of the newest-first list: the (start, id) of the last meeting shown. */
function beforeCursor(cursor: string | undefined) {
  if (!cursor) return ok({ where: undefined });
  const value = parseCursor(cursor);
  if (!(Array.isArray(value) && value.length === 2 && value.every(Number.isSafeInteger))) return fail("bad_cursor");
  const [at, id] = value as [number, number];
  return ok({ where: or(lt(meetings.startsAt, at), and(eq(meetings.startsAt, at), lt(meetings.id, id))) });
}

/** A community's meetings, newest first, for its staff and committee; the index on (community, start, id) serves the order. */
export async function listMeetings({ deps, actor }: Call, communityId: number, input: PageInput) {
  const { db } = deps.database;
  const allowed = await authorizeInCommunity(db, actor, "meeting.manage", communityId);
  if (!allowed.ok) return allowed;
  const before = beforeCursor(input.cursor);
  if (!before.ok) return before;
  const limit = limitOf(input);
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.communityId, communityId), before.where))
    .orderBy(desc(meetings.startsAt), desc(meetings.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return ok({
    items: items.map(summaryOf),
    nextCursor: rows.length > limit && last ? encodeTimeCursor(last.startsAt, last.id) : null,
  });
}

/** The meetings I am invited to, newest first (my invitations by user and meeting id). */
export async function myMeetings({ deps, actor }: Call, input: PageInput) {
  if (!actor) return fail("unauthenticated");
  const { db } = deps.database;
  const value = input.cursor ? parseCursor(input.cursor) : null;
  if (input.cursor && !Number.isSafeInteger(value)) return fail("bad_cursor");
  const limit = limitOf(input);
  const rows = await db
    .select({ meeting: meetings, reply: meetingInvitations.reply, attendedAt: meetingInvitations.attendedAt })
    .from(meetingInvitations)
    .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
    .where(
      and(
        eq(meetingInvitations.userId, actor.userId),
        value === null ? undefined : lt(meetingInvitations.meetingId, value as number),
      ),
    )
    .orderBy(desc(meetingInvitations.meetingId))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return ok({
    items: items.map((r) => ({ ...summaryOf(r.meeting), reply: r.reply, attendedAt: toIso(r.attendedAt) })),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify(last.meeting.id)).toString("base64url") : null,
  });
}

async function agendaOf(db: Db, meeting: MeetingRow) {
  const items = await db
    .select({
      topicId: meetingAgenda.topicId,
      title: topics.title,
      passed: meetingAgenda.passed,
      decidedAt: meetingAgenda.decidedAt,
    })
    .from(meetingAgenda)
    .innerJoin(topics, eq(topics.id, meetingAgenda.topicId))
    .where(eq(meetingAgenda.meetingId, meeting.id))
    .orderBy(asc(meetingAgenda.position));
  const shown = [];
  // Counts are shown once decided, or once the meeting closed without deciding, never while members still vote.
  for (const item of items) {
    const count =
      item.decidedAt !== null || meeting.status === "closed" ? await tallyTopic(db, meeting.id, item.topicId) : null;
    shown.push({ ...item, decidedAt: toIso(item.decidedAt), count });
  }
  return shown;
}

/** Staff see who was invited with replies and attendance (names, never phones). */
async function invitationsOf(db: Db, meetingId: number) {
  const rows = await db
    .select({
      userId: meetingInvitations.userId,
      name: users.name,
      seat: meetingInvitations.seat,
      partnerUnit: partnerUnits.name,
      reply: meetingInvitations.reply,
      attendedAt: meetingInvitations.attendedAt,
      checkInMethod: meetingInvitations.checkInMethod,
    })
    .from(meetingInvitations)
    .innerJoin(users, eq(users.id, meetingInvitations.userId))
    .leftJoin(partnerUnits, eq(partnerUnits.id, meetingInvitations.partnerUnitId))
    .where(eq(meetingInvitations.meetingId, meetingId))
    .orderBy(asc(meetingInvitations.userId));
  return rows.map((r) => ({ ...r, attendedAt: toIso(r.attendedAt) }));
}

/** What the actor did at the meeting: reply, attendance, votes and conflicts per topic. */
async function mineAt(db: Db, meetingId: number, actor: Actor) {
  const invitation = await invitationOf(db, meetingId, actor.userId);
  if (!invitation) return null;
  const mine = and(eq(meetingVotes.meetingId, meetingId), eq(meetingVotes.userId, actor.userId));
  const votes = await db
    .select({ topicId: meetingVotes.topicId, choice: meetingVotes.choice })
    .from(meetingVotes)
    .where(mine);
  const conflicts = await db
    .select({ topicId: meetingConflicts.topicId })
    .from(meetingConflicts)
    .where(and(eq(meetingConflicts.meetingId, meetingId), eq(meetingConflicts.userId, actor.userId)));
  return {
    reply: invitation.reply,
    attendedAt: toIso(invitation.attendedAt),
    votes,
    conflicts: conflicts.map((c) => c.topicId),
  };
}

/** A meeting for its staff (everything) or one of its invitees (the agenda, the minutes and their own part). */
export async function showMeeting({ deps, actor }: Call, meetingId: number) {
  if (!actor) return fail("unauthenticated");
  const { db } = deps.database;
  const loaded = await loadMeeting(db, meetingId);
  if (!loaded) return fail("not_found");
  const { meeting, scope } = loaded;
  const manages = authorize(actor, "meeting.manage", scope).ok;
  const me = await mineAt(db, meetingId, actor);
  if (!manages && !me) return fail("forbidden");
  const invitations = manages ? await invitationsOf(db, meetingId) : null;
  return ok({
    ...summaryOf(meeting),
    communityId: meeting.communityId,
    buildingId: meeting.buildingId,
    minutes: meeting.minutes,
    closedAt: toIso(meeting.closedAt),
    version: meeting.version,
    rule: await ruleOf(db, meeting.communityId, meeting.body),
    agenda: await agendaOf(db, meeting),
    invitations,
    me,
    manages,
  });
}
