import { and, asc, eq, exists, gt, inArray, not, or, sql, type SQL } from "drizzle-orm";
import { authorize, fail, ok, must } from "@tongxin/core";
import { grids, skills, users, volunteerSkills, volunteers } from "../../db/schema";
import type { Call } from "../call";
import type { Db } from "../../db/client";
import { decodeCursor, limitOf, parseCursor, toPage, type Decoded, type PageInput } from "../page";
import { communityScope, gridScope } from "../scope";
import { contains, startsWith } from "../text-search";
import { recordAccesses } from "../access-log/record";

export type SearchVolunteersInput = PageInput & {
  communityId: number;
  q?: string | undefined;
  skillId?: number | undefined;
  gridId?: number | undefined;
  /** null: the caller records the phones as read when it shows them (a book, as it writes each page). */
  accessPlace?: null | undefined;
};

/** Latin letters search the stored pinyin (zs → 张三, zhang → 张…); anything else the name itself. */
const pinyinOf = (q: string | undefined): string | null => {
  const text = q?.trim().toLowerCase() ?? "";
  return /^[a-z]+$/.test(text) ? text : null;
};

/*
 * A pinyin search pages in the order of its name keys, so each page is a walk
 * along one index range: first the people whose initials start with the query
 * (volunteers_community_initials), then those whose full pinyin does and whose
 * initials do not (volunteers_community_full). One letter needs only the first:
 * initials and full pinyin start with the same letter. The cursor is the phase,
 * the key and the id of the last person shown.
 */
type KeyCursor = { phase: 1 | 2; key: string; id: number };

const encodeKeyCursor = (c: KeyCursor) => Buffer.from(JSON.stringify([c.phase, c.key, c.id])).toString("base64url");

/** A cursor this search could have handed out: a phase the query has, a key that starts with the query, a real id. */
function decodeKeyCursor(cursor: string | undefined, prefix: string): Decoded<{ after: KeyCursor | null }> {
  if (!cursor) return ok({ after: null });
  const value = parseCursor(cursor);
  if (!Array.isArray(value) || value.length !== 3) return fail("bad_cursor");
  const [phase, key, id] = value as unknown[];
  const valid =
    (phase === 1 || (phase === 2 && prefix.length > 1)) &&
    typeof key === "string" &&
    key.startsWith(prefix) &&
    Number.isSafeInteger(id) &&
    (id as number) > 0;
  return valid ? ok({ after: { phase, key, id: id as number } }) : fail("bad_cursor");
}

type Filters = { communityId: number; skillId?: number | undefined; inGrid: SQL | undefined };

/** One page of volunteers matching `where` in the given order, with the filters every search shares. */
function selectVolunteers(db: Db, filters: Filters, where: SQL | undefined, order: SQL[], limit: number) {
  const { communityId, skillId, inGrid } = filters;
  return db
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      homeGridId: volunteers.homeGridId,
      partyStatus: volunteers.partyStatus,
      partnerUnitId: volunteers.partnerUnitId,
      nameFull: volunteers.nameFull,
      nameInitials: volunteers.nameInitials,
    })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .where(
      and(
        eq(volunteers.communityId, communityId),
        where,
        skillId
          ? exists(
              db
                .select({ one: sql`1` })
                .from(volunteerSkills)
                .where(and(eq(volunteerSkills.userId, volunteers.userId), eq(volunteerSkills.skillId, skillId))),
            )
          : undefined,
        inGrid,
      ),
    )
    .orderBy(...order)
    .limit(limit);
}

type Row = Awaited<ReturnType<typeof selectVolunteers>>[number];

/** Without a search, or with one that is not pinyin: in the order of (community_id, user_id) from an id cursor. */
async function pageById(db: Db, filters: Filters, q: string | undefined, input: PageInput) {
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const limit = limitOf(input);
  // A name search starts from the community's rows in id order and filters them (the residents picker's rule).
  const where = and(q ? contains(users.name, q.trim()) : undefined, gt(volunteers.userId, cursor.after));
  return ok(toPage(await selectVolunteers(db, filters, where, [asc(volunteers.userId)], limit + 1), limit));
}

/**
 * The walks a pinyin page takes, in order. After a cursor its phase continues with the rest of its key
 * (`key = k and id > cursor`) and then the keys after it: each an exact seek on the index, where one
 * row-value comparison `(key, id) > (k, id)` would walk every person sharing the key from its start.
 */
function walksOf(prefix: string, after: KeyCursor | null) {
  const phases = [
    { phase: 1 as const, key: volunteers.nameInitials, within: startsWith(volunteers.nameInitials, prefix) },
    ...(prefix.length > 1
      ? [
          {
            phase: 2 as const,
            key: volunteers.nameFull,
            within: and(startsWith(volunteers.nameFull, prefix), not(startsWith(volunteers.nameInitials, prefix))),
          },
        ]
      : []),
  ];
  return phases.flatMap(({ phase, key, within }) => {
    if (after && after.phase > phase) return [];
    const byKey = [asc(key), asc(volunteers.userId)];
    if (after?.phase !== phase) return [{ phase, key, where: within, order: byKey }];
    return [
      { phase, key, where: and(within, eq(key, after.key), gt(volunteers.userId, after.id)), order: byKey },
      { phase, key, where: and(within, gt(key, after.key)), order: byKey },
    ];
  });
}

/** A pinyin search: the initials' range, then the full pinyin's, each walked from the cursor in key order. */
async function pageByKey(db: Db, filters: Filters, prefix: string, input: PageInput) {
  const cursor = decodeKeyCursor(input.cursor, prefix);
  if (!cursor.ok) return cursor;
  const limit = limitOf(input);
  const rows: (Row & { key: string; phase: 1 | 2 })[] = [];
  for (const { phase, key, where, order } of walksOf(prefix, cursor.after)) {
    const found = await selectVolunteers(db, filters, where, order, limit + 1 - rows.length);
    rows.push(...found.map((r) => ({ ...r, phase, key: key === volunteers.nameFull ? r.nameFull : r.nameInitials })));
    if (rows.length > limit) break;
  }
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return ok({
    items,
    nextCursor: rows.length > limit && last ? encodeKeyCursor({ phase: last.phase, key: last.key, id: last.id }) : null,
  });
}

/** The phones of these volunteers recorded as read by the caller: in the list, or in its book (a bulk read). */
export async function recordPhoneReads(
  call: Call,
  communityId: number,
  shown: readonly { id: number }[],
  place: "volunteers" | "book",
) {
  const reads = shown.map((r) => ({
    communityId,
    actorUserId: must(call.actor).userId,
    subjectUserId: r.id,
    fields: "phone",
    entity: place,
    entityId: null,
  }));
  await recordAccesses(call.deps.database.db, reads, call.deps.now());
}

export async function searchVolunteers(call: Call, input: SearchVolunteersInput) {
  const db = call.deps.database.db;
  const scope =
    input.gridId === undefined ? await communityScope(db, input.communityId) : await gridScope(db, input.gridId);
  if (!scope || scope.communityId !== input.communityId) return fail("not_found");
  const allowed = authorize(call.actor, "volunteer.read", scope);
  if (!allowed.ok) return allowed;
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
  const filters = { communityId: input.communityId, skillId: input.skillId, inGrid };
  const prefix = pinyinOf(input.q);
  const found = prefix ? await pageByKey(db, filters, prefix, input) : await pageById(db, filters, input.q, input);
  if (!found.ok) return found;
  const page = {
    items: found.items.map(({ id, name, phone, homeGridId, partyStatus, partnerUnitId }) => ({
      id,
      name,
      phone,
      homeGridId,
      partyStatus,
      partnerUnitId,
    })),
    nextCursor: found.nextCursor,
  };
  if (input.accessPlace !== null) await recordPhoneReads(call, input.communityId, page.items, "volunteers");
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
