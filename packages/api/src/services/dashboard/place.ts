import { eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { authorize, fail, must, ok, shanghaiMonthRange, type Actor } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { communities } from "../../db/schema";
import { communityScope, gridScope, gridSubtree, streetScope } from "../scope";

/** A dashboard reads in one snapshot (a read transaction) or plainly. */
export type Reader = Db | Tx;

export type PlaceKind = "street" | "community" | "grid";

/** What a dashboard covers: its communities, the grids (a grid's subtree, or all) and the group its numbers are split by. */
export type Place = {
  kind: PlaceKind;
  id: number;
  communityIds: number[];
  gridIds: number[] | null;
  /** Street: community by community; community: grid by grid; grid: its grids. */
  side: "community" | "grid";
};

async function placeScope(db: Db, kind: PlaceKind, id: number) {
  switch (kind) {
    case "street":
      return streetScope(db, id);
    case "community":
      return communityScope(db, id);
    case "grid":
      return gridScope(db, id);
  }
}

/** The place when the actor may read its dashboard (as they read the lists it summarises); else not_found or the refusal. */
export async function authorizePlace(db: Db, actor: Actor | null, kind: PlaceKind, id: number) {
  const scope = await placeScope(db, kind, id);
  if (!scope) return fail("not_found");
  const allowed = authorize(actor, "dashboard.read", scope);
  if (!allowed.ok) return allowed;
  return ok({ place: await placeOf(db, kind, id, scope.communityId), scope });
}

/** The place as the refresh job reads it (no reader to authorise); null when it no longer exists. */
export async function placeNamed(db: Db, kind: PlaceKind, id: number): Promise<Place | null> {
  const scope = await placeScope(db, kind, id);
  return scope ? placeOf(db, kind, id, scope.communityId) : null;
}

async function placeOf(db: Db, kind: PlaceKind, id: number, communityId: number | undefined): Promise<Place> {
  if (kind === "street") {
    const rows = await db.select({ id: communities.id }).from(communities).where(eq(communities.streetId, id));
    return { kind, id, communityIds: rows.map((r) => r.id), gridIds: null, side: "community" };
  }
  if (kind === "community") return { kind, id, communityIds: [id], gridIds: null, side: "grid" };
  const community = must(communityId, "a grid's community");
  return { kind, id, communityIds: [community], gridIds: await gridSubtree(db, id), side: "grid" };
}

/**
 * The Asia/Shanghai month (core `shanghaiMonthRange`) an instant falls in, among the dashboard's months; null
 * outside them. Literals, not parameters: the bounds are ours, and a statement repeats the expression unchanged.
 */
export function monthOf(at: SQLWrapper, months: readonly string[]): SQL<string | null> {
  const branches = months.map((month) => {
    const [start, end] = shanghaiMonthRange(month);
    return sql`when ${at} >= ${sql.raw(String(start))} and ${at} < ${sql.raw(String(end))} then ${sql.raw(`'${month}'`)}`;
  });
  return sql<string | null>`(case ${sql.join(branches, sql` `)} end)`;
}
