import { desc, eq } from "drizzle-orm";
import { fail, ok } from "@tongxin/core";
import { notifications } from "../../db/schema";
import type { Call } from "../call";
import { toIso } from "../../time";

/** The latest in-app messages: cancellations, waitlist promotions, team decisions. */
export async function myNotifications({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const rows = await deps.database.db.select().from(notifications).where(eq(notifications.userId, actor.userId)).orderBy(desc(notifications.id)).limit(50);
  return ok({ items: rows.map((n) => ({ id: n.id, kind: n.kind, payload: JSON.parse(n.payload) as Record<string, unknown>, createdAt: toIso(n.createdAt), read: n.readAt !== null })) });
}
