import { and, eq, isNull } from "drizzle-orm";
import {
  authorize,
  decideCreate,
  decideCreateGrid,
  fail,
  ok,
  type Action,
  type CommunityKind,
  type ResourceScope,
  type Unit,
  type UnitKind,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import { buildings, communities, grids, households, streets } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { buildingScope, communityScope, gridScope } from "../scope";
import { unitColumns } from "./units";
import { must } from "@tongxin/core";

/** What differs between creating a community, a grid, a building or a household. */
type Plan = {
  kind: UnitKind;
  action: Action;
  scope: ResourceScope;
  decide: () => ReturnType<typeof decideCreate> | ReturnType<typeof decideCreateGrid>;
  insert: (name: string, level: number) => Promise<number>;
};

async function createUnit({ deps, actor, requestId }: Call, plan: (tx: Tx, now: number) => Promise<Plan | null>) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const planned = await plan(tx, now);
    if (!planned) return fail("not_found");
    const allowed = authorize(actor, planned.action, planned.scope);
    if (!allowed.ok) return allowed;
    const decided = planned.decide();
    if (!decided.ok) return decided;
    const level = "level" in decided ? decided.level : 0;
    const id = await planned.insert(decided.name, level);
    const after = { id, name: decided.name, ...(level ? { level } : {}) };
    await writeAudit(
      tx,
      {
        actorUserId: actor?.userId ?? null,
        action: `${planned.kind}.create`,
        entity: planned.kind,
        entityId: id,
        scope: planned.scope,
        after,
      },
      { requestId, now },
    );
    return ok({ ...after, version: 1 });
  });
}

const idOf = (rows: { id: number }[]): number => must(rows[0]).id;

export const createCommunity = (call: Call, input: { streetId: number; name: string; kind: CommunityKind }) =>
  createUnit(call, async (tx, now) => {
    const [street] = await tx.select(unitColumns(streets)).from(streets).where(eq(streets.id, input.streetId));
    if (!street) return null;
    const siblings = await tx
      .select(unitColumns(communities))
      .from(communities)
      .where(eq(communities.streetId, input.streetId));
    return {
      kind: "community",
      action: "community.manage",
      scope: { streetId: input.streetId },
      decide: () => decideCreate(street, siblings, input.name),
      insert: async (name) =>
        idOf(
          await tx
            .insert(communities)
            .values({ streetId: input.streetId, name, kind: input.kind, createdAt: now })
            .returning({ id: communities.id }),
        ),
    };
  });

export const createGrid = (call: Call, input: { communityId: number; parentId: number | null; name: string }) =>
  createUnit(call, async (tx, now) => {
    const [community] = await tx
      .select(unitColumns(communities))
      .from(communities)
      .where(eq(communities.id, input.communityId));
    if (!community) return null;
    const parent = input.parentId === null ? null : await loadParentGrid(tx, input.communityId, input.parentId);
    if (parent === undefined) return null;
    const scope = parent ? await gridScope(tx, parent.id) : await communityScope(tx, input.communityId);
    if (!scope) return null;
    const sameParent = input.parentId === null ? isNull(grids.parentId) : eq(grids.parentId, input.parentId);
    const siblings = await tx
      .select(unitColumns(grids))
      .from(grids)
      .where(and(eq(grids.communityId, input.communityId), sameParent));
    return {
      kind: "grid",
      action: "structure.manage",
      scope,
      decide: () =>
        community.archivedAt != null ? fail("parent_archived") : decideCreateGrid(parent, siblings, input.name),
      insert: async (name, level) =>
        idOf(
          await tx
            .insert(grids)
            .values({ communityId: input.communityId, parentId: input.parentId, level, name, createdAt: now })
            .returning({ id: grids.id }),
        ),
    };
  });

/** undefined when the parent is missing or in another community: both read as "not found". */
async function loadParentGrid(
  tx: Tx,
  communityId: number,
  parentId: number,
): Promise<(Unit & { level: number }) | undefined> {
  const [parent] = await tx
    .select({ ...unitColumns(grids), level: grids.level })
    .from(grids)
    .where(and(eq(grids.id, parentId), eq(grids.communityId, communityId)));
  return parent;
}

export const createBuilding = (call: Call, input: { gridId: number; name: string; estate: string | null }) =>
  createUnit(call, async (tx, now) => {
    const [grid] = await tx
      .select({ ...unitColumns(grids), communityId: grids.communityId })
      .from(grids)
      .where(eq(grids.id, input.gridId));
    const scope = grid && (await gridScope(tx, input.gridId));
    if (!grid || !scope) return null;
    const siblings = await tx.select(unitColumns(buildings)).from(buildings).where(eq(buildings.gridId, input.gridId));
    return {
      kind: "building",
      action: "structure.manage",
      scope,
      decide: () => decideCreate(grid, siblings, input.name),
      insert: async (name) =>
        idOf(
          await tx
            .insert(buildings)
            .values({ communityId: grid.communityId, gridId: input.gridId, estate: input.estate, name, createdAt: now })
            .returning({ id: buildings.id }),
        ),
    };
  });

export const createHousehold = (call: Call, input: { buildingId: number; name: string }) =>
  createUnit(call, async (tx, now) => {
    const [building] = await tx
      .select({ ...unitColumns(buildings), communityId: buildings.communityId })
      .from(buildings)
      .where(eq(buildings.id, input.buildingId));
    const scope = building && (await buildingScope(tx, input.buildingId));
    if (!building || !scope) return null;
    const siblings = await tx
      .select(unitColumns(households))
      .from(households)
      .where(eq(households.buildingId, input.buildingId));
    return {
      kind: "household",
      action: "structure.manage",
      scope,
      decide: () => decideCreate(building, siblings, input.name),
      insert: async (name) =>
        idOf(
          await tx
            .insert(households)
            .values({ communityId: building.communityId, buildingId: input.buildingId, name, createdAt: now })
            .returning({ id: households.id }),
        ),
    };
  });
