import { and, count, desc, eq, isNull } from "drizzle-orm";
import { fail, ok } from "@tongxin/core";
import { notifications } from "../../db/schema";
import type { Call } from "../call";
import { toIso } from "../../time";

/** The latest in-app messages: cancellations, waitlist promotions, team decisions. */
export async function myNotifications({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const rows = await db.select().from(notifications).where(eq(notifications.userId, actor.userId)).orderBy(desc(notifications.id)).limit(50);
  const [unread] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return ok({ unread: unread?.n ?? 0, items: rows.map((n) => ({ id: n.id, kind: n.kind, payload: JSON.parse(n.payload) as Record<string, unknown>, createdAt: toIso(n.createdAt), read: n.readAt !== null })) });
}

/** Marks every message read (the inbox was opened). */
export async function markNotificationsRead({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  await deps.database.db.update(notifications).set({ readAt: deps.now() }).where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return ok({});
}
