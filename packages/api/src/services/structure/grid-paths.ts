import { eq, inArray } from "drizzle-orm";
import { GRID_LEVEL_MAX } from "@tongxin/core";
import type { Db } from "../../db/client";
import { communities, grids } from "../../db/schema";

type Known = { parentId: number | null; name: string; community: string };

/**
 * Grids named by their path, 和平社区 / 第一网格 / 1号微网格 (three communities may each have a 1号微网格).
 * Each page asks only for its own grids and their parents, at most three bounded queries; what is read once
 * is kept for the next pages, so a book reads each grid once.
 */
export function gridPathReader(db: Db) {
  const known = new Map<number, Known>();
  const load = async (ids: number[]) => {
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    if (!missing.length) return;
    const rows = await db
      .select({ id: grids.id, parentId: grids.parentId, name: grids.name, community: communities.name })
      .from(grids)
      .innerJoin(communities, eq(communities.id, grids.communityId))
      .where(inArray(grids.id, missing));
    for (const { id, ...grid } of rows) known.set(id, grid);
  };
  const pathOf = (id: number): string | null => {
    const names: string[] = [];
    let grid = known.get(id);
    const community = grid?.community;
    for (; grid; grid = grid.parentId === null ? undefined : known.get(grid.parentId)) names.unshift(grid.name);
    return community === undefined ? null : [community, ...names].join(" / ");
  };
  return async (gridIds: readonly (number | null)[]) => {
    let level = gridIds.filter((id): id is number => id !== null);
    for (let depth = 0; depth < GRID_LEVEL_MAX && level.length; depth++) {
      await load(level);
      level = level.map((id) => known.get(id)?.parentId ?? null).filter((id): id is number => id !== null);
    }
    return (gridId: number | null) => (gridId === null ? null : pathOf(gridId));
  };
}
