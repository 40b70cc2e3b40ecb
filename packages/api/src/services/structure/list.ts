import { and, asc, eq, gt, isNull, type Column, type SQL } from "drizzle-orm";
import { authorize, fail, ok } from "@tongxin/core";
import { buildings, communities, grids, households, teams } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { buildingScope, communityScope } from "../scope";
import { toIso } from "../../time";

type ListInput = PageInput & { includeArchived?: boolean | undefined };

const archivedClause = (includeArchived: boolean | undefined, column: Column): SQL | undefined =>
  includeArchived ? undefined : isNull(column);

/** Archived units are shown only to staff who may read the structure. */
async function mayIncludeArchived(call: Call, communityId: number, includeArchived: boolean | undefined) {
  if (!includeArchived) return ok({});
  const scope = await communityScope(call.deps.database.db, communityId);
  if (!scope) return fail("not_found");
  return authorize(call.actor, "structure.read", scope);
}

/** Public: a newcomer picks a community when registering. */
export async function listCommunities(call: Call, input: PageInput) {
  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const rows = await call.deps.database.db
    .select({
      id: communities.id,
      streetId: communities.streetId,
      name: communities.name,
      kind: communities.kind,
      version: communities.version,
    })
    .from(communities)
    .where(and(isNull(communities.archivedAt), gt(communities.id, cursor.after)))
    .orderBy(asc(communities.id))
    .limit(limit + 1);
  return ok(toPage(rows, limit));
}

export async function listGrids(call: Call, communityId: number, input: ListInput) {
  const allowed = await mayIncludeArchived(call, communityId, input.includeArchived);
  if (!allowed.ok) return allowed;
  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const rows = await call.deps.database.db
    .select({
      id: grids.id,
      parentId: grids.parentId,
      level: grids.level,
      name: grids.name,
      version: grids.version,
      archivedAt: grids.archivedAt,
    })
    .from(grids)
    .where(
      and(
        eq(grids.communityId, communityId),
        archivedClause(input.includeArchived, grids.archivedAt),
        gt(grids.id, cursor.after),
      ),
    )
    .orderBy(asc(grids.id))
    .limit(limit + 1);
  return ok(
    toPage(
      rows.map((r) => ({ ...r, archivedAt: toIso(r.archivedAt) })),
      limit,
    ),
  );
}

/** Public: building names carry no personal data and residents pick theirs when registering. */
export async function listBuildings(call: Call, communityId: number, input: ListInput) {
  const allowed = await mayIncludeArchived(call, communityId, input.includeArchived);
  if (!allowed.ok) return allowed;
  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const rows = await call.deps.database.db
    .select({
      id: buildings.id,
      gridId: buildings.gridId,
      estate: buildings.estate,
      name: buildings.name,
      version: buildings.version,
      archivedAt: buildings.archivedAt,
    })
    .from(buildings)
    .where(
      and(
        eq(buildings.communityId, communityId),
        archivedClause(input.includeArchived, buildings.archivedAt),
        gt(buildings.id, cursor.after),
      ),
    )
    .orderBy(asc(buildings.id))
    .limit(limit + 1);
  return ok(
    toPage(
      rows.map((r) => ({ ...r, archivedAt: toIso(r.archivedAt) })),
      limit,
    ),
  );
}

/** Doors are addresses: only staff whose scope covers the building see them. */
export async function listHouseholds(call: Call, buildingId: number, input: ListInput) {
  const db = call.deps.database.db;
  const scope = await buildingScope(db, buildingId);
  if (!scope) return fail("not_found");
  const allowed = authorize(call.actor, "structure.read", scope);
  if (!allowed.ok) return allowed;
  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const rows = await db
    .select({
      id: households.id,
      name: households.name,
      version: households.version,
      archivedAt: households.archivedAt,
    })
    .from(households)
    .where(
      and(
        eq(households.buildingId, buildingId),
        archivedClause(input.includeArchived, households.archivedAt),
        gt(households.id, cursor.after),
      ),
    )
    .orderBy(asc(households.id))
    .limit(limit + 1);
  return ok(
    toPage(
      rows.map((r) => ({ ...r, archivedAt: toIso(r.archivedAt) })),
      limit,
    ),
  );
}

/** Public: teams recruit in the open. */
export async function listTeams(call: Call, communityId: number, input: PageInput) {
  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const rows = await call.deps.database.db
    .select({ id: teams.id, name: teams.name, kind: teams.kind })
    .from(teams)
    .where(and(eq(teams.communityId, communityId), isNull(teams.archivedAt), gt(teams.id, cursor.after)))
    .orderBy(asc(teams.id))
    .limit(limit + 1);
  return ok(toPage(rows, limit));
}
