import { asc, count, eq, inArray } from "drizzle-orm";
import {
  authorize,
  CARE_CATEGORIES,
  CARE_COUNT_SHOWN_MIN,
  careCountTable,
  customCareCategory,
  fail,
  GRID_LEVEL_MAX,
  ok,
  type CareCategory,
} from "@tongxin/core";
import type { Db } from "../../db/client";
import { careCategories, careProfileCategories, communities, grids } from "../../db/schema";
import type { Call } from "../call";
import { communityScope, streetScope } from "../scope";

export type CountPlace = "street" | "community";

/** The place's communities and their top grids; a profile counts under the top grid above its building's grid. */
async function gridsOf(db: Db, place: CountPlace, id: number) {
  const within = place === "street" ? eq(communities.streetId, id) : eq(communities.id, id);
  const rows = await db
    .select({
      id: grids.id,
      parentId: grids.parentId,
      name: grids.name,
      archivedAt: grids.archivedAt,
      communityId: communities.id,
      communityName: communities.name,
    })
    .from(communities)
    .innerJoin(grids, eq(grids.communityId, communities.id))
    .where(within)
    .orderBy(asc(communities.id), asc(grids.id));
  const parentOf = new Map(rows.map((g) => [g.id, g.parentId]));
  const topOf = (gridId: number) => {
    let top = gridId;
    for (let depth = 0; depth < GRID_LEVEL_MAX && parentOf.get(top); depth++) top = parentOf.get(top) ?? top;
    return top;
  };
  const tops = rows.filter((g) => g.parentId === null && g.archivedAt === null);
  return { all: rows.map((g) => g.id), tops, topOf, communityIds: [...new Set(rows.map((g) => g.communityId))] };
}

/**
 * 民情账 counts (decision 0016): households per top grid and category, suppressed below CARE_COUNT_SHOWN_MIN (core
 * `careCountTable`). No totals are published: a total beside its shown counts would give hidden ones away by
 * subtraction (zeros too). The street admin reads the street's, the community's staff their community's; a
 * suppressed count is null.
 */
export async function careCounts(call: Call, place: CountPlace, id: number) {
  const db = call.deps.database.db;
  const scope = place === "street" ? await streetScope(db, id) : await communityScope(db, id);
  if (!scope) return fail("not_found");
  const allowed = authorize(call.actor, place === "street" ? "dashboard.read" : "care.read", scope);
  if (!allowed.ok) return allowed;
  const found = await gridsOf(db, place, id);
  const counted = found.all.length
    ? await db
        .select({ gridId: careProfileCategories.gridId, category: careProfileCategories.category, n: count() })
        .from(careProfileCategories)
        .where(inArray(careProfileCategories.gridId, found.all))
        .groupBy(careProfileCategories.gridId, careProfileCategories.category)
    : [];
  const custom = found.communityIds.length
    ? await db
        .select({ id: careCategories.id, name: careCategories.name })
        .from(careCategories)
        .where(inArray(careCategories.communityId, found.communityIds))
    : [];
  custom.sort((a, b) => a.id - b.id);
  const categories: CareCategory[] = [...CARE_CATEGORIES, ...custom.map((c) => customCareCategory(c.id))];
  const cells = counted.map((c) => ({ gridId: found.topOf(c.gridId), category: c.category as CareCategory, n: c.n }));
  const table = careCountTable(
    cells,
    found.tops.map((g) => g.id),
    categories,
  );
  const customNames = new Map(custom.map((c) => [customCareCategory(c.id), c.name]));
  return ok({
    shownMin: CARE_COUNT_SHOWN_MIN,
    categories: categories.map((key) => ({ key, name: customNames.get(key as `custom:${number}`) ?? null })),
    rows: found.tops.map((g, i) => ({
      gridId: g.id,
      gridName: g.name,
      communityId: g.communityId,
      communityName: g.communityName,
      cells: table.cells[i] ?? [],
    })),
  });
}
