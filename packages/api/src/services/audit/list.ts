import { and, desc, eq, lt, notLike } from "drizzle-orm";
import { authorize, fail, maskContacts, ok } from "@tongxin/core";
import { auditLog, users } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { communityScope, streetScope } from "../scope";
import { toIso } from "../../time";

export type ListAuditInput = PageInput & ({ communityId: number } | { streetId: number });

/** Newest first; the cursor walks backwards through ids. A street's log includes its communities'. */
export async function listAudit(call: Call, input: ListAuditInput) {
  const db = call.deps.database.db;
  const scope =
    "communityId" in input ? await communityScope(db, input.communityId) : await streetScope(db, input.streetId);
  if (!scope) return fail("not_found");
  const allowed = authorize(call.actor, "audit.read", scope);
  if (!allowed.ok) return allowed;
  // Care acts name households (decision 0016): only those who read care see them; the street sees counts only.
  const readsCare = "communityId" in input && authorize(call.actor, "care.read", scope).ok;
  const limit = limitOf(input);
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const before = cursor.after;
  const rows = await db
    .select({
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        "communityId" in input ? eq(auditLog.communityId, input.communityId) : eq(auditLog.streetId, input.streetId),
        before ? lt(auditLog.id, before) : undefined,
        readsCare ? undefined : notLike(auditLog.action, "care.%"),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  // Phones inside the details are masked for every reader (page and book): see core's maskContacts.
  const items = rows.map((r) => ({
    ...r,
    before: r.before === null ? null : maskContacts(JSON.parse(r.before)),
    after: r.after === null ? null : maskContacts(JSON.parse(r.after)),
    createdAt: toIso(r.createdAt),
  }));
  return ok(toPage(items, limit));
}
