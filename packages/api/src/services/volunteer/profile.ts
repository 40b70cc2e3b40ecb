import { and, eq, inArray, isNull } from "drizzle-orm";
import {
  checkAvailability,
  fail,
  nameSearchKeys,
  ok,
  type Actor,
  type AvailabilityWindow,
  type PartyStatus,
  must,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import {
  availabilityWindows,
  grids,
  partnerUnits,
  roleGrants,
  skills,
  users,
  volunteerSkills,
  volunteers,
} from "../../db/schema";
import type { Call } from "../call";
import { bumpPoolVersion } from "../request/matches";
import { communitiesOfUser, decideInCommunity } from "../belonging";
import { communityScope } from "../scope";

export type ProfileInput = {
  homeGridId: number | null;
  skillIds: number[];
  availability: AvailabilityWindow[];
  partyStatus: PartyStatus | null;
  partnerUnitId: number | null;
  publicNameConsent: boolean;
};

export async function loadProfile(db: Db | Tx, userId: number) {
  const [profile] = await db.select().from(volunteers).where(eq(volunteers.userId, userId));
  if (!profile) return null;
  const skillRows = await db
    .select({ id: skills.id, name: skills.name })
    .from(volunteerSkills)
    .innerJoin(skills, eq(skills.id, volunteerSkills.skillId))
    .where(eq(volunteerSkills.userId, userId));
  const windows = await db
    .select({
      weekday: availabilityWindows.weekday,
      startMinute: availabilityWindows.startMinute,
      endMinute: availabilityWindows.endMinute,
    })
    .from(availabilityWindows)
    .where(eq(availabilityWindows.userId, userId));
  return { ...profile, skills: skillRows, availability: windows };
}

export async function myProfile({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const profile = await loadProfile(deps.database.db, actor.userId);
  return profile ? ok({ profile }) : fail("not_found");
}

/** References must exist and sit in the volunteer's own community (a partner unit in one they belong to). */
async function checkReferences(tx: Tx, actor: Actor, communityId: number, input: ProfileInput) {
  if (input.homeGridId !== null) {
    const [grid] = await tx
      .select({ communityId: grids.communityId })
      .from(grids)
      .where(and(eq(grids.id, input.homeGridId), isNull(grids.archivedAt)));
    if (!grid) return fail("not_found");
    if (grid.communityId !== communityId) return fail("wrong_community");
  }
  if (input.partnerUnitId !== null) {
    const [unit] = await tx
      .select({ communityId: partnerUnits.communityId })
      .from(partnerUnits)
      .where(and(eq(partnerUnits.id, input.partnerUnitId), isNull(partnerUnits.archivedAt)));
    if (!unit) return fail("not_found");
    const inScope = await decideInCommunity(
      tx,
      actor,
      "partner.join",
      unit.communityId,
      await communitiesOfUser(tx, actor.userId),
    );
    if (!inScope.ok) return inScope;
  }
  const found = input.skillIds.length
    ? await tx.select({ id: skills.id }).from(skills).where(inArray(skills.id, input.skillIds))
    : [];
  if (found.length !== new Set(input.skillIds).size) return fail("not_found");
  return ok({});
}

/** Any resident becomes a volunteer by saving a profile; the volunteer role follows. */
export async function saveProfile({ deps, actor }: Call, input: ProfileInput) {
  if (!actor) return fail("unauthenticated");
  const windows = checkAvailability(input.availability);
  if (!windows.ok) return windows;
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ name: users.name, communityId: users.communityId })
      .from(users)
      .where(eq(users.id, actor.userId));
    if (!user?.communityId) return fail("wrong_community");
    const refs = await checkReferences(tx, actor, user.communityId, input);
    if (!refs.ok) return refs;
    const keys = nameSearchKeys(user.name);
    const values = {
      communityId: user.communityId,
      homeGridId: input.homeGridId,
      partyStatus: input.partyStatus,
      partnerUnitId: input.partnerUnitId,
      publicNameConsent: input.publicNameConsent,
      nameFull: keys.full,
      nameInitials: keys.initials,
    };
    await tx
      .insert(volunteers)
      .values({ userId: actor.userId, ...values, createdAt: now })
      .onConflictDoUpdate({ target: volunteers.userId, set: values });
    await tx.delete(volunteerSkills).where(eq(volunteerSkills.userId, actor.userId));
    if (input.skillIds.length)
      await tx
        .insert(volunteerSkills)
        .values([...new Set(input.skillIds)].map((skillId) => ({ userId: actor.userId, skillId })));
    await tx.delete(availabilityWindows).where(eq(availabilityWindows.userId, actor.userId));
    if (windows.windows.length)
      await tx.insert(availabilityWindows).values(windows.windows.map((w) => ({ userId: actor.userId, ...w })));
    const live = and(
      eq(roleGrants.userId, actor.userId),
      eq(roleGrants.role, "volunteer"),
      eq(roleGrants.scopeId, user.communityId),
      isNull(roleGrants.revokedAt),
    );
    const [grant] = await tx.select({ id: roleGrants.id }).from(roleGrants).where(live);
    if (!grant)
      await tx.insert(roleGrants).values({
        userId: actor.userId,
        role: "volunteer",
        scopeKind: "community",
        scopeId: user.communityId,
        createdAt: now,
      });
    const scope = await communityScope(tx, user.communityId);
    if (scope) await bumpPoolVersion(tx, scope.streetId); // matching reads profiles through a cache checked against this version
    return ok({ profile: must(await loadProfile(tx, actor.userId)) });
  });
}
