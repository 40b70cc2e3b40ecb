import { and, asc, eq, inArray, isNotNull, isNull, notInArray } from "drizzle-orm";
import {
  BUILT_IN_PROCEDURES,
  STEPS,
  TOPIC_COMMENTS_PER_PERSON_MAX,
  builtInProcedure,
  dueAtOpening,
  must,
  type BuiltInProcedure,
  type MeetingBody,
  type MeetingSeat,
  type StepKey,
  type StepOutcome,
  type TopicStatus,
  type VoteChoice,
} from "@tongxin/core";
import type { Tx } from "../db/client";
import {
  buildings,
  communities,
  meetingAgenda,
  meetingInvitations,
  meetingVotes,
  meetings,
  projectMilestones,
  projects,
  roleGrants,
  topicComments,
  topicLinks,
  topicSteps,
  topicSupports,
  topics,
  users,
  volunteers,
} from "../db/schema";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Days between two recorded steps of a seeded topic: a comment period, a notice, a meeting's preparation. */
const STEP_GAP_DAYS = 7;
/** How many members of each body vote in the seeded meetings (the two committees are all of their members). */
const PARTY_VOTERS = 9;
const REPS_VOTERS = 11;
const BENCH_VOTERS = 7;

/** What was said when each step was recorded: decisions and results are read publicly from these notes. */
type TopicSeed = {
  title: string;
  description: string;
  procedure: BuiltInProcedure | null;
  status: TopicStatus;
  /** Notes of the steps recorded so far, in order; the last may be rejected. */
  notes: string[];
  rejectedLast?: boolean;
  onBuilding?: boolean;
  declineReason?: string;
  /** Neighbours who support it (the proposer's own proposal counts as theirs). */
  supporters: number;
  /** What neighbours said during 征求意见, oldest first. */
  comments?: readonly string[];
};

/** The demo's consultation has more to read than one page shows, so its 「更多」 button is there to tap. */
const FITNESS_COMMENTS = [
  "单杠底座已经锈穿了，孩子们常去玩，建议尽快更换。",
  "漫步机的轴承响得厉害，早上锻炼的老人很多。",
  "同意维修，另外建议在器材旁加一块使用说明牌。",
  "能否顺便把地面铺上塑胶，摔倒了也不容易受伤。",
  "坐推器的座椅开裂了，夏天会夹到腿。",
  "建议请厂家来检测一下，不要只是刷漆。",
  "维修期间请拉上警戒线，别让孩子爬。",
  "希望增加一个适合老人的压腿杆。",
  "扭腰器转不动了，上油应该就好。",
  "支持！每天晚饭后都在这里锻炼。",
  "器材旁边的路灯也不亮，晚上看不清。",
  "建议每季度检查一次，发现问题及时报修。",
  "钱从哪里出？希望公示维修费用。",
  "可以请共建单位支持一下，他们有健身器材供应商。",
  "太空漫步机的踏板松动，踩上去会晃。",
  "广场东侧地面不平，雨后积水，一起修一下吧。",
  "建议在器材区放两张长椅，锻炼累了可以歇一歇。",
  "单杠太高了，老人够不着，能否装一个低一点的。",
  "支持尽快维修，安全第一。",
  "器材上贴的报修电话已经模糊了，麻烦更新。",
  "可以组织志愿者定期擦拭器材。",
  "希望维修后做一次验收，请居民代表参加。",
  "早上六点就有人在用，施工请避开早晚高峰。",
  "旧器材拆下来能否捐给需要的地方。",
  "谢谢社区关心，期待早日修好。",
];

const TOPICS: TopicSeed[] = [
  {
    title: "小区增设电动车充电桩",
    description: "楼下飞线充电很危险，建议在康乐苑北侧空地集中设置电动车充电桩。",
    procedure: null,
    status: "proposed",
    notes: [],
    supporters: 6,
  },
  {
    title: "健身器材维修",
    description: "和平花园中心广场的单杠和漫步机松动生锈，老人锻炼不安全。",
    procedure: "yizheng",
    status: "deliberating",
    notes: [],
    supporters: 9,
    comments: FITNESS_COMMENTS,
  },
  {
    title: "垃圾分类投放点调整",
    description: "2栋旁的投放点离窗户太近，夏天气味大，建议移到绿化带东侧。",
    procedure: "yizheng",
    status: "deliberating",
    notes: ["征求意见期结束，入户和楼道座谈收集意见23条，多数赞成调整。"],
    supporters: 5,
  },
  {
    title: "楼道杂物集中清理",
    description: "多个楼道堆放纸箱和旧家具，堵塞消防通道。",
    procedure: "yizheng",
    status: "deliberating",
    notes: [
      "征求意见期结束，入户和楼道座谈收集意见17条。",
      "党支部提议：组织志愿者分楼栋集中清理，并设立杂物临时存放点。",
    ],
    supporters: 7,
  },
  {
    title: "增设老年人助餐点",
    description: "小区独居老人多，建议在社区活动室开设助餐点，提供午餐。",
    procedure: "yizheng",
    status: "deliberating",
    notes: [
      "征求意见期结束，入户和楼道座谈收集意见41条。",
      "党支部提议：利用社区活动室开设助餐点，由共建单位提供配餐。",
      "两委商议通过：助餐点每周一至周五供应午餐，困难老人享受补贴。",
    ],
    supporters: 8,
  },
  {
    title: "小区停车位重新规划",
    description: "停车位不足，消防通道常被占用，建议重新划线并实行错时停车。",
    procedure: "yizheng",
    status: "deliberating",
    notes: [
      "征求意见期结束，入户和楼道座谈收集意见56条。",
      "党支部提议：重新划设停车位，增加32个车位，并与共建单位协商夜间错时停车。",
      "两委商议通过：委托物业制定划线方案。",
      "党员大会审议通过：同意划线方案，党员带头规范停车。",
    ],
    supporters: 10,
  },
  {
    title: "加装单元门禁系统",
    description: "和平花园部分单元门禁损坏，外来人员随意进出。",
    procedure: "yizheng",
    status: "deliberating",
    notes: [
      "征求意见期结束，入户和楼道座谈收集意见38条。",
      "党支部提议：为和平花园12个单元更换门禁，费用由维修资金列支。",
      "两委商议通过。",
      "党员大会审议通过。",
      "居民代表会议决议：更换和平花园12个单元门禁，使用公共维修资金4.8万元。",
    ],
    supporters: 12,
  },
  {
    title: "中心花园绿化提升",
    description: "中心花园草坪裸露、灌木枯死，建议补种并增设座椅。",
    procedure: "yizheng",
    status: "decided",
    notes: [
      "征求意见期结束，入户和楼道座谈收集意见29条。",
      "党支部提议：补种草坪和灌木，增设6组座椅。",
      "两委商议通过。",
      "党员大会审议通过。",
      "居民代表会议决议：实施中心花园绿化提升，共建单位捐赠苗木。",
      "公示期满，无异议。",
    ],
    supporters: 6,
  },
  {
    title: "小区路灯更换为节能灯",
    description: "主干道路灯昏暗且常坏，建议更换为LED节能路灯。",
    procedure: "yizheng",
    status: "done",
    notes: [
      "征求意见期结束，入户和楼道座谈收集意见35条。",
      "党支部提议：更换主干道路灯48盏为LED节能灯。",
      "两委商议通过。",
      "党员大会审议通过。",
      "居民代表会议决议：更换主干道路灯48盏，使用公共收益资金。",
      "公示期满，无异议。",
      "施工完成，经居民代表验收合格。",
      "已更换LED路灯48盏，夜间照度明显提高，每年节约电费约1.2万元。",
    ],
    supporters: 11,
  },
  {
    title: "单元楼道扶手加装",
    description: "楼内老人多，上下楼梯吃力，建议加装楼道扶手。",
    procedure: "bench",
    status: "done",
    onBuilding: true,
    notes: [
      "板凳协商：本楼居民一致同意加装不锈钢扶手，费用由社区惠民资金承担。",
      "扶手安装完成。",
      "已为本楼1至6层加装扶手，老人上下楼更安全。",
    ],
    supporters: 4,
  },
  {
    title: "小区东门改为只出不进",
    description: "建议东门改为只出不进，以减少车辆穿行。",
    procedure: "yizheng",
    status: "rejected",
    rejectedLast: true,
    notes: [
      "征求意见期结束，入户和楼道座谈收集意见47条，意见分歧较大。",
      "党支部提议：东门试行只出不进。",
      "两委商议通过，提交审议。",
      "党员大会审议通过。",
      "居民代表会议未通过：多数代表认为东门改为只出不进将影响东侧居民出行，维持现状。",
    ],
    supporters: 8,
  },
  {
    title: "在小区内饲养鸽子",
    description: "希望在楼顶搭建鸽舍饲养信鸽。",
    procedure: null,
    status: "declined",
    notes: [],
    declineReason: "楼顶属全体业主共有部位，搭建鸽舍需全体业主同意，且影响邻里卫生，本议题不予采纳。",
    supporters: 1,
  },
];

type People = { staff: number; committee: number[]; party: number[]; reps: number[]; neighbours: number[] };

/** Each body's members in the demo community, picked from the people the seed already has. */
async function membersOf(tx: Tx, communityId: number, buildingId: number): Promise<People> {
  const staffRoles = await tx
    .select({ id: roleGrants.userId, role: roleGrants.role })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.scopeKind, "community"),
        eq(roleGrants.scopeId, communityId),
        inArray(roleGrants.role, ["communityStaff", "committeeMember"]),
      ),
    )
    .orderBy(asc(roleGrants.userId));
  const committee = staffRoles.map((r) => r.id);
  const party = await tx
    .select({ id: volunteers.userId })
    .from(volunteers)
    .where(and(eq(volunteers.communityId, communityId), isNotNull(volunteers.partyStatus)))
    .orderBy(asc(volunteers.userId))
    .limit(PARTY_VOTERS);
  const reps = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.communityId, communityId), isNotNull(users.householdId), notInArray(users.id, committee)))
    .orderBy(asc(users.id))
    .limit(REPS_VOTERS);
  const neighbours = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.buildingId, buildingId))
    .orderBy(asc(users.id))
    .limit(BENCH_VOTERS + 1);
  const staff = must(staffRoles.find((r) => r.role === "communityStaff")).id;
  return {
    staff,
    committee,
    party: party.map((r) => r.id),
    reps: reps.map((r) => r.id),
    neighbours: neighbours.map((r) => r.id),
  };
}

/** A plausible show of hands: most for, a few against or abstaining; a rejected matter mostly against. */
const choiceOf = (i: number, rejected: boolean): VoteChoice => {
  if (i % 5 === 3) return "abstain";
  if (rejected) return i % 4 === 0 ? "for" : "against";
  return i % 6 === 5 ? "against" : "for";
};

type MeetingSeed = {
  communityId: number;
  topicId: number;
  body: MeetingBody;
  buildingId: number | null;
  voters: number[];
  /** Invited and away: the proposer, when a member of the body. */
  absent: number[];
  staff: number;
  at: number;
  rejected: boolean;
};

/** The seat each body's members are invited in (core MEETING_SEATS). */
const SEATS: Record<MeetingBody, MeetingSeat> = {
  twoCommittees: "committee",
  jointCommittee: "committee",
  partyMembers: "partyMember",
  residentReps: "representative",
  bench: "resident",
};

const MEETING_TITLES: Record<MeetingBody, string> = {
  twoCommittees: "两委联席会议",
  partyMembers: "党员大会",
  residentReps: "居民代表会议",
  jointCommittee: "大党委联席会议",
  bench: "楼道板凳协商会",
};
const MEETING_PLACES: Record<MeetingBody, string> = {
  twoCommittees: "社区党群服务中心二楼会议室",
  partyMembers: "社区党群服务中心多功能厅",
  residentReps: "社区党群服务中心多功能厅",
  jointCommittee: "街道党群服务中心会议室",
  bench: "楼门口",
};

/** A closed meeting with the topic on its agenda, decided at `at`, and each member's vote. */
async function seedMeeting(tx: Tx, m: MeetingSeed): Promise<number> {
  const [meeting] = await tx
    .insert(meetings)
    .values({
      communityId: m.communityId,
      body: m.body,
      buildingId: m.buildingId,
      title: MEETING_TITLES[m.body],
      place: MEETING_PLACES[m.body],
      startsAt: m.at - 2 * HOUR_MS,
      status: "closed",
      minutes: "到会人数符合规定，会议就议题进行讨论并表决。",
      createdBy: m.staff,
      createdAt: m.at - 5 * DAY_MS,
      closedAt: m.at,
    })
    .returning({ id: meetings.id });
  const meetingId = must(meeting).id;
  await tx
    .insert(meetingAgenda)
    .values({ meetingId, topicId: m.topicId, position: 1, passed: !m.rejected, decidedAt: m.at });
  // Everyone who voted was invited and ticked present at the door; one more member was invited and stayed away.
  await tx.insert(meetingInvitations).values(
    [...m.voters, ...m.absent].map((userId) => ({
      meetingId,
      userId,
      seat: SEATS[m.body],
      reply: m.voters.includes(userId) ? ("attend" as const) : null,
      attendedAt: m.voters.includes(userId) ? m.at - 2 * HOUR_MS : null,
      checkInMethod: m.voters.includes(userId) ? ("hand" as const) : null,
      markedBy: m.voters.includes(userId) ? m.staff : null,
    })),
  );
  await tx.insert(meetingVotes).values(
    m.voters.map((userId, i) => ({
      meetingId,
      topicId: m.topicId,
      userId,
      choice: choiceOf(i, m.rejected),
      createdAt: m.at - HOUR_MS,
    })),
  );
  return meetingId;
}

/**
 * The body's members at a meeting step (committee, Party members, representatives, or the building's residents):
 * all vote but the topic's proposer, who was invited and stayed away.
 */
function attendeesOf(body: MeetingBody, people: People, proposer: number): { voters: number[]; absent: number[] } {
  const members: Record<MeetingBody, number[]> = {
    twoCommittees: people.committee,
    jointCommittee: people.committee,
    partyMembers: people.party,
    residentReps: people.reps,
    bench: people.neighbours,
  };
  return {
    voters: members[body].filter((id) => id !== proposer),
    absent: members[body].includes(proposer) ? [proposer] : [],
  };
}

/** Where a seeded topic stands in its procedure, as triage and recordStep would have left it. */
function stepColumns(spec: TopicSeed, keys: readonly StepKey[], openedAt: number) {
  if (!spec.procedure) return { procedure: null, stepIndex: null };
  const recorded = spec.notes.length;
  const live = spec.status === "deliberating" || spec.status === "decided";
  return {
    procedure: spec.procedure,
    procedureSteps: JSON.stringify(keys),
    stepIndex: recorded,
    currentStep: live ? (keys[recorded] ?? null) : null,
    stepDueAt: live ? dueAtOpening(builtInProcedure(spec.procedure), recorded, openedAt) : null,
  };
}

/** One topic written as it stands: its recorded steps, and for meeting steps the meeting, its decision and votes. */
async function seedTopic(
  tx: Tx,
  spec: TopicSeed,
  ctx: { communityId: number; buildingId: number; people: People; now: number },
) {
  const { communityId, people, now } = ctx;
  // Old enough for every recorded step, the newest some days back; the proposal comes first.
  const proposedAt = now - (spec.notes.length * STEP_GAP_DAYS + 3) * DAY_MS;
  const stepAt = (i: number) => proposedAt + (i + 1) * STEP_GAP_DAYS * DAY_MS;
  const buildingId = spec.onBuilding ? ctx.buildingId : null;
  const proposer = must(
    spec.onBuilding ? people.neighbours[0] : people.reps[TOPICS.indexOf(spec) % people.reps.length],
  );
  const keys = spec.procedure ? BUILT_IN_PROCEDURES[spec.procedure] : [];
  const recorded = spec.notes.length;
  const supporters = people.neighbours
    .concat(people.reps)
    .filter((id) => id !== proposer)
    .slice(0, spec.supporters);
  const [topic] = await tx
    .insert(topics)
    .values({
      communityId,
      buildingId,
      proposerUserId: proposer,
      title: spec.title,
      description: spec.description,
      status: spec.status,
      ...stepColumns(spec, keys, recorded > 0 ? stepAt(recorded - 1) : proposedAt + DAY_MS),
      declineReason: spec.declineReason ?? null,
      supportCount: supporters.length,
      createdAt: proposedAt,
      updatedAt: recorded > 0 ? stepAt(recorded - 1) : proposedAt,
    })
    .returning({ id: topics.id });
  const topicId = must(topic).id;
  if (supporters.length > 0)
    await tx
      .insert(topicSupports)
      .values(supporters.map((userId, i) => ({ topicId, userId, createdAt: proposedAt + (i + 1) * HOUR_MS })));
  await seedComments(tx, topicId, spec.comments ?? [], {
    // The building's neighbours, each leaving room under the limit for one more in the demo.
    writers: people.neighbours.filter((id) => id !== proposer),
    from: proposedAt + DAY_MS,
  });
  for (const [i, note] of spec.notes.entries()) {
    const key = must(keys[i]);
    const rejected = spec.rejectedLast === true && i === spec.notes.length - 1;
    const body = STEPS[key].body;
    const meetingId = body
      ? await seedMeeting(tx, {
          communityId,
          topicId,
          body,
          buildingId,
          ...attendeesOf(body, people, proposer),
          staff: people.staff,
          at: stepAt(i),
          rejected,
        })
      : null;
    const outcome: StepOutcome = rejected ? "rejected" : body || key === "propose" ? "passed" : "done";
    await tx.insert(topicSteps).values({
      topicId,
      stepIndex: i,
      stepKey: key,
      outcome,
      meetingId,
      decidedBy: people.staff,
      decidedAt: stepAt(i),
      note,
    });
  }
}

/** Comments written in turn by the writers, two hours apart from `from`; no writer reaches the per-person limit. */
async function seedComments(
  tx: Tx,
  topicId: number,
  bodies: readonly string[],
  at: { writers: number[]; from: number },
) {
  const room = at.writers.length * (TOPIC_COMMENTS_PER_PERSON_MAX - 1);
  const rows = bodies.slice(0, room).map((body, i) => ({
    topicId,
    userId: must(at.writers[i % at.writers.length]),
    body,
    createdAt: at.from + i * 2 * HOUR_MS,
  }));
  if (rows.length > 0) await tx.insert(topicComments).values(rows);
}

/** 和平社区's topics, one at every step of 一征三议两公开, a 板凳协商 one done, one rejected and one declined. */
export async function seedTopics(tx: Tx, now: number) {
  const [community] = await tx.select({ id: communities.id }).from(communities).where(eq(communities.name, "和平社区"));
  const communityId = must(community).id;
  // The bench meets at the second building: the first is the demo resident's, whose stairwell light the e2e story fixes.
  const [, building] = await tx
    .select({ id: buildings.id })
    .from(buildings)
    .where(and(eq(buildings.communityId, communityId), isNull(buildings.archivedAt)))
    .orderBy(asc(buildings.id))
    .limit(2);
  const buildingId = must(building).id;
  const people = await membersOf(tx, communityId, buildingId);
  // Oldest first (the most steps behind it), so that ids follow the order they were proposed in.
  const oldestFirst = [...TOPICS].sort((a, b) => b.notes.length - a.notes.length);
  for (const spec of oldestFirst) await seedTopic(tx, spec, { communityId, buildingId, people, now });
  await seedGardenProject(tx, communityId, people.staff, now);
}

/** 立为项目: the decided 中心花园 topic became a project of the 项目清单, which its page shows with its status. */
async function seedGardenProject(tx: Tx, communityId: number, staff: number, now: number) {
  const [topic] = await tx
    .select({ id: topics.id, title: topics.title })
    .from(topics)
    .where(and(eq(topics.communityId, communityId), eq(topics.title, "中心花园绿化提升")));
  const [project] = await tx
    .insert(projects)
    .values({
      communityId,
      title: must(topic).title,
      description: "补种草坪和灌木，增设6组座椅；共建单位捐赠苗木。",
      status: "open",
      createdBy: staff,
      createdAt: now,
    })
    .returning({ id: projects.id });
  const projectId = must(project).id;
  await tx.insert(projectMilestones).values([
    { projectId, title: "补种草坪（平方米）", target: 300 },
    { projectId, title: "增设座椅（组）", target: 6 },
  ]);
  await tx
    .insert(topicLinks)
    .values({ topicId: must(topic).id, kind: "project", targetId: projectId, createdBy: staff, createdAt: now });
}
