import { and, eq, inArray, or } from "drizzle-orm";
import { CHANNELS, isUrgent, sendableAt, type Message, type MessageKind, type MessagePayloads } from "@tongxin/core";
import type { Tx } from "../db/client";
import { messageChannels, notifications, outbox, users } from "../db/schema";

/** An in-app message to several readers in the same words, written with the change that caused it. */
export async function notify<K extends MessageKind>(
  tx: Tx,
  userIds: readonly number[],
  kind: K,
  payload: MessagePayloads[K],
  now: number,
) {
  await notifyEach(
    tx,
    kind,
    userIds.map((userId) => ({ userId, payload })),
    now,
  );
}

/** Messages of one kind whose words differ per reader (each volunteer's own shift time). */
export async function notifyEach<K extends MessageKind>(
  tx: Tx,
  kind: K,
  messages: readonly { userId: number; payload: MessagePayloads[K] }[],
  now: number,
) {
  await notifyAll(
    tx,
    messages.map(({ userId, payload }) => ({ userId, kind, payload }) as Addressed),
    now,
  );
}

type Addressed = Message & { userId: number };

/**
 * Messages of any kinds, each to its reader. Each goes to the inbox and, for readers who chose channels outside
 * the app, into the outbox once per channel — in the same transaction, so a message is sent outside exactly when
 * it exists inside.
 */
export async function notifyAll(tx: Tx, messages: readonly Addressed[], now: number) {
  if (messages.length === 0) return;
  const rows = messages.map(({ userId, kind, payload }) => ({
    userId,
    kind,
    payload: JSON.stringify(payload),
    createdAt: now,
  }));
  const listeners = await channelsOf(tx, [...new Set(messages.map((m) => m.userId))]);
  if (listeners.size === 0) {
    await tx.insert(notifications).values(rows);
    return;
  }
  const written = await tx
    .insert(notifications)
    .values(rows)
    .returning({ id: notifications.id, userId: notifications.userId });
  // Ids rise in the order of the rows inserted; RETURNING's own order is not promised.
  written.sort((a, b) => a.id - b.id);
  const deliveries = written.flatMap((n, i) => {
    const listener = listeners.get(n.userId);
    const message = messages[i];
    if (!listener || !message) return [];
    const urgent = isUrgent(message, now);
    return CHANNELS.filter((channel) => listener[channel]).map((channel) => ({
      notificationId: n.id,
      userId: n.userId,
      communityId: listener.communityId,
      channel,
      kind: message.kind,
      urgent,
      nextAttemptAt: sendableAt(channel, urgent, now),
      createdAt: now,
    }));
  });
  if (deliveries.length > 0) await tx.insert(outbox).values(deliveries);
}

/** The readers among these who hear on some channel outside the app, with their home community. */
async function channelsOf(tx: Tx, userIds: number[]) {
  const rows = await tx
    .select({
      userId: messageChannels.userId,
      sms: messageChannels.sms,
      wechat: messageChannels.wechat,
      communityId: users.communityId,
    })
    .from(messageChannels)
    .innerJoin(users, eq(users.id, messageChannels.userId))
    .where(
      and(
        inArray(messageChannels.userId, userIds),
        or(eq(messageChannels.sms, true), eq(messageChannels.wechat, true)),
      ),
    );
  return new Map(rows.map((r) => [r.userId, r]));
}
