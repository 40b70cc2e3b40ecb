import { and, asc, eq, exists, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import { authorize, fail, ok, must } from "@tongxin/core";
import { grids, skills, users, volunteerSkills, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { communityScope, gridScope } from "../scope";
import { contains, startsWith } from "../text-search";
import { recordAccesses } from "../access-log/record";

export type SearchVolunteersInput = PageInput & {
  communityId: number;
  q?: string | undefined;
  skillId?: number | undefined;
  gridId?: number | undefined;
};

/** Latin letters search the stored pinyin (zs → 张三, zhang → 张…); anything else the name itself. */
function nameClause(q: string) {
  const text = q.trim().toLowerCase();
  if (/^[a-z]+$/.test(text))
    return or(startsWith(volunteers.nameInitials, text), startsWith(volunteers.nameFull, text));
  return contains(users.name, text);
}

export async function searchVolunteers(call: Call, input: SearchVolunteersInput) {
  const db = call.deps.database.db;
  const scope =
    input.gridId === undefined ? await communityScope(db, input.communityId) : await gridScope(db, input.gridId);
  if (!scope || scope.communityId !== input.communityId) return fail("not_found");
  const allowed = authorize(call.actor, "volunteer.read", scope);
  if (!allowed.ok) return allowed;
  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const inGrid =
    input.gridId === undefined
      ? undefined
      : or(
          eq(volunteers.homeGridId, input.gridId),
          inArray(
            volunteers.homeGridId,
            db.select({ id: grids.id }).from(grids).where(eq(grids.parentId, input.gridId)),
          ),
        );
  // Without a search the list runs in the order of the index (community_id, user_id). A search starts from
  // its name range and sorts only its matches: the unary + keeps SQLite from walking the whole community in id order instead.
  const order: SQL<number> = input.q ? sql`+${volunteers.userId}` : sql`${volunteers.userId}`;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      homeGridId: volunteers.homeGridId,
      partyStatus: volunteers.partyStatus,
      partnerUnitId: volunteers.partnerUnitId,
    })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .where(
      and(
        eq(volunteers.communityId, input.communityId),
        input.q ? nameClause(input.q) : undefined,
        input.skillId
          ? exists(
              db
                .select({ one: sql`1` })
                .from(volunteerSkills)
                .where(and(eq(volunteerSkills.userId, volunteers.userId), eq(volunteerSkills.skillId, input.skillId))),
            )
          : undefined,
        inGrid,
        gt(order, cursor.after),
      ),
    )
    .orderBy(asc(order))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const reads = page.items.map((r) => ({
    communityId: input.communityId,
    actorUserId: must(call.actor).userId,
    subjectUserId: r.id,
    fields: "phone",
    entity: "volunteers" as const,
    entityId: null,
  }));
  await recordAccesses(db, reads, call.deps.now());
  const skillRows = page.items.length
    ? await db
        .select({ userId: volunteerSkills.userId, name: skills.name })
        .from(volunteerSkills)
        .innerJoin(skills, eq(skills.id, volunteerSkills.skillId))
        .where(
          inArray(
            volunteerSkills.userId,
            page.items.map((r) => r.id),
          ),
        )
    : [];
  return ok({
    ...page,
    items: page.items.map((r) => ({ ...r, skills: skillRows.filter((s) => s.userId === r.id).map((s) => s.name) })),
  });
}
