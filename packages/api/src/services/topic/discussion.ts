import { and, asc, eq, gt } from "drizzle-orm";
import { must, ok } from "@tongxin/core";
import type { Db } from "../../db/client";
import { topicComments, topicObjections } from "../../db/schema";
import { toIso } from "../../time";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { peopleNames } from "../people";
import { participatingTopic } from "./load";

/** The topic for one of its community's people, the reader's id and the page's bounds; or why not. */
async function opened(call: Call, topicId: number, input: PageInput) {
  const db = call.deps.database.db;
  const loaded = await participatingTopic(db, call.actor, topicId);
  if (!loaded.ok) return loaded;
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  return ok({ db, me: must(call.actor).userId, after: cursor.after, limit: limitOf(input) });
}

/** Each row's writer as others see them (masked unless they consented), and whether it is the reader's own. */
async function withWriters<T extends { userId: number }>(db: Db, rows: T[], me: number) {
  const names = await peopleNames(
    db,
    rows.map((r) => r.userId),
    false,
  );
  return rows.map(({ userId, ...row }) => ({ ...row, name: names.get(userId) ?? "", mine: userId === me }));
}

/** A topic's comments, oldest first (a discussion reads in order), a page at a time through (topic_id, id). */
export async function listTopicComments(call: Call, topicId: number, input: PageInput) {
  const open = await opened(call, topicId, input);
  if (!open.ok) return open;
  const { db, me, after, limit } = open;
  const rows = await db
    .select({
      id: topicComments.id,
      userId: topicComments.userId,
      body: topicComments.body,
      createdAt: topicComments.createdAt,
    })
    .from(topicComments)
    .where(and(eq(topicComments.topicId, topicId), gt(topicComments.id, after)))
    .orderBy(asc(topicComments.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const items = await withWriters(db, page.items, me);
  return ok({
    items: items.map((c) => ({ id: c.id, name: c.name, mine: c.mine, body: c.body, createdAt: toIso(c.createdAt) })),
    nextCursor: page.nextCursor,
  });
}

/** A topic's objections to its 决议公开 notice with their public answers, oldest first, a page at a time. */
export async function listTopicObjections(call: Call, topicId: number, input: PageInput) {
  const open = await opened(call, topicId, input);
  if (!open.ok) return open;
  const { db, me, after, limit } = open;
  const rows = await db
    .select({
      id: topicObjections.id,
      userId: topicObjections.userId,
      body: topicObjections.body,
      answer: topicObjections.answer,
      answeredAt: topicObjections.answeredAt,
      createdAt: topicObjections.createdAt,
    })
    .from(topicObjections)
    .where(and(eq(topicObjections.topicId, topicId), gt(topicObjections.id, after)))
    .orderBy(asc(topicObjections.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const items = await withWriters(db, page.items, me);
  return ok({
    items: items.map((o) => ({
      id: o.id,
      name: o.name,
      mine: o.mine,
      body: o.body,
      answer: o.answer,
      answeredAt: toIso(o.answeredAt),
      createdAt: toIso(o.createdAt),
    })),
    nextCursor: page.nextCursor,
  });
}
