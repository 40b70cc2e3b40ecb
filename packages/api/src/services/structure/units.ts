import { and, count, eq, isNull, ne } from "drizzle-orm";
import { authorize, fail, type Action, type ResourceScope, type Unit, type UnitKind } from "@tongxin/core";
import type { Call } from "../call";
import type { Tx } from "../../db/client";
import { buildings, communities, grids, households, streets, teams, users } from "../../db/schema";
import { buildingScope, gridScope, householdScope } from "../scope";

export const UNIT_TABLES = { community: communities, grid: grids, building: buildings, household: households } as const;

/** Everything the rename and archive rules need about one unit, whatever its kind. */
export type UnitContext = {
  unit: Unit;
  siblings: Unit[];
  activeChildCount: number;
  scope: ResourceScope;
  action: Action;
};

/** The columns every unit of the structure (and the street above it, and teams) share. */
export const unitColumns = (t: typeof streets | typeof teams | (typeof UNIT_TABLES)[UnitKind]) => ({
  id: t.id,
  name: t.name,
  archivedAt: t.archivedAt,
  version: t.version,
});

async function countOf(query: Promise<{ n: number }[]>): Promise<number> {
  return (await query)[0]?.n ?? 0;
}

async function communityContext(tx: Tx, id: number): Promise<UnitContext | null> {
  const [row] = await tx
    .select({ ...unitColumns(communities), streetId: communities.streetId })
    .from(communities)
    .where(eq(communities.id, id));
  if (!row) return null;
  const siblings = await tx
    .select(unitColumns(communities))
    .from(communities)
    .where(eq(communities.streetId, row.streetId));
  const children = await countOf(
    tx
      .select({ n: count() })
      .from(grids)
      .where(and(eq(grids.communityId, id), isNull(grids.archivedAt))),
  );
  return {
    unit: row,
    siblings,
    activeChildCount: children,
    scope: { streetId: row.streetId, communityId: id },
    action: "community.manage",
  };
}

async function gridContext(tx: Tx, id: number): Promise<UnitContext | null> {
  const [row] = await tx
    .select({ ...unitColumns(grids), communityId: grids.communityId, parentId: grids.parentId })
    .from(grids)
    .where(eq(grids.id, id));
  const scope = row && (await gridScope(tx, id));
  if (!row || !scope) return null;
  const sameParent = row.parentId === null ? isNull(grids.parentId) : eq(grids.parentId, row.parentId);
  const siblings = await tx
    .select(unitColumns(grids))
    .from(grids)
    .where(and(eq(grids.communityId, row.communityId), sameParent));
  const childGrids = await countOf(
    tx
      .select({ n: count() })
      .from(grids)
      .where(and(eq(grids.parentId, id), isNull(grids.archivedAt))),
  );
  const childBuildings = await countOf(
    tx
      .select({ n: count() })
      .from(buildings)
      .where(and(eq(buildings.gridId, id), isNull(buildings.archivedAt))),
  );
  return { unit: row, siblings, activeChildCount: childGrids + childBuildings, scope, action: "structure.manage" };
}

async function buildingContext(tx: Tx, id: number): Promise<UnitContext | null> {
  const [row] = await tx
    .select({ ...unitColumns(buildings), gridId: buildings.gridId })
    .from(buildings)
    .where(eq(buildings.id, id));
  const scope = row && (await buildingScope(tx, id));
  if (!row || !scope) return null;
  const siblings = await tx.select(unitColumns(buildings)).from(buildings).where(eq(buildings.gridId, row.gridId));
  const children = await countOf(
    tx
      .select({ n: count() })
      .from(households)
      .where(and(eq(households.buildingId, id), isNull(households.archivedAt))),
  );
  return { unit: row, siblings, activeChildCount: children, scope, action: "structure.manage" };
}

async function householdContext(tx: Tx, id: number): Promise<UnitContext | null> {
  const [row] = await tx
    .select({ ...unitColumns(households), buildingId: households.buildingId })
    .from(households)
    .where(eq(households.id, id));
  const scope = row && (await householdScope(tx, id));
  if (!row || !scope) return null;
  const siblings = await tx
    .select(unitColumns(households))
    .from(households)
    .where(and(eq(households.buildingId, row.buildingId), ne(households.id, id)));
  // People still registered at the door keep it alive.
  const residents = await countOf(
    tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.householdId, id), isNull(users.disabledAt))),
  );
  return { unit: row, siblings, activeChildCount: residents, scope, action: "structure.manage" };
}

function loadUnit(tx: Tx, kind: UnitKind, id: number): Promise<UnitContext | null> {
  switch (kind) {
    case "community":
      return communityContext(tx, id);
    case "grid":
      return gridContext(tx, id);
    case "building":
      return buildingContext(tx, id);
    case "household":
      return householdContext(tx, id);
  }
}

/** Loads a unit, checks the actor may manage it, then runs `change` in the same transaction. */
export async function changeUnit<R>(
  { deps, actor }: Call,
  kind: UnitKind,
  id: number,
  change: (tx: Tx, context: UnitContext, now: number) => Promise<R>,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const context = await loadUnit(tx, kind, id);
    if (!context) return fail("not_found");
    const allowed = authorize(actor, context.action, context.scope);
    if (!allowed.ok) return allowed;
    return change(tx, context, now);
  });
}
