import { and, asc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { authorize, fail, ok, must } from "@tongxin/core";
import { buildings, roleGrants, users } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { communityScope, gridScope, gridSubtree } from "../scope";
import { contains } from "../text-search";
import { recordAccesses } from "../access-log/record";

export type ListAccountsInput = PageInput & {
  communityId: number;
  gridId?: number | undefined;
  q?: string | undefined;
};

/** Staff see full phone numbers of the people in their scope: they call them. Each page shown is in the access log. */
export async function listAccounts(call: Call, input: ListAccountsInput) {
  const db = call.deps.database.db;
  const scope =
    input.gridId === undefined ? await communityScope(db, input.communityId) : await gridScope(db, input.gridId);
  if (!scope || scope.communityId !== input.communityId) return fail("not_found");
  const allowed = authorize(call.actor, "account.read", scope);
  if (!allowed.ok) return allowed;

  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const inGrid =
    input.gridId === undefined ? undefined : inArray(buildings.gridId, await gridSubtree(db, input.gridId));
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      buildingId: users.buildingId,
      buildingName: buildings.name,
      createdBy: users.createdBy,
    })
    .from(users)
    .leftJoin(buildings, eq(buildings.id, users.buildingId))
    .where(
      and(
        eq(users.communityId, input.communityId),
        inGrid,
        input.q ? or(contains(users.name, input.q), contains(users.phone, input.q)) : undefined,
        gt(users.id, cursor.after),
      ),
    )
    .orderBy(asc(users.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const reads = page.items.map((u) => ({
    communityId: input.communityId,
    actorUserId: must(call.actor).userId,
    subjectUserId: u.id,
    fields: u.buildingName ? "phone,address" : "phone",
    entity: "accounts" as const,
    entityId: null,
  }));
  await recordAccesses(db, reads, call.deps.now());
  const grants = page.items.length
    ? await db
        .select({
          id: roleGrants.id,
          userId: roleGrants.userId,
          role: roleGrants.role,
          scopeKind: roleGrants.scopeKind,
          scopeId: roleGrants.scopeId,
        })
        .from(roleGrants)
        .where(
          and(
            inArray(
              roleGrants.userId,
              page.items.map((u) => u.id),
            ),
            isNull(roleGrants.revokedAt),
          ),
        )
    : [];
  return ok({ ...page, items: page.items.map((u) => ({ ...u, roles: grants.filter((g) => g.userId === u.id) })) });
}
