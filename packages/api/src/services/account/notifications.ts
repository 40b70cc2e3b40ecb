import { and, count, desc, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import { fail, ok, type Message, must } from "@tongxin/core";
import { notifications } from "../../db/schema";
import type { Call } from "../call";
import { limitOf, parseCursor, type Decoded, type PageInput } from "../page";
import { toIso } from "../../time";

/** Where a reader is in the inbox: still among the unread (newest first), or among the read ones after them. */
type InboxCursor = { unread: boolean; before: number | null };

const encode = (at: InboxCursor) =>
  Buffer.from(JSON.stringify({ u: at.unread ? 1 : 0, b: at.before })).toString("base64url");

function decode(cursor: string | undefined): Decoded<{ at: InboxCursor }> {
  if (!cursor) return ok({ at: { unread: true, before: null } });
  const parsed = parseCursor(cursor) as { u?: unknown; b?: unknown } | null;
  const before = parsed?.b;
  if (
    (parsed?.u === 0 || parsed?.u === 1) &&
    (before === null || (typeof before === "number" && Number.isSafeInteger(before)))
  )
    return ok({ at: { unread: parsed.u === 1, before } });
  return fail("bad_cursor");
}

type Row = typeof notifications.$inferSelect;

/** One group's rows from a place on, newest first, through the (user_id, id) index. */
async function group({ deps, actor }: Call, unread: boolean, before: number | null, limit: number): Promise<Row[]> {
  const where = and(
    eq(notifications.userId, must(actor).userId),
    unread ? isNull(notifications.readAt) : isNotNull(notifications.readAt),
    before === null ? undefined : lt(notifications.id, before),
  );
  return deps.database.db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(limit);
}

/**
 * The inbox: unread messages first (with their count), then read ones, each
 * newest first, paged by an opaque cursor. A message read between two pages
 * may show once more among the read ones; none is ever skipped.
 */
export async function myNotifications(call: Call, page: PageInput = {}) {
  if (!call.actor) return fail("unauthenticated");
  const limit = limitOf(page);
  const decoded = decode(page.cursor);
  if (!decoded.ok) return decoded;
  const at = decoded.at;
  let rows = at.unread ? (await group(call, true, at.before, limit + 1)).map((r) => ({ r, unread: true })) : [];
  if (rows.length <= limit)
    rows = [
      ...rows,
      ...(await group(call, false, at.unread ? null : at.before, limit + 1 - rows.length)).map((r) => ({
        r,
        unread: false,
      })),
    ];
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encode({ unread: last.unread, before: last.r.id }) : null;
  const [unread] = await call.deps.database.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, call.actor.userId), isNull(notifications.readAt)));
  return ok({
    unread: unread?.n ?? 0,
    nextCursor,
    items: items.map(({ r }) => ({
      id: r.id,
      ...({ kind: r.kind, payload: JSON.parse(r.payload) } as Message),
      createdAt: must(toIso(r.createdAt)),
      read: r.readAt !== null,
    })),
  });
}

/** Marks the messages the reader was shown as read (all of them when none are named); a message that arrived meanwhile stays unread. */
export async function markNotificationsRead({ deps, actor }: Call, ids?: readonly number[]) {
  if (!actor) return fail("unauthenticated");
  const mine = and(eq(notifications.userId, actor.userId), isNull(notifications.readAt));
  await deps.database.db
    .update(notifications)
    .set({ readAt: deps.now() })
    .where(ids ? and(mine, inArray(notifications.id, [...ids])) : mine);
  return ok({});
}
