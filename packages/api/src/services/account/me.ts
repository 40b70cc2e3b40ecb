import { and, eq, inArray, isNull } from "drizzle-orm";
import { fail, ok, type Actor, type Grant, type ScopeKind } from "@tongxin/core";
import type { Db } from "../../db/client";
import { communities, grids, roleGrants, streets, teams, users } from "../../db/schema";
import type { Call } from "../call";

/** The live grants of a user: what `authorize` reasons about. */
export async function loadActor(db: Db, userId: number): Promise<Actor> {
  const grants = await db
    .select({ role: roleGrants.role, scopeKind: roleGrants.scopeKind, scopeId: roleGrants.scopeId })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)));
  return { userId, grants };
}

const NAME_TABLES = { street: streets, community: communities, grid: grids, team: teams } as const;

/** Names for each grant's scope, so a person sees "网格员 · 和平社区第一网格", not an id. */
export async function scopeNames(db: Db, grants: readonly Grant[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const kind of Object.keys(NAME_TABLES) as ScopeKind[]) {
    const ids = grants.filter((g) => g.scopeKind === kind).map((g) => g.scopeId);
    if (ids.length === 0) continue;
    const table = NAME_TABLES[kind] as typeof grids;
    for (const row of await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids))) names.set(`${kind}:${row.id}`, row.name);
  }
  return names;
}

export async function me({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const [user] = await db
    .select({ id: users.id, name: users.name, phone: users.phone, communityId: users.communityId, buildingId: users.buildingId })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user) return fail("unauthenticated");
  const names = await scopeNames(db, actor.grants);
  const roles = actor.grants.map((g) => ({ ...g, scopeName: names.get(`${g.scopeKind}:${g.scopeId}`) ?? "" }));
  return ok({ user, roles });
}
