import { eq, inArray } from "drizzle-orm";
import { fail, ok, type Grant, type ScopeKind } from "@tongxin/core";
import type { Db } from "../../db/client";
import { communities, grids, streets, teams, users } from "../../db/schema";
import type { Call } from "../call";

const NAME_TABLES = { street: streets, community: communities, grid: grids, team: teams } as const;

type ScopeInfo = { name: string; communityId: number | null };

/** Name and community of each grant's scope, so a person sees "网格员 · 第一网格", and pages know which community to open. */
async function scopeInfo(db: Db, grants: readonly Grant[]): Promise<Map<string, ScopeInfo>> {
  const info = new Map<string, ScopeInfo>();
  for (const kind of Object.keys(NAME_TABLES) as ScopeKind[]) {
    const ids = grants.filter((g) => g.scopeKind === kind).map((g) => g.scopeId);
    if (ids.length === 0) continue;
    const rows =
      kind === "street"
        ? (await db.select({ id: streets.id, name: streets.name }).from(streets).where(inArray(streets.id, ids))).map(
            (r) => ({ ...r, communityId: null }),
          )
        : kind === "community"
          ? (
              await db
                .select({ id: communities.id, name: communities.name })
                .from(communities)
                .where(inArray(communities.id, ids))
            ).map((r) => ({ ...r, communityId: r.id }))
          : await db
              .select({
                id: NAME_TABLES[kind].id,
                name: NAME_TABLES[kind].name,
                communityId: NAME_TABLES[kind].communityId,
              })
              .from(NAME_TABLES[kind])
              .where(inArray(NAME_TABLES[kind].id, ids));
    for (const row of rows) info.set(`${kind}:${row.id}`, { name: row.name, communityId: row.communityId });
  }
  return info;
}

export async function me({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      communityId: users.communityId,
      buildingId: users.buildingId,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user) return fail("unauthenticated");
  const info = await scopeInfo(db, actor.grants);
  const roles = actor.grants.map((g) => {
    const scope = info.get(`${g.scopeKind}:${g.scopeId}`);
    return { ...g, scopeName: scope?.name ?? "", communityId: scope?.communityId ?? null };
  });
  return ok({ user, roles });
}
