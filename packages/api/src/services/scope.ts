import { eq, inArray } from "drizzle-orm";
import { authorize, fail, ok, type Action, type Actor, type ResourceScope, type ScopeKind } from "@tongxin/core";
import type { Db, Tx } from "../db/client";
import { buildings, communities, grids, households, streets, teams } from "../db/schema";
import { GRID_LEVEL_MAX } from "@tongxin/core";

type Reader = Db | Tx;

/** The grid and its ancestors, nearest first, so a parent grid's worker covers it. */
export async function gridChain(db: Reader, gridId: number): Promise<number[]> {
  const chain: number[] = [];
  let next: number | null = gridId;
  while (next !== null && chain.length < GRID_LEVEL_MAX) {
    const [row] = await db.select({ id: grids.id, parentId: grids.parentId }).from(grids).where(eq(grids.id, next));
    if (!row) break;
    chain.push(row.id);
    next = row.parentId;
  }
  return chain;
}

export async function communityScope(db: Reader, communityId: number): Promise<ResourceScope | null> {
  const [row] = await db
    .select({ streetId: communities.streetId })
    .from(communities)
    .where(eq(communities.id, communityId));
  return row ? { streetId: row.streetId, communityId } : null;
}

/** The community's scope when the actor may take the action there; else not_found or the refusal. */
export async function authorizeInCommunity(db: Reader, actor: Actor | null, action: Action, communityId: number) {
  const scope = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  const allowed = authorize(actor, action, scope);
  return allowed.ok ? ok({ scope }) : allowed;
}

export async function gridScope(db: Reader, gridId: number): Promise<ResourceScope | null> {
  const [row] = await db.select({ communityId: grids.communityId }).from(grids).where(eq(grids.id, gridId));
  if (!row) return null;
  const scope = await communityScope(db, row.communityId);
  return scope && { ...scope, gridIds: await gridChain(db, gridId) };
}

export async function buildingScope(db: Reader, buildingId: number): Promise<ResourceScope | null> {
  const [row] = await db.select({ gridId: buildings.gridId }).from(buildings).where(eq(buildings.id, buildingId));
  return row ? gridScope(db, row.gridId) : null;
}

export async function householdScope(db: Reader, householdId: number): Promise<ResourceScope | null> {
  const [row] = await db
    .select({ buildingId: households.buildingId })
    .from(households)
    .where(eq(households.id, householdId));
  return row ? buildingScope(db, row.buildingId) : null;
}

export async function teamScope(db: Reader, teamId: number): Promise<ResourceScope | null> {
  const [row] = await db.select({ communityId: teams.communityId }).from(teams).where(eq(teams.id, teamId));
  if (!row) return null;
  const scope = await communityScope(db, row.communityId);
  return scope && { ...scope, teamId };
}

export async function streetScope(db: Reader, streetId: number): Promise<ResourceScope | null> {
  const [row] = await db.select({ id: streets.id }).from(streets).where(eq(streets.id, streetId));
  return row ? { streetId } : null;
}

/** The scope a role grant of this kind and id reaches. */
export function scopeOf(db: Reader, kind: ScopeKind, id: number): Promise<ResourceScope | null> {
  switch (kind) {
    case "street":
      return streetScope(db, id);
    case "community":
      return communityScope(db, id);
    case "grid":
      return gridScope(db, id);
    case "team":
      return teamScope(db, id);
  }
}

/** The grid and every grid below it (three levels at most). */
export async function gridSubtree(db: Reader, gridId: number): Promise<number[]> {
  let frontier = [gridId];
  const all = [gridId];
  while (frontier.length > 0) {
    const children = await db.select({ id: grids.id }).from(grids).where(inArray(grids.parentId, frontier));
    frontier = children.map((c) => c.id);
    all.push(...frontier);
  }
  return all;
}
