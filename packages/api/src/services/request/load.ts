import { eq, inArray, or } from "drizzle-orm";
import { authorize, type Actor, type RequestRole, type ResourceScope } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { communities, partnerUnits, requests, volunteers } from "../../db/schema";
import { communityScope, gridScope } from "../scope";

export async function loadRequest(db: Db | Tx, requestId: number) {
  const [request] = await db.select().from(requests).where(eq(requests.id, requestId));
  if (!request) return null;
  const scope: ResourceScope | null = request.gridId
    ? await gridScope(db, request.gridId)
    : await communityScope(db, request.communityId);
  return scope && { request, scope };
}

export type LoadedRequest = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;

/** The holder keys an actor may act as: themself as a volunteer, the teams they lead, the partner units their community staff look after. */
export async function holderKeysOf(db: Db | Tx, actor: Actor): Promise<string[]> {
  const [profile] = await db
    .select({ userId: volunteers.userId })
    .from(volunteers)
    .where(eq(volunteers.userId, actor.userId));
  const led = actor.grants.filter((g) => g.role === "teamLeader").map((g) => `team:${g.scopeId}`);
  const staffOf = actor.grants.filter((g) => g.role === "communityStaff").map((g) => g.scopeId);
  const streets = actor.grants.filter((g) => g.role === "streetAdmin").map((g) => g.scopeId);
  const units =
    staffOf.length || streets.length
      ? await db
          .select({ id: partnerUnits.id })
          .from(partnerUnits)
          .innerJoin(communities, eq(communities.id, partnerUnits.communityId))
          .where(
            or(
              staffOf.length ? inArray(partnerUnits.communityId, staffOf) : undefined,
              streets.length ? inArray(communities.streetId, streets) : undefined,
            ),
          )
      : [];
  return [...(profile ? [`volunteer:${actor.userId}`] : []), ...led, ...units.map((u) => `partner:${u.id}`)];
}

/** The key a claim holds a request as when none is named: the person themself or a team they lead, never a partner unit (staff claim for one by naming it). */
export const claimKeyOf = (holderKeys: readonly string[]): string | undefined =>
  holderKeys.find((k) => !k.startsWith("partner:"));

/** Every part the actor plays for this request, most specific first. */
export async function rolesOf(
  db: Db | Tx,
  actor: Actor | null,
  loaded: LoadedRequest,
): Promise<{ roles: RequestRole[]; holderKeys: string[] }> {
  if (!actor) return { roles: [], holderKeys: [] };
  const holderKeys = await holderKeysOf(db, actor);
  const roles: RequestRole[] = [];
  if (loaded.request.ownerUserId === actor.userId) roles.push("owner");
  if (loaded.request.holderKey && holderKeys.includes(loaded.request.holderKey)) roles.push("holder");
  if (authorize(actor, "request.manage", loaded.scope).ok) roles.push("staff");
  // Partner units act through staff; "volunteer" is for people who serve in person or lead a team.
  if (holderKeys.some((k) => !k.startsWith("partner:"))) roles.push("volunteer");
  return { roles, holderKeys };
}
