import { and, eq, inArray, isNull } from "drizzle-orm";
import { authorize, decideApplication, decideApply, decideLeave, fail, ok, must } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { teamMembers, teams, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { bumpPoolVersion } from "../request/matches";
import { notify } from "../notify";
import { teamScope } from "../scope";
import { communitiesOfUser, decideInCommunity } from "../belonging";

async function liveMembership(tx: Tx, teamId: number, userId: number) {
  const [row] = await tx
    .select()
    .from(teamMembers)
    .where(
      and(
        eq(teamMembers.teamId, teamId),
        eq(teamMembers.userId, userId),
        inArray(teamMembers.status, ["applied", "active"]),
      ),
    );
  return row ?? null;
}

export async function applyToTeam({ deps, actor }: Call, teamId: number) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [team] = await tx
      .select({ id: teams.id, communityId: teams.communityId })
      .from(teams)
      .where(and(eq(teams.id, teamId), isNull(teams.archivedAt)));
    if (!team) return fail("not_found");
    const inScope = await decideInCommunity(
      tx,
      actor,
      "team.join",
      team.communityId,
      await communitiesOfUser(tx, actor.userId),
    );
    if (!inScope.ok) return inScope;
    const [profile] = await tx
      .select({ userId: volunteers.userId })
      .from(volunteers)
      .where(eq(volunteers.userId, actor.userId));
    const decided = decideApply(
      profile !== undefined,
      (await liveMembership(tx, teamId, actor.userId))?.status ?? null,
    );
    if (!decided.ok) return decided;
    const [row] = await tx
      .insert(teamMembers)
      .values({ teamId, userId: actor.userId, status: decided.status, createdAt: now })
      .returning({ id: teamMembers.id });
    return ok({ id: must(row).id, status: decided.status });
  });
}

/** The leader (or community staff) approves or rejects an application. Audited; the applicant is told. */
export async function decideTeamApplication(
  { deps, actor, requestId }: Call,
  teamId: number,
  memberId: number,
  approve: boolean,
) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const scope = await teamScope(tx, teamId);
    const [member] = await tx
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.id, memberId), eq(teamMembers.teamId, teamId)));
    const [team] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId));
    if (!scope || !member || !team) return fail("not_found");
    const allowed = authorize(actor, "team.manage", scope);
    if (!allowed.ok) return allowed;
    const decided = decideApplication(member.status, approve);
    if (!decided.ok) return decided;
    await tx
      .update(teamMembers)
      .set({ status: decided.status, decidedAt: now, decidedBy: must(actor).userId })
      .where(eq(teamMembers.id, memberId));
    await bumpPoolVersion(tx, scope.streetId); // a team's skills are its members' skills
    await notify(
      tx,
      [member.userId],
      decided.status === "active" ? "team_approved" : "team_rejected",
      { teamId, teamName: team.name, path: `/teams/${teamId}` },
      now,
    );
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: `team.${approve ? "approve" : "reject"}`,
        entity: "teamMember",
        entityId: memberId,
        scope,
        before: { status: member.status },
        after: { status: decided.status },
      },
      { requestId, now },
    );
    return ok({ id: memberId, status: decided.status });
  });
}

export async function leaveTeam({ deps, actor }: Call, teamId: number) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const live = await liveMembership(tx, teamId, actor.userId);
    const decided = decideLeave(live?.status ?? null);
    if (!decided.ok) return decided;
    await tx
      .update(teamMembers)
      .set({ status: decided.status, decidedAt: now })
      .where(eq(teamMembers.id, must(live).id));
    const scope = await teamScope(tx, teamId);
    if (scope) await bumpPoolVersion(tx, scope.streetId);
    return ok({ status: decided.status });
  });
}
