import type { Tx } from "../db/client";
import { notifications } from "../db/schema";

export type NotificationKind = "activity_cancelled" | "waitlist_promoted" | "team_approved" | "team_rejected" | "request_changed" | "request_new" | "points_fund_empty" | "points_donated";

/** An in-app message, written with the change that caused it. */
export async function notify(tx: Tx, userIds: readonly number[], kind: NotificationKind, payload: Record<string, unknown>, now: number) {
  if (userIds.length === 0) return;
  await tx.insert(notifications).values(userIds.map((userId) => ({ userId, kind, payload: JSON.stringify(payload), createdAt: now })));
}
