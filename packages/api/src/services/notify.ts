import type { MessageKind, MessagePayloads } from "@tongxin/core";
import type { Tx } from "../db/client";
import { notifications } from "../db/schema";

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
  if (messages.length === 0) return;
  await tx
    .insert(notifications)
    .values(
      messages.map(({ userId, payload }) => ({ userId, kind, payload: JSON.stringify(payload), createdAt: now })),
    );
}
