import { and, desc, eq, inArray, isNull, sum } from "drizzle-orm";
import { authorize, fail, ok, publicName } from "@tongxin/core";
import { activities, roleGrants, serviceHours, teamMembers, teams, users, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { teamScope } from "../scope";
import { peopleNames } from "../people";
import { recordAccesses } from "../access-log/record";

/** A team's page: leaders, members, pending applications (for its managers), total hours and activities. Managers see members' phones; each read is in the access log. */
export async function teamPage({ deps, actor }: Call, teamId: number) {
  const db = deps.database.db;
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
  const scope = team && (await teamScope(db, teamId));
  if (!team || !scope) return fail("not_found");
  const manages = authorize(actor, "team.manage", scope).ok;
  const members = await db
    .select({
      memberId: teamMembers.id,
      userId: teamMembers.userId,
      status: teamMembers.status,
      name: users.name,
      phone: users.phone,
      consent: volunteers.publicNameConsent,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .leftJoin(volunteers, eq(volunteers.userId, teamMembers.userId))
    .where(
      and(eq(teamMembers.teamId, teamId), inArray(teamMembers.status, manages ? ["active", "applied"] : ["active"])),
    );
  if (manages && actor)
    await recordAccesses(
      db,
      members.map((m) => ({
        communityId: team.communityId,
        actorUserId: actor.userId,
        subjectUserId: m.userId,
        fields: "phone",
        entity: "team" as const,
        entityId: teamId,
      })),
      deps.now(),
    );
  const leaders = await db
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, "teamLeader"), eq(roleGrants.scopeId, teamId), isNull(roleGrants.revokedAt)));
  const leaderNames = await peopleNames(
    db,
    leaders.map((l) => l.userId),
    manages,
  );
  const [hours] = await db
    .select({ total: sum(serviceHours.minutes) })
    .from(serviceHours)
    .where(and(eq(serviceHours.teamId, teamId), isNull(serviceHours.voidedAt)));
  const recent = await db
    .select({ id: activities.id, title: activities.title, status: activities.status })
    .from(activities)
    .where(eq(activities.teamId, teamId))
    .orderBy(desc(activities.id))
    .limit(20);
  const isMember = actor ? (members.find((m) => m.userId === actor.userId)?.status ?? null) : null;
  return ok({
    id: team.id,
    communityId: team.communityId,
    name: team.name,
    kind: team.kind,
    manages,
    myMembership: isMember,
    leaders: leaders.map((l) => ({ userId: l.userId, name: leaderNames.get(l.userId) ?? "" })),
    members: members.map((m) => ({
      memberId: m.memberId,
      userId: m.userId,
      status: m.status,
      name: publicName(m.name, m.consent, manages),
      phone: manages ? m.phone : null,
    })),
    totalMinutes: Number(hours?.total ?? 0),
    activities: recent.filter((a) => manages || a.status !== "draft"),
  });
}
