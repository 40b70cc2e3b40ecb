import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, isNull } from "drizzle-orm";
import { fail, ok } from "@tongxin/core";
import { calendarFeeds, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { toIso } from "../../time";
import { sessionIdOf } from "../../auth/session";

/** 160 random bits, as for sessions: no one guesses a feed's address. */
const TOKEN_BYTES = 20;
/** What the token looks like in the URL (base32 of TOKEN_BYTES); anything else is no feed. */
export const FEED_TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/** Only the SHA-256 of a feed's token is stored, like a session's: a leaked table opens no feed. */
export const feedTokenHash = sessionIdOf;

/** Whether I have a live feed, and since when (its address cannot be shown again: only its hash is kept). */
export async function calendarSubscription({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const [feed] = await deps.database.db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
  return ok({ active: feed !== undefined, createdAt: feed ? toIso(feed.createdAt) : null });
}

/** A new private feed address for my shifts; any earlier one stops working at once (rotation). */
export async function subscribeCalendar({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  const db = deps.database.db;
  const [profile] = await db
    .select({ userId: volunteers.userId })
    .from(volunteers)
    .where(eq(volunteers.userId, actor.userId));
  if (!profile) return fail("not_volunteer");
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
  const row = { tokenHash: feedTokenHash(token), createdAt: deps.now(), revokedAt: null };
  await db
    .insert(calendarFeeds)
    .values({ userId: actor.userId, ...row })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: row });
  return ok({ token });
}

/** Stops my feed: its address answers 404 from now on. Revoking twice is no error. */
export async function unsubscribeCalendar({ deps, actor }: Call) {
  if (!actor) return fail("unauthenticated");
  await deps.database.db
    .update(calendarFeeds)
    .set({ revokedAt: deps.now() })
    .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
  return ok({});
}
