import { and, eq, gt } from "drizzle-orm";
import { ok } from "@tongxin/core";
import { topics } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { authorizeInCommunity } from "../scope";

/** Topics a meeting may take on its agenda: the community's topics in deliberation, oldest first (index on community, status, id). */
export async function agendaCandidates({ deps, actor }: Call, communityId: number, input: PageInput) {
  const { db } = deps.database;
  const allowed = await authorizeInCommunity(db, actor, "meeting.manage", communityId);
  if (!allowed.ok) return allowed;
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const limit = limitOf(input);
  const rows = await db
    .select({ id: topics.id, title: topics.title, procedure: topics.procedure, stepIndex: topics.stepIndex })
    .from(topics)
    .where(and(eq(topics.communityId, communityId), eq(topics.status, "deliberating"), gt(topics.id, cursor.after)))
    .orderBy(topics.id)
    .limit(limit + 1);
  return ok(toPage(rows, limit));
}
