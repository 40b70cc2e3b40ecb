import { and, eq, inArray } from "drizzle-orm";
import {
  DEFAULT_SKILLS,
  PARTNER_KINDS,
  nameSearchKeys,
  shanghaiDate,
  type ActivityCategory,
  must,
} from "@tongxin/core";
import type { Tx } from "../db/client";
import {
  activities,
  availabilityWindows,
  grids,
  partnerUnits,
  roleGrants,
  serviceHours,
  shifts,
  shiftSkills,
  signups,
  skills,
  teamMembers,
  teams,
  users,
  volunteerSkills,
  volunteers,
} from "../db/schema";
import { pick } from "./names";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PAST_WEEKS = 40;

const PARTNERS = [
  { name: "区人民医院党支部", kind: "hospital" },
  { name: "实验小学党支部", kind: "school" },
  { name: "区税务局机关党支部", kind: "agency" },
  { name: "青枫物业有限公司", kind: "enterprise" },
  { name: "阳光社工服务中心", kind: "social_org" },
] as const satisfies readonly { name: string; kind: (typeof PARTNER_KINDS)[number] }[];

const ACTIVITY_TEMPLATES: readonly {
  title: string;
  category: ActivityCategory;
  place: string;
  skill: string | null;
}[] = [
  { title: "楼道环境整治", category: "environment", place: "各楼栋楼道", skill: null },
  { title: "爱心义剪", category: "elderly", place: "社区党群服务中心", skill: "理发" },
  { title: "健康义诊", category: "health", place: "社区卫生服务站", skill: "医疗义诊" },
  { title: "四点半课堂", category: "education", place: "社区活动室", skill: "课业辅导" },
  { title: "独居老人上门探访", category: "elderly", place: "网格内独居老人家中", skill: "助老陪护" },
  { title: "政策宣讲进小区", category: "policy", place: "小区广场", skill: null },
  { title: "家电水电义务维修", category: "other", place: "红色驿站", skill: "水电维修" },
];

type Ctx = { tx: Tx; now: number; random: () => number };

/** The skill catalogue, partner units, volunteer profiles and team memberships. */
async function seedPeople({ tx, now, random }: Ctx, communityIds: number[]) {
  const skillRows = await tx
    .insert(skills)
    .values(DEFAULT_SKILLS.map((name) => ({ name, createdAt: now })))
    .returning({ id: skills.id, name: skills.name });
  const units = await tx
    .insert(partnerUnits)
    .values(
      PARTNERS.map((p, i) => ({
        ...p,
        communityId: must(communityIds[i % communityIds.length]),
        contactName: "李主任",
        contactPhone: `1390000${String(9000 + i)}`,
        createdAt: now,
      })),
    )
    .returning({ id: partnerUnits.id, communityId: partnerUnits.communityId });
  const people = await tx
    .select({
      userId: roleGrants.userId,
      communityId: roleGrants.scopeId,
      name: users.name,
      buildingId: users.buildingId,
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, "volunteer")));
  const leaders = await tx
    .select({ userId: roleGrants.userId, teamId: roleGrants.scopeId })
    .from(roleGrants)
    .where(eq(roleGrants.role, "teamLeader"));
  const gridRows = await tx
    .select({ id: grids.id, communityId: grids.communityId })
    .from(grids)
    .where(eq(grids.level, 2));
  const everyone = [
    ...people,
    ...(await leaderPeople(
      tx,
      leaders.map((l) => l.userId),
    )),
  ];
  for (const person of everyone) {
    const keys = nameSearchKeys(person.name);
    const homeGrid = pick(
      random,
      gridRows.filter((g) => g.communityId === person.communityId),
    );
    const unit = random() < 0.2 ? units.find((u) => u.communityId === person.communityId) : undefined;
    const partyStatus = random() < 0.3 ? pick(random, ["active", "retired", "mobile"] as const) : null;
    await tx
      .insert(volunteers)
      .values({
        userId: person.userId,
        communityId: person.communityId,
        homeGridId: homeGrid?.id ?? null,
        partyStatus,
        partnerUnitId: unit?.id ?? null,
        publicNameConsent: random() < 0.5,
        nameFull: keys.full,
        nameInitials: keys.initials,
        createdAt: now,
      })
      .onConflictDoNothing();
    const own = [pick(random, skillRows), pick(random, skillRows)];
    await tx
      .insert(volunteerSkills)
      .values([...new Set(own.map((s) => s.id))].map((skillId) => ({ userId: person.userId, skillId })))
      .onConflictDoNothing();
    await tx.insert(availabilityWindows).values([
      { userId: person.userId, weekday: 6, startMinute: 8 * 60, endMinute: 12 * 60 },
      { userId: person.userId, weekday: 3, startMinute: 14 * 60, endMinute: 18 * 60 },
    ]);
  }
  for (const leader of leaders) {
    await tx
      .insert(teamMembers)
      .values({ teamId: leader.teamId, userId: leader.userId, status: "active", createdAt: now, decidedAt: now });
    const communityId = must(everyone.find((p) => p.userId === leader.userId)).communityId;
    await tx
      .insert(roleGrants)
      .values({
        userId: leader.userId,
        role: "volunteer",
        scopeKind: "community",
        scopeId: communityId,
        createdAt: now,
      })
      .onConflictDoNothing();
  }
  await equipDemoVolunteers(tx, skillRows, leaders, now);
  return { skillRows, volunteersByCommunity: groupBy(everyone, (p) => p.communityId) };
}

/** The demo volunteer and team leader can sign up for the care activities and belong to the leader's team. */
async function equipDemoVolunteers(
  tx: Tx,
  skillRows: { id: number; name: string }[],
  leaders: { userId: number; teamId: number }[],
  now: number,
) {
  const demo = await tx
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(inArray(users.phone, ["13800000005", "13800000006"]));
  const care = skillRows.filter((s) => s.name === "助老陪护" || s.name === "理发");
  for (const user of demo)
    await tx
      .insert(volunteerSkills)
      .values(care.map((s) => ({ userId: user.id, skillId: s.id })))
      .onConflictDoNothing();
  const volunteer = demo.find((u) => u.phone === "13800000006");
  const leader = leaders.find((l) => demo.some((u) => u.phone === "13800000005" && u.id === l.userId));
  if (volunteer && leader)
    await tx
      .insert(teamMembers)
      .values({ teamId: leader.teamId, userId: volunteer.id, status: "active", createdAt: now, decidedAt: now });
}

async function leaderPeople(tx: Tx, userIds: number[]) {
  if (userIds.length === 0) return [];
  const rows = await tx
    .select({ userId: users.id, communityId: users.communityId, name: users.name, buildingId: users.buildingId })
    .from(users)
    .where(inArray(users.id, userIds));
  return rows.map((r) => ({ ...r, communityId: must(r.communityId) }));
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

/** Saturday 09:00 Shanghai time, `weeks` weeks from the week of `now`. */
function saturdayMorning(now: number, weeks: number): number {
  const shanghaiMidnight = Math.floor((now + 8 * HOUR_MS) / DAY_MS) * DAY_MS - 8 * HOUR_MS;
  const weekday = new Date(now + 8 * HOUR_MS).getUTCDay();
  return shanghaiMidnight + ((6 - weekday + 7) % 7) * DAY_MS + weeks * 7 * DAY_MS + 9 * HOUR_MS;
}

/**
 * Forty weeks of finished Saturday activities with confirmed hours (a core of
 * regulars per community passes 100 hours: one star), and three weeks of
 * upcoming ones with open places.
 */
export async function seedVolunteering(tx: Tx, now: number, random: () => number): Promise<void> {
  const teamRows = await tx.select({ id: teams.id, communityId: teams.communityId, kind: teams.kind }).from(teams);
  const communityIds = [...new Set(teamRows.map((t) => t.communityId))];
  const { skillRows, volunteersByCommunity } = await seedPeople({ tx, now, random }, communityIds);
  const leaders = await tx
    .select({ userId: roleGrants.userId, teamId: roleGrants.scopeId })
    .from(roleGrants)
    .where(eq(roleGrants.role, "teamLeader"));
  for (const communityId of communityIds) {
    const team = must(teamRows.find((t) => t.communityId === communityId && t.kind === "暖心帮扶"));
    const organiser =
      leaders.find((l) => l.teamId === team.id)?.userId ?? must(must(volunteersByCommunity.get(communityId))[0]).userId;
    const people = volunteersByCommunity.get(communityId) ?? [];
    const regulars = people.slice(0, 6);
    for (let week = -PAST_WEEKS; week <= 3; week++) {
      const template = must(ACTIVITY_TEMPLATES[(week + PAST_WEEKS) % ACTIVITY_TEMPLATES.length]);
      const startsAt = saturdayMorning(now, week);
      const past = startsAt + 4 * HOUR_MS <= now;
      const [activity] = await tx
        .insert(activities)
        .values({
          communityId,
          teamId: team.id,
          organiserUserId: organiser,
          title: template.title,
          description: `${template.title}：欢迎报名参加。`,
          category: template.category,
          place: template.place,
          visibility: "public",
          status: past ? "finished" : "published",
          createdAt: startsAt - 14 * DAY_MS,
          publishedAt: startsAt - 14 * DAY_MS,
          endedAt: past ? startsAt + 4 * HOUR_MS : null,
        })
        .returning({ id: activities.id });
      const capacity = 8 + Math.floor(random() * 8);
      const attendees = past
        ? [...regulars, ...people.slice(6).filter(() => random() < 0.05)].slice(0, capacity)
        : people.filter(() => random() < 0.3).slice(0, capacity - 2);
      const [shift] = await tx
        .insert(shifts)
        .values({
          activityId: must(activity).id,
          communityId,
          startsAt,
          endsAt: startsAt + 4 * HOUR_MS,
          capacity,
          signupDeadline: startsAt,
          cancelDeadline: startsAt - 2 * HOUR_MS,
        })
        .returning({ id: shifts.id });
      const skill = skillRows.find((s) => s.name === template.skill);
      if (skill && !past) await tx.insert(shiftSkills).values({ shiftId: must(shift).id, skillId: skill.id });
      for (const person of attendees) {
        const [signup] = await tx
          .insert(signups)
          .values({
            shiftId: must(shift).id,
            userId: person.userId,
            status: "confirmed",
            createdAt: startsAt - 7 * DAY_MS,
            ...(past
              ? {
                  attendance: "present" as const,
                  checkInAt: startsAt,
                  checkOutAt: startsAt + 4 * HOUR_MS,
                  attendanceMarkedBy: organiser,
                }
              : {}),
          })
          .returning({ id: signups.id });
        if (past)
          await tx.insert(serviceHours).values({
            signupId: must(signup).id,
            userId: person.userId,
            shiftId: must(shift).id,
            activityId: must(activity).id,
            teamId: team.id,
            serviceDate: shanghaiDate(startsAt),
            minutes: 240,
            defaultMinutes: 240,
            confirmedBy: organiser,
            confirmedAt: startsAt + 5 * HOUR_MS,
          });
      }
    }
  }
}
