import { and, desc, eq, isNull, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { authorize, fail, ok } from "@tongxin/core";
import type { Db } from "../../db/client";
import { accessLog, buildings, households, users } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { communityScope } from "../scope";
import { toIso } from "../../time";

const readers = alias(users, "readers");
const subjects = alias(users, "subjects");

/** Newest first, with the reader's and the resident's names; the cursor walks back through ids. */
async function page(db: Db, where: SQL | undefined, input: PageInput) {
  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const before = cursor.after;
  const rows = await db
    .select({
      id: accessLog.id,
      readerName: readers.name,
      subjectName: sql<string>`coalesce(${subjects.name}, ${buildings.name} || ' ' || ${households.name})`,
      fields: accessLog.fields,
      entity: accessLog.entity,
      entityId: accessLog.entityId,
      createdAt: accessLog.createdAt,
    })
    .from(accessLog)
    .innerJoin(readers, eq(readers.id, accessLog.actorUserId))
    // A care profile's read names the household (decision 0016), whoever lives there.
    .leftJoin(subjects, eq(subjects.id, accessLog.subjectUserId))
    .leftJoin(households, eq(households.id, accessLog.subjectHouseholdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .where(and(where, before ? lt(accessLog.id, before) : undefined))
    .orderBy(desc(accessLog.id))
    .limit(limit + 1);
  return ok(
    toPage(
      rows.map((r) => ({ ...r, createdAt: toIso(r.createdAt) })),
      limit,
    ),
  );
}

/** Who read which resident's contact details in a community: for the staff who read the audit log. */
export async function listCommunityAccess(call: Call, communityId: number, input: PageInput) {
  const db = call.deps.database.db;
  const scope = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  const allowed = authorize(call.actor, "audit.read", scope);
  if (!allowed.ok) return allowed;
  // Reads of care profiles name households (decision 0016): only those who read care see them.
  const readsCare = authorize(call.actor, "care.read", scope).ok;
  return page(
    db,
    and(eq(accessLog.communityId, communityId), readsCare ? undefined : isNull(accessLog.subjectHouseholdId)),
    input,
  );
}

/** Who read my contact details. */
export async function listMyAccess(call: Call, input: PageInput) {
  if (!call.actor) return fail("unauthenticated");
  return page(call.deps.database.db, eq(accessLog.subjectUserId, call.actor.userId), input);
}
