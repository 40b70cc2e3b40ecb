import { and, eq, isNull } from "drizzle-orm";
import { decideScope, fail, parseHolderKey, type ActPlace, type Actor, type ScopedAct } from "@tongxin/core";
import type { Db, Tx } from "../db/client";
import { partnerUnits, roleGrants, teamMembers, teams, users, volunteers } from "../db/schema";
import { communityScope } from "./scope";

type Reader = Db | Tx;

/**
 * The communities a person belongs to: their home, their volunteer profile's,
 * their partner unit's, and those of the teams they serve in or lead.
 */
export async function communitiesOfUser(db: Reader, userId: number): Promise<number[]> {
  const [home] = await db
    .select({ user: users.communityId, volunteer: volunteers.communityId, unit: partnerUnits.communityId })
    .from(users)
    .leftJoin(volunteers, eq(volunteers.userId, users.id))
    .leftJoin(partnerUnits, eq(partnerUnits.id, volunteers.partnerUnitId))
    .where(eq(users.id, userId));
  const served = await db
    .select({ communityId: teams.communityId })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.status, "active")));
  const led = await db
    .select({ communityId: teams.communityId })
    .from(roleGrants)
    .innerJoin(teams, eq(teams.id, roleGrants.scopeId))
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, "teamLeader"), isNull(roleGrants.revokedAt)));
  const all = [
    home?.user,
    home?.volunteer,
    home?.unit,
    ...served.map((s) => s.communityId),
    ...led.map((l) => l.communityId),
  ];
  return [...new Set(all.filter((id): id is number => typeof id === "number"))];
}

/** The communities a holder key (volunteer:12, team:3, partner:5) belongs to; none for a key of no one. */
export async function communitiesOfHolder(db: Reader, key: string): Promise<number[]> {
  const holder = parseHolderKey(key);
  if (!holder) return [];
  if (holder.kind === "volunteer") return communitiesOfUser(db, holder.id);
  const rows =
    holder.kind === "team"
      ? await db.select({ communityId: teams.communityId }).from(teams).where(eq(teams.id, holder.id))
      : await db
          .select({ communityId: partnerUnits.communityId })
          .from(partnerUnits)
          .where(eq(partnerUnits.id, holder.id));
  return rows.map((r) => r.communityId);
}

/** Loads where the act lands and asks core's scope rule whether the party may be bound there. */
export async function decideInCommunity(
  db: Reader,
  actor: Actor,
  act: ScopedAct,
  communityId: number,
  partyBelongsTo: readonly number[],
) {
  const scope = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  const place: ActPlace = { streetId: scope.streetId, communityId };
  return decideScope(actor, act, place, partyBelongsTo);
}
