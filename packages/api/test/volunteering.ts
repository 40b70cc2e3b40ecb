import { asc, eq } from "drizzle-orm";
import { nameSearchKeys, must } from "@tongxin/core";
import { roleGrants, teamMembers, teams, users, volunteers } from "../src/db/schema";
import { Sessions } from "../src/auth/session";
import { hashPassword } from "../src/auth/password";
import { Agent, DEMO, type TestApp } from "./harness";

export const NEXT_SATURDAY = "2026-12-05";

export type ShiftSpec = {
  startsAt: string;
  endsAt: string;
  capacity: number;
  requiredSkillIds?: number[];
  waitlistEnabled?: boolean;
  signupDeadline?: string;
  cancelDeadline?: string;
};

/** The demo team leader's team (和平社区暖心帮扶志愿服务队). */
export async function leaderTeam(t: TestApp): Promise<{ leader: Agent; teamId: number }> {
  const leader = await t.agent().login(DEMO.teamLeader);
  const me = await leader.get("/api/me");
  return { leader, teamId: me.json.roles.find((r: { role: string }) => r.role === "teamLeader").scopeId };
}

/** Creates and publishes an activity of the leader's team; answers its shift ids. */
export async function publishedActivity(t: TestApp, shifts: ShiftSpec[], extra: Record<string, unknown> = {}) {
  const { leader, teamId } = await leaderTeam(t);
  const created = await leader.post("/api/activities", {
    communityId: 1,
    teamId,
    title: "敬老院慰问",
    description: "陪老人聊天",
    category: "elderly",
    place: "幸福敬老院",
    shifts,
    ...extra,
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.json)}`);
  const published = await leader.post(`/api/activities/${created.json.id}/publish`);
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.json)}`);
  return {
    leader,
    teamId,
    activityId: created.json.id as number,
    shiftIds: (created.json.shifts as { id: number }[]).map((s) => s.id),
  };
}

export const shiftOn = (
  day: string,
  from = "09:00",
  to = "12:00",
  capacity = 5,
  more: Partial<ShiftSpec> = {},
): ShiftSpec => ({ startsAt: `${day}T${from}:00+08:00`, endsAt: `${day}T${to}:00+08:00`, capacity, ...more });

/**
 * Volunteers with profiles and sessions, made directly in the database: fast
 * enough for hundreds. `vouched` makes them active members of a 和平社区 team,
 * as volunteers the community knows must be to claim residents' requests.
 */
export async function makeVolunteers(
  t: TestApp,
  count: number,
  prefix: string,
  options: { vouched?: boolean } = {},
): Promise<Agent[]> {
  const db = t.database.db;
  const passwordHash = await hashPassword("unused-1");
  const sessions = new Sessions(t.database);
  const agents: Agent[] = [];
  for (let i = 0; i < count; i++) {
    const name = `测试${prefix}${i}`;
    const [user] = await db
      .insert(users)
      .values({
        phone: `1${prefix}${String(i).padStart(10 - prefix.length, "0")}`,
        name,
        passwordHash,
        communityId: 1,
        createdAt: t.clock.ms,
      })
      .returning({ id: users.id });
    const keys = nameSearchKeys(name);
    await db.insert(volunteers).values({
      userId: must(user).id,
      communityId: 1,
      nameFull: keys.full,
      nameInitials: keys.initials,
      createdAt: t.clock.ms,
    });
    await db
      .insert(roleGrants)
      .values({ userId: must(user).id, role: "volunteer", scopeKind: "community", scopeId: 1, createdAt: t.clock.ms });
    if (options.vouched)
      await db.insert(teamMembers).values({
        teamId: await firstTeamOfCommunity1(t),
        userId: must(user).id,
        status: "active",
        createdAt: t.clock.ms,
      });
    const cookie = await sessions.create(must(user).id);
    const agent = t.agent();
    agent.cookie = `${cookie.name}=${cookie.value}`;
    agents.push(agent);
  }
  return agents;
}

async function firstTeamOfCommunity1(t: TestApp): Promise<number> {
  const [team] = await t.database.db
    .select({ id: teams.id })
    .from(teams)
    .where(eq(teams.communityId, 1))
    .orderBy(asc(teams.id))
    .limit(1);
  return must(team).id;
}

export async function userIdOf(t: TestApp, phone: string): Promise<number> {
  const [row] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  return must(row).id;
}
