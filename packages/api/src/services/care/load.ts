import { and, eq, inArray, isNull } from "drizzle-orm";
import {
  authorize,
  decideCareRead,
  fail,
  grantsFor,
  ok,
  must,
  type ResourceScope,
  type Actor,
  type CareHousehold,
  type CareReader,
  type Consent,
  type Result,
  type AuthzDenial,
  listDenial,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { buildings, careCategories, carePairings, careProfiles, grids, households } from "../../db/schema";
import { communityScope, gridChain } from "../scope";

type Reader = Db | Tx;
export type CareProfileRow = typeof careProfiles.$inferSelect;
export type CarePairingRow = typeof carePairings.$inferSelect;

/** A household where the care rules need it: its door label, grid and scope chain. */
export type LoadedHousehold = {
  id: number;
  label: string;
  buildingId: number;
  gridId: number;
  gridName: string;
  communityId: number;
  scope: CareHousehold;
};

/** The door as people say it: estate, building, door (和平花园 2栋 2单元301). */
export const doorLabel = (h: { estate: string | null; building: string; door: string }): string =>
  [h.estate, h.building, h.door].filter((part) => part).join(" ");

export async function loadHousehold(db: Reader, householdId: number): Promise<LoadedHousehold | null> {
  const [row] = await db
    .select({
      id: households.id,
      door: households.name,
      building: buildings.name,
      estate: buildings.estate,
      buildingId: buildings.id,
      gridId: buildings.gridId,
      gridName: grids.name,
      communityId: households.communityId,
    })
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .innerJoin(grids, eq(grids.id, buildings.gridId))
    .where(and(eq(households.id, householdId), isNull(households.archivedAt)));
  if (!row) return null;
  const community = await communityScope(db, row.communityId);
  if (!community) return null;
  const scope = { ...community, communityId: row.communityId, gridIds: await gridChain(db, row.gridId) };
  return { ...row, label: doorLabel(row), scope };
}

/** The family's consent as core reads it, or null when none was ever recorded. */
export function consentOf(profile: CareProfileRow | null): Consent | null {
  if (!profile?.consentBy || profile.consentAt === null) return null;
  return {
    givenBy: profile.consentBy,
    givenByName: profile.consentByName ?? "",
    givenAt: profile.consentAt,
    photos: profile.consentPhotos,
    withdrawnAt: profile.consentWithdrawnAt,
  };
}

async function loadProfile(db: Reader, householdId: number): Promise<CareProfileRow | null> {
  const [row] = await db.select().from(careProfiles).where(eq(careProfiles.householdId, householdId));
  return row ?? null;
}

export async function activePairings(db: Reader, householdId: number): Promise<CarePairingRow[]> {
  return db
    .select()
    .from(carePairings)
    .where(and(eq(carePairings.householdId, householdId), isNull(carePairings.endedAt)));
}

export type CareRead = {
  household: LoadedHousehold;
  profile: CareProfileRow | null;
  reader: CareReader;
  /** The actor's own active pairing with the household, if any. */
  pairing: CarePairingRow | null;
};

/** The one gate of every read of a household's care (decision 0016): load, then core's `decideCareRead`. */
export async function readCare(
  db: Reader,
  actor: Actor | null,
  householdId: number,
): Promise<Result<CareRead, AuthzDenial | "not_found">> {
  if (!actor) return fail("unauthenticated");
  const household = await loadHousehold(db, householdId);
  if (!household) return fail("not_found");
  const [profile, pairings] = await Promise.all([loadProfile(db, householdId), activePairings(db, householdId)]);
  const decided = decideCareRead(
    actor,
    household.scope,
    pairings.map((p) => p.visitorUserId),
    consentOf(profile),
  );
  if (!decided.ok) return decided;
  const pairing = pairings.find((p) => p.visitorUserId === actor.userId) ?? null;
  return ok({ household, profile, reader: decided.reader, pairing });
}

/** Staff and the grid's worker change a household's care (`care.manage`); a visitor never does. */
export async function manageCare(
  db: Reader,
  actor: Actor | null,
  householdId: number,
): Promise<Result<{ household: LoadedHousehold; profile: CareProfileRow | null }, AuthzDenial | "not_found">> {
  if (!actor) return fail("unauthenticated");
  const household = await loadHousehold(db, householdId);
  if (!household) return fail("not_found");
  const allowed = authorize(actor, "care.manage", household.scope);
  if (!allowed.ok) return allowed;
  return ok({ household, profile: await loadProfile(db, householdId) });
}

/** A care official of the community: its staff, or the worker of one of its grids (for lists over the community). */
export async function authorizeCareInCommunity(
  db: Reader,
  actor: Actor | null,
  action: "care.read" | "care.manage",
  communityId: number,
): Promise<Result<{ scope: ResourceScope }, AuthzDenial | "not_found">> {
  const scope = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  const allowed = authorize(actor, action, scope);
  if (allowed.ok) return ok({ scope });
  if (allowed.reason !== "forbidden") return allowed;
  const gridIds = grantsFor(must(actor), action)
    .filter((g) => g.scopeKind === "grid")
    .map((g) => g.scopeId);
  const [inside] = await db
    .select({ id: grids.id })
    .from(grids)
    .where(and(inArray(grids.id, gridIds.concat(-1)), eq(grids.communityId, communityId)))
    .limit(1);
  return inside ? ok({ scope }) : fail(listDenial(must(actor), action));
}

/** The ids of the community's own categories, so `custom:<id>` keys of another community are unknown here. */
export async function customCategoryIds(db: Reader, communityId: number): Promise<number[]> {
  const rows = await db
    .select({ id: careCategories.id })
    .from(careCategories)
    .where(eq(careCategories.communityId, communityId));
  return rows.map((r) => r.id);
}
