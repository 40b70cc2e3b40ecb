import { and, eq } from "drizzle-orm";
import {
  LEVELS,
  REQUEST_CATEGORIES,
  type RequestCategory,
  type RequestKind,
  type RequestStatus,
  must,
  shanghaiDate,
} from "@tongxin/core";
import type { Tx } from "../db/client";
import {
  buildings,
  offerSlots,
  offers,
  partnerUnits,
  projectEvents,
  projectMilestones,
  projects,
  requestEvents,
  requestHolds,
  requests,
  roleGrants,
  teams,
  users,
} from "../db/schema";
import { pick } from "./names";

const HOUR_MS = 3_600_000;

const SAMPLES: readonly { kind: RequestKind; category: RequestCategory; description: string }[] = [
  { kind: "service", category: "plumbing", description: "厨房水龙头一直滴水" },
  { kind: "service", category: "haircut", description: "老人行动不便，想请人上门理发" },
  { kind: "service", category: "tutoring", description: "孩子数学跟不上，想找人周末辅导" },
  { kind: "service", category: "companionship", description: "想请人陪老人去医院复查" },
  { kind: "wish", category: "item", description: "想要一个助行器" },
  { kind: "wish", category: "item", description: "孩子开学缺一个书包" },
  { kind: "wish", category: "companionship", description: "独居，希望有人周末来聊聊天" },
  { kind: "issue", category: "environment", description: "楼道里堆满杂物，影响通行" },
  { kind: "issue", category: "plumbing", description: "小区路灯坏了好几天" },
  { kind: "issue", category: "dispute", description: "楼上装修噪音太大，协商不成" },
];

// How far along each seeded request is, and what that needs: accepted, held, done, closed.
const PATH: Record<
  RequestStatus,
  { accepted: boolean; held: boolean; done: boolean; closed: "confirmed" | "unconfirmed" | null }
> = {
  submitted: { accepted: false, held: false, done: false, closed: null },
  accepted: { accepted: true, held: false, done: false, closed: null },
  assigned: { accepted: true, held: true, done: false, closed: null },
  claimed: { accepted: true, held: true, done: false, closed: null },
  in_progress: { accepted: true, held: true, done: false, closed: null },
  done: { accepted: true, held: true, done: true, closed: null },
  closed: { accepted: true, held: true, done: true, closed: "confirmed" },
  rejected: { accepted: false, held: false, done: false, closed: null },
  cancelled: { accepted: false, held: false, done: false, closed: null },
};
const STATUSES: readonly RequestStatus[] = [
  "submitted",
  "accepted",
  "claimed",
  "in_progress",
  "done",
  "closed",
  "closed",
  "closed",
  "rejected",
  "cancelled",
];

/** 吹哨: a few waiting requests were raised to the community, one in two of those on to the street (the dashboard shows them). */
function escalationsOf(i: number, status: RequestStatus): string[] {
  if ((status !== "submitted" && status !== "accepted") || i % 20 !== 7) return [];
  return i % 40 === 7 ? ["需要社区协调物业", "需要街道协调相关部门"] : ["需要社区协调物业"];
}

/**
 * A few hundred requests across every state and category, from the residents
 * of each community, held by its volunteers; the demo volunteer has closed
 * several with five stars.
 */
export async function seedRequests(tx: Tx, now: number, random: () => number): Promise<void> {
  const residents = await tx
    .select({ id: users.id, communityId: users.communityId, buildingId: users.buildingId, gridId: buildings.gridId })
    .from(users)
    .innerJoin(buildings, eq(buildings.id, users.buildingId));
  const volunteerRows = await tx
    .select({ userId: roleGrants.userId, communityId: roleGrants.scopeId })
    .from(roleGrants)
    .where(eq(roleGrants.role, "volunteer"));
  const [demoVolunteer] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, "13800000006"));
  const workers = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, "gridWorker")));
  const staffId = workers[0]?.userId ?? null;
  for (let i = 0; i < 300; i++) {
    const owner = pick(random, residents);
    const sample = pick(random, SAMPLES);
    const status = i < 5 ? "closed" : pick(random, STATUSES);
    const path = PATH[status];
    const holderUser =
      i < 5
        ? must(demoVolunteer).id
        : pick(
            random,
            volunteerRows.filter((v) => v.communityId === owner.communityId),
          )?.userId;
    // Requests still waiting for the resident's confirmation were done in the last few days (the 7-day window is open).
    const waiting = status === "done";
    const createdAt = now - Math.floor(((waiting ? 5 : 2) + random() * (waiting ? 2 : 60)) * 24 * HOUR_MS);
    const acceptedAt = path.accepted ? createdAt + Math.floor((1 + random() * 20) * HOUR_MS) : null;
    const doneAt = waiting
      ? now - Math.floor((1 + random() * 72) * HOUR_MS)
      : path.done
        ? must(acceptedAt) + Math.floor((1 + random() * REQUEST_CATEGORIES[sample.category].finishDays * 24) * HOUR_MS)
        : null;
    const closedAt = path.closed
      ? Math.min(now - HOUR_MS, must(doneAt) + Math.floor(random() * 48 * HOUR_MS))
      : status === "rejected" || status === "cancelled"
        ? createdAt + 2 * HOUR_MS
        : null;
    const holderKey = path.held && !path.closed && holderUser ? `volunteer:${holderUser}` : null;
    const confirmed = path.closed === "confirmed" && (i < 5 || random() < 0.85);
    const escalations = escalationsOf(i, status);
    const [row] = await tx
      .insert(requests)
      .values({
        communityId: must(owner.communityId),
        gridId: owner.gridId,
        buildingId: owner.buildingId,
        ownerUserId: owner.id,
        kind: sample.kind,
        category: sample.category,
        description: sample.description,
        status: holderKey || !path.held || path.closed ? status : "accepted",
        level: LEVELS[escalations.length],
        holderKey,
        closure: path.closed ? (confirmed ? "confirmed" : "unconfirmed") : null,
        rating: confirmed ? (i < 5 ? 5 : 3 + Math.floor(random() * 3)) : null,
        createdAt,
        acceptedAt,
        doneAt,
        closedAt,
      })
      .returning({ id: requests.id, status: requests.status });
    const id = must(row).id;
    await tx
      .insert(requestEvents)
      .values({ requestId: id, action: "create", actorUserId: owner.id, toStatus: "submitted", createdAt });
    if (acceptedAt)
      await tx.insert(requestEvents).values({
        requestId: id,
        action: "accept",
        actorUserId: staffId,
        fromStatus: "submitted",
        toStatus: "accepted",
        createdAt: acceptedAt,
      });
    for (const [step, reason] of escalations.entries())
      await tx.insert(requestEvents).values({
        requestId: id,
        action: "escalate",
        actorUserId: staffId,
        fromStatus: must(row).status,
        toStatus: must(row).status,
        note: reason,
        createdAt: createdAt + (step + 3) * HOUR_MS,
      });
    if (path.held && holderUser) {
      await tx.insert(requestHolds).values({
        requestId: id,
        holderKey: `volunteer:${holderUser}`,
        how: "claimed",
        startedAt: must(acceptedAt),
        endedAt: path.closed ? closedAt : null,
        endReason: path.closed ? (confirmed ? "confirm" : "autoClose") : null,
      });
    }
    if (path.closed)
      await tx.insert(requestEvents).values({
        requestId: id,
        action: confirmed ? "confirm" : "autoClose",
        actorUserId: confirmed ? owner.id : null,
        fromStatus: "done",
        toStatus: "closed",
        createdAt: must(closedAt),
      });
  }
}

/** Offers on each community's service card: the care team's haircuts and, where paired, a partner unit's health checks. */
export async function seedOffers(tx: Tx, now: number): Promise<void> {
  const careTeams = await tx
    .select({ id: teams.id, communityId: teams.communityId })
    .from(teams)
    .where(eq(teams.kind, "暖心帮扶"));
  const units = await tx
    .select({ id: partnerUnits.id, communityId: partnerUnits.communityId, kind: partnerUnits.kind })
    .from(partnerUnits);
  const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, "13800000001"));
  const saturday = (week: number) => {
    const local = new Date(now + 8 * HOUR_MS);
    const daysAhead = (6 - local.getUTCDay() + 7) % 7 || 7;
    const midnight = Math.floor((now + 8 * HOUR_MS) / (24 * HOUR_MS)) * 24 * HOUR_MS - 8 * HOUR_MS;
    return midnight + (daysAhead + 7 * week) * 24 * HOUR_MS;
  };
  const slots = (hour: number, capacity: number) =>
    [0, 1, 2, 3].map((week) => ({
      startsAt: saturday(week) + hour * HOUR_MS,
      endsAt: saturday(week) + (hour + 2) * HOUR_MS,
      capacity,
    }));
  for (const team of careTeams) {
    const [offer] = await tx
      .insert(offers)
      .values({
        communityId: team.communityId,
        providerKey: `team:${team.id}`,
        category: "haircut",
        title: "爱心义剪",
        description: "为老人、残疾人免费理发，行动不便可上门。",
        placeKind: "service_point",
        place: "社区党群服务中心",
        schedule: "每周六 9:00–11:00",
        createdBy: must(admin).id,
        createdAt: now,
      })
      .returning({ id: offers.id });
    await tx.insert(offerSlots).values(slots(9, 6).map((s) => ({ offerId: must(offer).id, ...s })));
  }
  for (const unit of units.filter((u) => u.kind === "hospital" || u.kind === "school")) {
    const health = unit.kind === "hospital";
    const [offer] = await tx
      .insert(offers)
      .values({
        communityId: unit.communityId,
        providerKey: `partner:${unit.id}`,
        category: health ? "health" : "tutoring",
        title: health ? "健康义诊" : "四点半课堂辅导",
        description: health ? "量血压、测血糖、用药咨询。" : "小学生作业辅导。",
        placeKind: "service_point",
        place: health ? "社区卫生服务站" : "社区活动室",
        schedule: health ? "每周六 14:00–16:00" : "每周六 16:00–18:00",
        createdBy: must(admin).id,
        createdAt: now,
      })
      .returning({ id: offers.id });
    await tx.insert(offerSlots).values(slots(health ? 14 : 16, 10).map((s) => ({ offerId: must(offer).id, ...s })));
  }
}

/**
 * Projects per community: one open for claiming, one claimed by the care team with progress under way and a
 * milestone past its day (late), and one its partner unit (共建单位) claimed this month.
 */
export async function seedProjects(tx: Tx, now: number): Promise<void> {
  const careTeams = await tx
    .select({ id: teams.id, communityId: teams.communityId })
    .from(teams)
    .where(eq(teams.kind, "暖心帮扶"));
  const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, "13800000001"));
  for (const team of careTeams) {
    const [open] = await tx
      .insert(projects)
      .values({
        communityId: team.communityId,
        title: "小区安装13张休闲长椅",
        description: "中心广场和楼栋之间安装长椅，方便老人歇脚。",
        status: "open",
        createdBy: must(admin).id,
        createdAt: now - 10 * 24 * HOUR_MS,
      })
      .returning({ id: projects.id });
    await tx.insert(projectMilestones).values([
      { projectId: must(open).id, title: "选址与采购", target: 13, dueOn: shanghaiDate(now + 20 * 24 * HOUR_MS) },
      { projectId: must(open).id, title: "安装完成", target: 13, dueOn: shanghaiDate(now + 60 * 24 * HOUR_MS) },
    ]);
    const [claimed] = await tx
      .insert(projects)
      .values({
        communityId: team.communityId,
        title: "一学期辅导27名困难家庭学生",
        description: "每周两次课业辅导。",
        status: "claimed",
        holderKey: `team:${team.id}`,
        createdBy: must(admin).id,
        createdAt: now - 40 * 24 * HOUR_MS,
        claimedAt: now - 35 * 24 * HOUR_MS,
      })
      .returning({ id: projects.id });
    await tx.insert(projectMilestones).values([
      { projectId: must(claimed).id, title: "结对学生", target: 27, progress: 27, updatedAt: now - 30 * 24 * HOUR_MS },
      {
        projectId: must(claimed).id,
        title: "完成辅导课时",
        target: 32,
        progress: 12,
        dueOn: shanghaiDate(now - 5 * 24 * HOUR_MS),
        updatedAt: now - 2 * 24 * HOUR_MS,
      },
    ]);
    await tx.insert(projectEvents).values([
      {
        projectId: must(claimed).id,
        action: "create",
        actorUserId: must(admin).id,
        createdAt: now - 40 * 24 * HOUR_MS,
      },
      {
        projectId: must(claimed).id,
        action: "claim",
        actorUserId: must(admin).id,
        note: `team:${team.id}`,
        createdAt: now - 35 * 24 * HOUR_MS,
      },
    ]);
  }
  const units = await tx.select({ id: partnerUnits.id, communityId: partnerUnits.communityId }).from(partnerUnits);
  for (const unit of units) {
    const claimedAt = now - 3 * 24 * HOUR_MS;
    const [project] = await tx
      .insert(projects)
      .values({
        communityId: unit.communityId,
        title: "共建读书角",
        description: "在党群服务中心布置一个读书角，捐赠图书200册。",
        status: "claimed",
        holderKey: `partner:${unit.id}`,
        createdBy: must(admin).id,
        createdAt: now - 6 * 24 * HOUR_MS,
        claimedAt,
      })
      .returning({ id: projects.id });
    await tx.insert(projectMilestones).values([
      {
        projectId: must(project).id,
        title: "捐赠图书",
        target: 200,
        progress: 80,
        dueOn: shanghaiDate(now + 30 * 24 * HOUR_MS),
      },
    ]);
    await tx.insert(projectEvents).values({
      projectId: must(project).id,
      action: "claim",
      actorUserId: must(admin).id,
      note: `partner:${unit.id}`,
      createdAt: claimedAt,
    });
  }
}
