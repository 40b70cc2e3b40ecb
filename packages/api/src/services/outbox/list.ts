import { and, desc, eq, lt } from "drizzle-orm";
import { maskName, maskPhone, ok, type DeliveryState } from "@tongxin/core";
import { outbox, users } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { authorizeInCommunity } from "../scope";
import { toIso } from "../../time";

/**
 * Delivery state of messages outside the app to the community's residents (their home community when the
 * message was written), newest first, optionally one state (failed): for the staff who read its audit log.
 * The recipient is masked: staff see that a message reached someone, not a list of phone numbers.
 */
export async function listDeliveries(
  call: Call,
  communityId: number,
  input: PageInput & { state?: DeliveryState | undefined },
) {
  const db = call.deps.database.db;
  const allowed = await authorizeInCommunity(db, call.actor, "audit.read", communityId);
  if (!allowed.ok) return allowed;
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const limit = limitOf(input);
  const rows = await db
    .select({
      id: outbox.id,
      createdAt: outbox.createdAt,
      kind: outbox.kind,
      channel: outbox.channel,
      urgent: outbox.urgent,
      name: users.name,
      phone: users.phone,
      state: outbox.state,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      nextAttemptAt: outbox.nextAttemptAt,
      deliveredAt: outbox.deliveredAt,
    })
    .from(outbox)
    .innerJoin(users, eq(users.id, outbox.userId))
    .where(
      and(
        eq(outbox.communityId, communityId),
        input.state ? eq(outbox.state, input.state) : undefined,
        cursor.after ? lt(outbox.id, cursor.after) : undefined,
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(limit + 1);
  const items = rows.map(({ name, phone, createdAt, nextAttemptAt, deliveredAt, ...row }) => ({
    ...row,
    recipient: { name: maskName(name), phone: maskPhone(phone) },
    createdAt: toIso(createdAt),
    nextAttemptAt: row.state === "pending" ? toIso(nextAttemptAt) : null,
    deliveredAt: toIso(deliveredAt),
  }));
  return ok(toPage(items, limit));
}
