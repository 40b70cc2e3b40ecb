import { and, eq, inArray, isNull } from "drizzle-orm";
import { decideNewMeeting, ok, must, type AgendaTopic, type MeetingBody } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { buildings, meetingAgenda, meetingInvitations, meetings, topics } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { notify } from "../notify";
import { authorizeInCommunity } from "../scope";
import { toIso } from "../../time";
import { membersOfBody } from "./load";

export type NewMeetingInput = {
  communityId: number;
  body: MeetingBody;
  title: string;
  place: string;
  startsAt: number;
  buildingId?: number | undefined;
  topicIds: number[];
};

async function buildingOf(tx: Tx, buildingId: number | undefined) {
  if (buildingId === undefined) return null;
  const [row] = await tx
    .select({ communityId: buildings.communityId })
    .from(buildings)
    .where(eq(buildings.id, buildingId));
  return row;
}

/** The topics named for the agenda, each with the bodies of the meetings still to decide it. */
async function agendaTopics(tx: Tx, topicIds: readonly number[]): Promise<AgendaTopic[]> {
  if (topicIds.length === 0) return [];
  const rows = await tx
    .select({ id: topics.id, communityId: topics.communityId, status: topics.status })
    .from(topics)
    .where(inArray(topics.id, [...topicIds]));
  const awaiting = await tx
    .select({ topicId: meetingAgenda.topicId, body: meetings.body })
    .from(meetingAgenda)
    .innerJoin(meetings, eq(meetings.id, meetingAgenda.meetingId))
    .where(
      and(
        inArray(meetingAgenda.topicId, [...topicIds]),
        isNull(meetingAgenda.decidedAt),
        inArray(meetings.status, ["planned", "open"]),
      ),
    );
  return rows.map((r) => ({
    ...r,
    awaiting: awaiting.filter((a) => a.topicId === r.id).map((a) => a.body),
  }));
}

/**
 * Staff plan a meeting of a body with its agenda; every member of the body is invited and told in their inbox.
 * The invitations fix who votes, so a later change of grants or lists does not change a meeting's count. Audited.
 */
export async function createMeeting(call: Call, input: NewMeetingInput) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const allowed = await authorizeInCommunity(tx, call.actor, "meeting.manage", input.communityId);
    if (!allowed.ok) return allowed;
    const agenda = await agendaTopics(tx, input.topicIds);
    const decided = decideNewMeeting({ ...input, building: await buildingOf(tx, input.buildingId), topics: agenda });
    if (!decided.ok) return decided;
    const actorId = must(call.actor).userId;
    const [meeting] = await tx
      .insert(meetings)
      .values({
        communityId: input.communityId,
        body: input.body,
        buildingId: input.buildingId ?? null,
        title: input.title,
        place: input.place,
        startsAt: input.startsAt,
        status: "planned",
        createdBy: actorId,
        createdAt: now,
      })
      .returning({ id: meetings.id });
    const meetingId = must(meeting).id;
    if (input.topicIds.length)
      await tx
        .insert(meetingAgenda)
        .values(input.topicIds.map((topicId, position) => ({ meetingId, topicId, position })));
    const members = await membersOfBody(tx, input.communityId, input.body, input.buildingId ?? null);
    if (members.length) await tx.insert(meetingInvitations).values(members.map((m) => ({ meetingId, ...m })));
    await notify(
      tx,
      members.map((m) => m.userId),
      "meeting_invited",
      {
        meetingId,
        title: input.title,
        body: input.body,
        place: input.place,
        startsAt: input.startsAt,
        path: `/meetings/${meetingId}`,
      },
      now,
    );
    await writeAudit(
      tx,
      {
        actorUserId: actorId,
        action: "meeting.create",
        entity: "meeting",
        entityId: meetingId,
        scope: allowed.scope,
        after: { ...input, startsAt: toIso(input.startsAt), invited: members.length },
      },
      { requestId: call.requestId, now },
    );
    return ok({ id: meetingId, status: "planned" as const, invited: members.length });
  });
}
