import { eq } from "drizzle-orm";
import { decideCreate, fail, ok, must } from "@tongxin/core";
import { roleGrants, teamMembers, teams, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { bumpPoolVersion } from "../request/matches";
import { authorizeInCommunity } from "../scope";
import { communitiesOfUser, decideInCommunity } from "../belonging";
import { unitColumns } from "../structure/units";

export type CreateTeamInput = { communityId: number; name: string; kind: string; leaderUserId: number | null };

/** Community staff create a team and may name its leader, who gets the teamLeader role and membership. */
export async function createTeam({ deps, actor, requestId }: Call, input: CreateTeamInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const allowed = await authorizeInCommunity(tx, actor, "team.create", input.communityId);
    if (!allowed.ok) return allowed;
    const { scope } = allowed;
    const siblings = await tx.select(unitColumns(teams)).from(teams).where(eq(teams.communityId, input.communityId));
    const decided = decideCreate(null, siblings, input.name);
    if (!decided.ok) return decided;
    if (input.leaderUserId !== null) {
      const [leader] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.leaderUserId));
      if (!leader) return fail("not_found");
      // Naming the leader grants the teamLeader role: the one scope rule for grants decides.
      const inScope = await decideInCommunity(
        tx,
        must(actor),
        "role.grant",
        input.communityId,
        await communitiesOfUser(tx, leader.id),
      );
      if (!inScope.ok) return inScope;
    }
    const [team] = await tx
      .insert(teams)
      .values({ communityId: input.communityId, name: decided.name, kind: input.kind, createdAt: now })
      .returning({ id: teams.id });
    const teamId = must(team).id;
    if (input.leaderUserId !== null) {
      await tx.insert(roleGrants).values({
        userId: input.leaderUserId,
        role: "teamLeader",
        scopeKind: "team",
        scopeId: teamId,
        grantedBy: must(actor).userId,
        createdAt: now,
      });
      await tx.insert(teamMembers).values({
        teamId,
        userId: input.leaderUserId,
        status: "active",
        createdAt: now,
        decidedAt: now,
        decidedBy: must(actor).userId,
      });
    }
    await bumpPoolVersion(tx, scope.streetId);
    const after = { name: decided.name, kind: input.kind, leaderUserId: input.leaderUserId };
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "team.create",
        entity: "team",
        entityId: teamId,
        scope: { ...scope, teamId },
        after,
      },
      { requestId, now },
    );
    return ok({ id: teamId, ...after });
  });
}
