import { and, eq, isNull } from "drizzle-orm";
import { authorize, type Actor, type RequestRole, type ResourceScope } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { requests, roleGrants, volunteers } from "../../db/schema";
import { communityScope, gridScope } from "../scope";

export async function loadRequest(db: Db | Tx, requestId: number) {
  const [request] = await db.select().from(requests).where(eq(requests.id, requestId));
  if (!request) return null;
  const scope: ResourceScope | null = request.gridId ? await gridScope(db, request.gridId) : await communityScope(db, request.communityId);
  return scope && { request, scope };
}

export type LoadedRequest = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;

/** The holder keys an actor may act as: themself as a volunteer, and the teams they lead. */
export async function holderKeysOf(db: Db | Tx, actor: Actor): Promise<string[]> {
  const [profile] = await db.select({ userId: volunteers.userId }).from(volunteers).where(eq(volunteers.userId, actor.userId));
  const teams = await db.select({ id: roleGrants.scopeId }).from(roleGrants).where(and(eq(roleGrants.userId, actor.userId), eq(roleGrants.role, "teamLeader"), isNull(roleGrants.revokedAt)));
  return [...(profile ? [`volunteer:${actor.userId}`] : []), ...teams.map((t) => `team:${t.id}`)];
}

/** Every part the actor plays for this request, most specific first. */
export async function rolesOf(db: Db | Tx, actor: Actor | null, loaded: LoadedRequest): Promise<{ roles: RequestRole[]; holderKeys: string[] }> {
  if (!actor) return { roles: [], holderKeys: [] };
  const holderKeys = await holderKeysOf(db, actor);
  const roles: RequestRole[] = [];
  if (loaded.request.ownerUserId === actor.userId) roles.push("owner");
  if (loaded.request.holderKey && holderKeys.includes(loaded.request.holderKey)) roles.push("holder");
  if (authorize(actor, "request.manage", loaded.scope).ok) roles.push("staff");
  if (holderKeys.length > 0) roles.push("volunteer");
  return { roles, holderKeys };
}
