import { and, asc, count, eq, gt, inArray, isNull } from "drizzle-orm";
import {
  nextVisitOn,
  ok,
  shanghaiDate,
  visitDue,
  type CareLevel,
  type ConsentGiver,
  type VisitorKind,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import {
  buildings,
  careCategories,
  careProfileCategories,
  carePairings,
  careProfiles,
  grids,
  households,
  isOpenRequest,
  requests,
  users,
} from "../../db/schema";
import { decodeCursor, toPage, type Decoded } from "../page";
import { toIso } from "../../time";
import { doorLabel } from "./load";

/** What the book reads of the grid: its subtree (profiles sit on the buildings' grids) and their names. */
export type BookGrids = { ids: readonly number[]; names: ReadonlyMap<number, string> };

/**
 * The page's households in household order, after the cursor: each grid's profiles through `care_profiles_grid`
 * (grid, household), merged, so no grid is read further than one page and nothing is sorted but the page.
 */
async function pageIds(db: Db, gridIds: readonly number[], after: number, limit: number) {
  const merged: { id: number }[] = [];
  for (const gridId of gridIds)
    merged.push(
      ...(await db
        .select({ id: careProfiles.householdId })
        .from(careProfiles)
        .where(and(eq(careProfiles.gridId, gridId), gt(careProfiles.householdId, after)))
        .orderBy(asc(careProfiles.householdId))
        .limit(limit + 1)),
    );
  merged.sort((a, b) => a.id - b.id);
  return toPage(merged.slice(0, limit + 1), limit);
}

const profilesOf = (db: Db, ids: number[]) =>
  db
    .select({
      householdId: careProfiles.householdId,
      communityId: careProfiles.communityId,
      gridId: careProfiles.gridId,
      level: careProfiles.level,
      needs: careProfiles.needs,
      emergencyName: careProfiles.emergencyName,
      emergencyRelation: careProfiles.emergencyRelation,
      emergencyPhone: careProfiles.emergencyPhone,
      consentBy: careProfiles.consentBy,
      consentByName: careProfiles.consentByName,
      consentAt: careProfiles.consentAt,
      consentPhotos: careProfiles.consentPhotos,
      consentWithdrawnAt: careProfiles.consentWithdrawnAt,
      sinceOn: careProfiles.sinceOn,
      lastVisitedOn: careProfiles.lastVisitedOn,
      estate: buildings.estate,
      building: buildings.name,
      door: households.name,
    })
    .from(careProfiles)
    .innerJoin(households, eq(households.id, careProfiles.householdId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(inArray(careProfiles.householdId, ids));

/** Each household's categories: built-in keys (name null: the reader's language names them) or the community's own. */
export async function categoriesOfHouseholds(db: Db | Tx, ids: number[]) {
  const rows = await db
    .select({ householdId: careProfileCategories.householdId, key: careProfileCategories.category })
    .from(careProfileCategories)
    .where(inArray(careProfileCategories.householdId, ids));
  const customIds = rows.filter((r) => r.key.startsWith("custom:")).map((r) => Number(r.key.slice("custom:".length)));
  const custom = customIds.length
    ? await db
        .select({ id: careCategories.id, name: careCategories.name })
        .from(careCategories)
        .where(inArray(careCategories.id, customIds))
    : [];
  const names = new Map(custom.map((c) => [`custom:${c.id}`, c.name]));
  return (householdId: number) =>
    rows.filter((r) => r.householdId === householdId).map((r) => ({ key: r.key, name: names.get(r.key) ?? null }));
}

/** Residents with a live account, the visitors of active pairings, and the residents' requests open and closed. */
async function peopleOf(db: Db, ids: number[]) {
  const residents = await db
    .select({ id: users.id, name: users.name, householdId: users.householdId })
    .from(users)
    .where(and(inArray(users.householdId, ids), isNull(users.disabledAt)));
  const pairings = await db
    .select({
      id: carePairings.id,
      householdId: carePairings.householdId,
      visitorName: users.name,
      kind: carePairings.kind,
    })
    .from(carePairings)
    .innerJoin(users, eq(users.id, carePairings.visitorUserId))
    .where(and(inArray(carePairings.householdId, ids), isNull(carePairings.endedAt)));
  const residentIds = residents.map((r) => r.id);
  const open = isOpenRequest(requests.status).mapWith(Boolean);
  const counted = residentIds.length
    ? await db
        .select({ ownerUserId: requests.ownerUserId, open, n: count() })
        .from(requests)
        .where(inArray(requests.ownerUserId, residentIds))
        .groupBy(requests.ownerUserId, open)
    : [];
  return (householdId: number) => {
    const own = residents
      .filter((r) => r.householdId === householdId)
      .sort((a, b) => a.id - b.id)
      .map(({ id, name }) => ({ id, name }));
    const mine = counted.filter((c) => own.some((r) => r.id === c.ownerUserId));
    const sum = (wanted: boolean) => mine.filter((c) => c.open === wanted).reduce((s, c) => s + c.n, 0);
    return {
      residents: own,
      pairings: pairings
        .filter((p) => p.householdId === householdId)
        .sort((a, b) => a.id - b.id)
        .map((p) => ({ visitorName: p.visitorName, kind: p.kind as VisitorKind })),
      requests: { open: sum(true), closed: sum(false) },
    };
  };
}

type Profile = Awaited<ReturnType<typeof profilesOf>>[number];

const consentOf = (p: Profile) =>
  p.consentBy === null || p.consentAt === null
    ? null
    : {
        givenBy: p.consentBy as ConsentGiver,
        givenByName: p.consentByName ?? "",
        givenAt: toIso(p.consentAt),
        photos: p.consentPhotos,
        withdrawnAt: toIso(p.consentWithdrawnAt),
      };

const emergencyOf = (p: Profile) =>
  p.emergencyName === null || p.emergencyRelation === null || p.emergencyPhone === null
    ? null
    : { name: p.emergencyName, relation: p.emergencyRelation, phone: p.emergencyPhone };

/**
 * One page of the grid's 民情账: each household with a profile, its door, residents, categories, plan and where it
 * stands today, consent, emergency contact, active pairings and its residents' requests. Reads only; the caller logs.
 */
export async function readBookPage(
  db: Db,
  grids: BookGrids,
  cursor: string | undefined,
  limit: number,
  now: number,
): Promise<Decoded<{ items: BookRow[]; nextCursor: string | null }>> {
  const decoded = decodeCursor(cursor);
  if (!decoded.ok) return decoded;
  const page = await pageIds(db, grids.ids, decoded.after, limit);
  const ids = page.items.map((h) => h.id);
  if (ids.length === 0) return ok({ items: [], nextCursor: null });
  const [profiles, categories, people] = [
    await profilesOf(db, ids),
    await categoriesOfHouseholds(db, ids),
    await peopleOf(db, ids),
  ];
  const today = shanghaiDate(now);
  // The page's statements read by key; the page's order is restored here, not sorted by the database.
  const items = profiles
    .sort((a, b) => a.householdId - b.householdId)
    .map((p) => {
      const plan = { level: p.level as CareLevel, lastVisitedOn: p.lastVisitedOn, since: p.sinceOn };
      return {
        householdId: p.householdId,
        communityId: p.communityId,
        gridId: p.gridId,
        gridName: grids.names.get(p.gridId) ?? null,
        label: doorLabel(p),
        ...people(p.householdId),
        categories: categories(p.householdId),
        level: plan.level,
        needs: p.needs,
        consent: consentOf(p),
        emergencyContact: emergencyOf(p),
        lastVisitedOn: p.lastVisitedOn,
        nextVisitOn: nextVisitOn(plan),
        due: visitDue(plan, today),
      };
    });
  return ok({ items, nextCursor: page.nextCursor });
}

export type BookRow = {
  householdId: number;
  communityId: number;
  gridId: number;
  gridName: string | null;
  label: string;
  residents: { id: number; name: string }[];
  pairings: { visitorName: string; kind: VisitorKind }[];
  requests: { open: number; closed: number };
  categories: { key: string; name: string | null }[];
  level: CareLevel;
  needs: string;
  consent: ReturnType<typeof consentOf>;
  emergencyContact: ReturnType<typeof emergencyOf>;
  lastVisitedOn: string | null;
  nextVisitOn: string;
  due: ReturnType<typeof visitDue>;
};

/** The grids a book of `gridId` reads, with their names. */
export async function bookGrids(db: Db, subtree: readonly number[]): Promise<BookGrids> {
  const rows = await db
    .select({ id: grids.id, name: grids.name })
    .from(grids)
    .where(inArray(grids.id, [...subtree]));
  return { ids: subtree, names: new Map(rows.map((g) => [g.id, g.name])) };
}
