import { and, asc, eq, notInArray } from "drizzle-orm";
import { BUILT_IN_PROCEDURES, assert, builtInProcedure, dueAtOpening, must, type VoteChoice } from "@tongxin/core";
import type { Tx } from "../db/client";
import {
  bodyMembers,
  meetingAgenda,
  meetingInvitations,
  meetings,
  meetingVotes,
  roleGrants,
  topics,
  topicSteps,
  users,
} from "../db/schema";
import { countAgenda } from "../services/meeting/count";
import { membersOfBody } from "../services/meeting/load";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const RESIDENT_REPS = 15;

const MINUTES = `会议由社区党委书记陈雅琴主持，社区两委成员和各共建单位代表出席。
一、社区通报了和平花园养老助餐点的现状：每天就餐老人约六十人，厨房设备老化，排队时间长。
二、各共建单位代表发言，表示愿意认领设备更新、志愿送餐和食品安全检查等事项。
三、会议对“共建单位认领养老助餐点改造”议题进行表决，赞成票过半数，议题通过。
四、决议将在社区公开栏和同心平台公示，公示期满后组织实施，实施结果向居民公开。`;

/** 居民代表: the first residents of 和平社区 without a staff role, kept as the list staff maintain. */
async function seedResidentReps(tx: Tx, communityId: number, staffId: number, now: number) {
  const staff = tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(notInArray(roleGrants.role, ["resident", "volunteer"]));
  const reps = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.communityId, communityId), notInArray(users.id, staff)))
    .orderBy(asc(users.id))
    .limit(RESIDENT_REPS);
  if (reps.length)
    await tx.insert(bodyMembers).values(
      reps.map((r) => ({
        communityId,
        body: "residentReps" as const,
        userId: r.id,
        addedBy: staffId,
        createdAt: now,
      })),
    );
}

/**
 * A past 大党委联席会议 of 和平社区 with its partner units' representatives invited and present, minutes, and a
 * counted vote on a topic in the `joint` procedure whose `joint` step the meeting decided (the topic now stands at
 * 决议公开, still deliberating).
 */
export async function seedMeetings(tx: Tx, now: number): Promise<void> {
  const communityId = 1;
  const [staff] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, "13800000002"));
  if (!staff) return;
  await seedResidentReps(tx, communityId, staff.id, now);
  // 14:30 Beijing time, a month ago.
  const day = Math.floor((now - 30 * DAY_MS + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  const startsAt = day + 14.5 * HOUR_MS;
  const closedAt = startsAt + 2 * HOUR_MS;
  const [topic] = await tx
    .insert(topics)
    .values({
      communityId,
      proposerUserId: staff.id,
      title: "共建单位认领和平花园养老助餐点改造",
      description: "助餐点厨房设备老化、排队时间长，提请大党委联席会议商议由共建单位分头认领设备更新、送餐和检查。",
      status: "deliberating",
      procedure: "joint",
      procedureSteps: JSON.stringify(BUILT_IN_PROCEDURES.joint),
      // As recordStep leaves it: at 决议公开, its notice counted from the meeting's close.
      stepIndex: 1,
      currentStep: "announce",
      stepDueAt: dueAtOpening(builtInProcedure("joint"), 1, closedAt),
      createdAt: startsAt - 14 * DAY_MS,
      updatedAt: closedAt,
    })
    .returning({ id: topics.id });
  const topicId = must(topic).id;
  const [meeting] = await tx
    .insert(meetings)
    .values({
      communityId,
      body: "jointCommittee",
      title: "第四季度大党委联席会议",
      place: "和平社区党群服务中心一楼会议室",
      startsAt,
      status: "closed",
      minutes: MINUTES,
      createdBy: staff.id,
      createdAt: startsAt - 7 * DAY_MS,
      closedAt,
    })
    .returning({ id: meetings.id });
  const meetingId = must(meeting).id;
  await tx.insert(meetingAgenda).values({ meetingId, topicId, position: 0 });
  const members = await membersOfBody(tx, communityId, "jointCommittee", null);
  // Everyone replied and came but the last committee member, who sent apologies; partner units' representatives
  // signed in by QR.
  const absent = members.filter((m) => m.seat === "committee").pop()?.userId;
  await tx.insert(meetingInvitations).values(
    members.map((m) => ({
      meetingId,
      ...m,
      reply: m.userId === absent ? ("decline" as const) : ("attend" as const),
      repliedAt: startsAt - 3 * DAY_MS,
      attendedAt: m.userId === absent ? null : startsAt,
      checkInMethod: m.userId === absent ? null : m.seat === "partner" ? ("qr" as const) : ("hand" as const),
      markedBy: m.userId === absent || m.seat === "partner" ? null : staff.id,
    })),
  );
  const voters = members.filter((m) => m.userId !== absent);
  if (voters.length)
    await tx.insert(meetingVotes).values(
      voters.map((m, i) => ({
        meetingId,
        topicId,
        userId: m.userId,
        choice: (i === voters.length - 1 && voters.length > 2 ? "abstain" : "for") as VoteChoice,
        createdAt: startsAt + HOUR_MS,
      })),
    );
  const [counted] = await countAgenda(tx, meetingId, closedAt);
  // The topic's status above says the meeting passed it: a demo street where it did not is a broken seed.
  assert(counted?.passed === true, "the demo joint meeting passes its topic");
  await tx.insert(topicSteps).values({
    topicId,
    stepIndex: 0,
    stepKey: "joint",
    outcome: "passed",
    meetingId,
    decidedBy: staff.id,
    decidedAt: closedAt,
    note: "大党委联席会议表决通过",
  });
}
