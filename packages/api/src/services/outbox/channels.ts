import { and, eq, inArray, sql } from "drizzle-orm";
import { CHANNELS, fail, ok, type Channel } from "@tongxin/core";
import { messageChannels, outbox } from "../../db/schema";
import type { Call } from "../call";

export type ChannelChoices = Record<Channel, boolean>;
const NONE: ChannelChoices = { sms: false, wechat: false };

/** The channels outside the app I chose; nobody hears outside the app before choosing (opt-in). */
export async function myChannels(call: Call) {
  if (!call.actor) return fail("unauthenticated");
  const [row] = await call.deps.database.db
    .select({ sms: messageChannels.sms, wechat: messageChannels.wechat })
    .from(messageChannels)
    .where(eq(messageChannels.userId, call.actor.userId));
  return ok({ channels: row ?? NONE });
}

/**
 * Sets my channel choices (退订 is both off). A channel turned off takes with
 * it what still waits on it: those rows are skipped in the same transaction, so
 * nothing more reaches me there; a message already being sent may still arrive.
 */
export async function saveChannels(call: Call, choices: ChannelChoices) {
  const actor = call.actor;
  if (!actor) return fail("unauthenticated");
  const now = call.deps.now();
  const off = CHANNELS.filter((channel) => !choices[channel]);
  await call.deps.database.db.transaction(async (tx) => {
    await tx
      .insert(messageChannels)
      .values({ userId: actor.userId, ...choices, updatedAt: now })
      .onConflictDoUpdate({ target: messageChannels.userId, set: { ...choices, updatedAt: now } });
    if (off.length > 0)
      await tx
        .update(outbox)
        .set({ state: "skipped", nextAttemptAt: null })
        .where(
          and(
            eq(outbox.userId, actor.userId),
            // A literal, as the partial index outbox_user_pending states it.
            sql`${outbox.state} = 'pending'`,
            inArray(outbox.channel, off),
          ),
        );
  });
  return ok({ channels: choices });
}
