import { and, asc, count, eq, inArray } from "drizzle-orm";
import { STEPS, fail, isPublicTopic, isStepKey, ok, publicName, publicRecord, type VoteChoice } from "@tongxin/core";
import type { Db } from "../../db/client";
import {
  buildings,
  communities,
  meetingInvitations,
  meetingVotes,
  meetings,
  topicSteps,
  topics,
  users,
  volunteers,
} from "../../db/schema";
import type { Call } from "../call";
import { toIso } from "../../time";
import { buildingLabel } from "./list";

type Tally = Record<VoteChoice, number>;

/** For/against/abstain per meeting on this topic, counted in SQL: who voted what never leaves the database. */
async function talliesOf(db: Db, topicId: number, meetingIds: number[]): Promise<Map<number, Tally>> {
  const tallies = new Map<number, Tally>();
  if (meetingIds.length === 0) return tallies;
  const rows = await db
    .select({ meetingId: meetingVotes.meetingId, choice: meetingVotes.choice, n: count() })
    .from(meetingVotes)
    .where(and(inArray(meetingVotes.meetingId, meetingIds), eq(meetingVotes.topicId, topicId)))
    .groupBy(meetingVotes.meetingId, meetingVotes.choice);
  for (const r of rows) {
    const tally = tallies.get(r.meetingId) ?? { for: 0, against: 0, abstain: 0 };
    tally[r.choice] = r.n;
    tallies.set(r.meetingId, tally);
  }
  return tallies;
}

/** How many of each meeting's invited members were present: the public sees a vote was taken with a quorum. */
async function attendanceOf(db: Db, meetingIds: number[]): Promise<Map<number, { present: number; members: number }>> {
  const attendance = new Map<number, { present: number; members: number }>();
  if (meetingIds.length === 0) return attendance;
  const rows = await db
    .select({
      meetingId: meetingInvitations.meetingId,
      members: count(),
      present: count(meetingInvitations.attendedAt),
    })
    .from(meetingInvitations)
    .where(inArray(meetingInvitations.meetingId, meetingIds))
    .groupBy(meetingInvitations.meetingId);
  for (const r of rows) attendance.set(r.meetingId, { present: r.present, members: r.members });
  return attendance;
}

/** The topic as the public reads it, when it belongs to the community and is published; the proposer's name masked without consent. */
async function loadPublicTopic(db: Db, communityId: number, topicId: number) {
  const [row] = await db
    .select({
      topic: topics,
      community: communities.name,
      proposerName: users.name,
      consent: volunteers.publicNameConsent,
      estate: buildings.estate,
      buildingName: buildings.name,
    })
    .from(topics)
    .innerJoin(communities, eq(communities.id, topics.communityId))
    .innerJoin(users, eq(users.id, topics.proposerUserId))
    .leftJoin(volunteers, eq(volunteers.userId, topics.proposerUserId))
    .leftJoin(buildings, eq(buildings.id, topics.buildingId))
    .where(and(eq(topics.id, topicId), eq(topics.communityId, communityId)));
  return row && isPublicTopic(row.topic.status) ? row : null;
}

/** 两公开, no sign-in: one topic from proposal to result, each step with its outcome and, for meetings, the count. */
export async function publicTopicHistory({ deps }: Call, communityId: number, topicId: number) {
  const db = deps.database.db;
  const row = await loadPublicTopic(db, communityId, topicId);
  if (!row) return fail("not_found");
  const { topic } = row;
  const steps = (
    await db
      .select({
        stepIndex: topicSteps.stepIndex,
        stepKey: topicSteps.stepKey,
        outcome: topicSteps.outcome,
        decidedAt: topicSteps.decidedAt,
        note: topicSteps.note,
        meeting: {
          id: meetings.id,
          body: meetings.body,
          title: meetings.title,
          place: meetings.place,
          startsAt: meetings.startsAt,
        },
      })
      .from(topicSteps)
      .leftJoin(meetings, eq(meetings.id, topicSteps.meetingId))
      .where(eq(topicSteps.topicId, topic.id))
      .orderBy(asc(topicSteps.stepIndex))
  ).flatMap((s) => (isStepKey(s.stepKey) ? [{ ...s, stepKey: s.stepKey }] : []));
  const meetingIds = steps.flatMap((s) => (s.meeting ? [s.meeting.id] : []));
  const tallies = await talliesOf(db, topic.id, meetingIds);
  const attendance = await attendanceOf(db, meetingIds);
  const current = topic.currentStep !== null && isStepKey(topic.currentStep) ? topic.currentStep : null;
  const record = publicRecord(steps, current, topic.stepDueAt);
  return ok({
    community: { id: communityId, name: row.community },
    topic: {
      id: topic.id,
      title: topic.title,
      description: topic.description,
      status: topic.status,
      procedure: topic.procedure,
      currentStep: current,
      proposer: publicName(row.proposerName, row.consent),
      building: buildingLabel(row.estate, row.buildingName),
      proposedAt: toIso(topic.createdAt),
      supportCount: topic.supportCount,
    },
    steps: steps.map((s) => ({
      index: s.stepIndex,
      key: s.stepKey,
      kind: STEPS[s.stepKey].kind,
      outcome: s.outcome,
      decidedAt: toIso(s.decidedAt),
      meeting: s.meeting && {
        body: s.meeting.body,
        title: s.meeting.title,
        place: s.meeting.place,
        startsAt: toIso(s.meeting.startsAt),
        votes: tallies.get(s.meeting.id) ?? { for: 0, against: 0, abstain: 0 },
        attendance: attendance.get(s.meeting.id) ?? null,
      },
    })),
    decision: record.decision,
    result: record.result,
    notice: record.notice && { from: toIso(record.notice.from), to: toIso(record.notice.to) },
  });
}
