import { and, eq, gte, inArray, isNull } from "drizzle-orm";
import { isQuietRelease } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { notifications, requestHolds } from "../../db/schema";

/**
 * A claim released within minutes was a slip: its notice is withdrawn from the
 * resident while still unread, and then the release is not announced either.
 * Answers whether the resident is to be left alone. Call before the hold ends.
 */
export async function withdrawQuickClaim(
  tx: Tx,
  request: { id: number; ownerUserId: number },
  now: number,
): Promise<boolean> {
  const [hold] = await tx
    .select({ how: requestHolds.how, startedAt: requestHolds.startedAt })
    .from(requestHolds)
    .where(and(eq(requestHolds.requestId, request.id), isNull(requestHolds.endedAt)));
  if (!hold || hold.how !== "claimed" || !isQuietRelease(hold.startedAt, now)) return false;
  const unread = await tx
    .select({ id: notifications.id, payload: notifications.payload })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, request.ownerUserId),
        eq(notifications.kind, "request_changed"),
        isNull(notifications.readAt),
        gte(notifications.createdAt, hold.startedAt),
      ),
    );
  const claims = unread.filter((n) => {
    const payload = JSON.parse(n.payload) as { requestId?: number; action?: string };
    return payload.requestId === request.id && payload.action === "claim";
  });
  if (claims.length === 0) return false;
  await tx.delete(notifications).where(
    inArray(
      notifications.id,
      claims.map((n) => n.id),
    ),
  );
  return true;
}
