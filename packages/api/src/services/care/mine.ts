import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { fail, ok, shanghaiDate, type CareLevel } from "@tongxin/core";
import { buildings, carePairings, careProfiles, households } from "../../db/schema";
import type { Call } from "../call";
import { recordCareAccesses } from "../access-log/record";
import { doorLabel } from "./load";
import { planOf } from "./show";

/** A visitor pairs with few households (党员联户: about ten); the list is read whole. */
const MY_HOUSEHOLDS_MAX = 200;

/**
 * 我的联户: the households paired with the actor whose family's consent stands, the most overdue first. Withdrawn
 * consent or an ended pairing drops a household at once. The list names doors and due days, each read logged.
 */
export async function myCareHouseholds({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const now = deps.now();
  const rows = await db
    .select({
      profile: careProfiles,
      door: households.name,
      building: buildings.name,
      estate: buildings.estate,
    })
    .from(carePairings)
    .innerJoin(careProfiles, eq(careProfiles.householdId, carePairings.householdId))
    .innerJoin(households, eq(households.id, carePairings.householdId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(
      and(
        eq(carePairings.visitorUserId, actor.userId),
        isNull(carePairings.endedAt),
        isNotNull(careProfiles.consentAt),
        isNull(careProfiles.consentWithdrawnAt),
        isNull(households.archivedAt),
      ),
    )
    .orderBy(asc(carePairings.householdId))
    .limit(MY_HOUSEHOLDS_MAX);
  const today = shanghaiDate(now);
  const items = rows
    .map(({ profile, ...door }) => ({
      householdId: profile.householdId,
      label: doorLabel({ ...door, door: door.door }),
      level: profile.level as CareLevel,
      lastVisitedOn: profile.lastVisitedOn,
      ...planOf(profile, today),
    }))
    .sort((a, b) => a.nextVisitOn.localeCompare(b.nextVisitOn) || a.householdId - b.householdId);
  await recordCareAccesses(
    db,
    rows.map(({ profile }) => ({
      communityId: profile.communityId,
      actorUserId: actor.userId,
      subjectHouseholdId: profile.householdId,
      entity: "care" as const,
    })),
    now,
  );
  return ok({ items });
}
