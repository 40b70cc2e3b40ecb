import { and, asc, eq, gt, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import {
  PHONE_TAIL_DIGITS,
  fail,
  grantsFor,
  isMainlandMobile,
  maskPhone,
  ok,
  personQuery,
  type Grant,
  must,
} from "@tongxin/core";
import type { Db } from "../../db/client";
import { buildings, communities, users } from "../../db/schema";
import type { Call } from "../call";
import { recordAccesses } from "../access-log/record";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { gridSubtree } from "../scope";
import { contains, endsWith } from "../text-search";

/** A whole mobile number through the phone's unique index, or its last four digits; anything else is part of a name. */
function matching(q: string): SQL {
  const query = personQuery(q);
  if (!("digits" in query)) return contains(users.name, query.name);
  if (isMainlandMobile(query.digits)) return eq(users.phone, query.digits);
  return query.digits.length === PHONE_TAIL_DIGITS ? endsWith(users.phone, query.digits) : sql`0`;
}

export type OwnerSearchInput = PageInput & { q: string };

/**
 * Where the actor may post for a resident, as SQL over the resident's home: the grants `authorize`
 * accepts for `request.manage` (createRequest decides on the owner's grid, else their community).
 * A grid worker reaches the buildings of their grid and the grids below it; staff their community;
 * the street admin the street's communities.
 */
async function reachOf(db: Db, grants: readonly Grant[]): Promise<SQL | undefined> {
  const parts: SQL[] = [];
  for (const grant of grants) {
    if (grant.scopeKind === "community") parts.push(eq(users.communityId, grant.scopeId));
    if (grant.scopeKind === "street")
      parts.push(
        inArray(
          users.communityId,
          db.select({ id: communities.id }).from(communities).where(eq(communities.streetId, grant.scopeId)),
        ),
      );
    // By the residents' buildings, so the index on users.building_id finds them.
    if (grant.scopeKind === "grid")
      parts.push(
        inArray(
          users.buildingId,
          db
            .select({ id: buildings.id })
            .from(buildings)
            .where(inArray(buildings.gridId, await gridSubtree(db, grant.scopeId))),
        ),
      );
  }
  return parts.length ? or(...parts) : undefined;
}

/**
 * 代发: the residents this person may post a request for, found by name or phone. Only what the
 * picker needs — the name staff already see, a masked phone and the building to tell namesakes
 * apart; each building shown is an address read and goes into the access log.
 */
export async function ownersToPostFor({ deps, actor }: Call, input: OwnerSearchInput) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const reach = await reachOf(db, grantsFor(actor, "request.manage"));
  if (!reach) return fail("forbidden");
  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      communityId: users.communityId,
      building: buildings.name,
      estate: buildings.estate,
    })
    .from(users)
    .leftJoin(buildings, eq(buildings.id, users.buildingId))
    .where(and(reach, ne(users.id, actor.userId), matching(input.q), gt(users.id, cursor.after)))
    .orderBy(asc(users.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const reads = page.items
    .filter((r) => r.building !== null && r.communityId !== null)
    .map((r) => ({
      communityId: must(r.communityId),
      actorUserId: actor.userId,
      subjectUserId: r.id,
      fields: "address",
      entity: "residents" as const,
      entityId: null,
    }));
  await recordAccesses(db, reads, deps.now());
  return ok({
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id,
      name: r.name,
      phone: maskPhone(r.phone),
      building: r.building === null ? null : `${r.estate ?? ""} ${r.building}`.trim(),
    })),
  });
}
