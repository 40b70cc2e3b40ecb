import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { PUBLIC_TOPIC_STATUSES, fail, isStepKey, ok } from "@tongxin/core";
import { buildings, communities, topics } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { toIso } from "../../time";

/** A building as the public reads it: its estate and name, never a door. */
export const buildingLabel = (estate: string | null, name: string | null): string | null =>
  name === null ? null : `${estate ?? ""} ${name}`.trim();

/** 两公开, no sign-in: a community's topics from deliberation on, newest first, each with the step it stands at. */
export async function publicTopics({ deps }: Call, communityId: number, input: PageInput) {
  const db = deps.database.db;
  const decoded = decodeCursor(input.cursor);
  if (!decoded.ok) return decoded;
  const [community] = await db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!community) return fail("not_found");
  const limit = limitOf(input);
  const rows = await db
    .select({
      id: topics.id,
      title: topics.title,
      status: topics.status,
      procedure: topics.procedure,
      currentStep: topics.currentStep,
      stepIndex: topics.stepIndex,
      createdAt: topics.createdAt,
      updatedAt: topics.updatedAt,
      estate: buildings.estate,
      buildingName: buildings.name,
    })
    .from(topics)
    .leftJoin(buildings, eq(buildings.id, topics.buildingId))
    .where(
      and(
        eq(topics.communityId, communityId),
        // Unary + keeps the planner on (community_id, id), which serves the order: a status index would sort the community.
        inArray(sql`+${topics.status}`, [...PUBLIC_TOPIC_STATUSES]),
        decoded.after > 0 ? lt(topics.id, decoded.after) : undefined,
      ),
    )
    .orderBy(desc(topics.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  return ok({
    community,
    items: page.items.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      procedure: r.procedure,
      currentStep: r.currentStep !== null && isStepKey(r.currentStep) ? r.currentStep : null,
      building: buildingLabel(r.estate, r.buildingName),
      proposedAt: toIso(r.createdAt),
      updatedAt: toIso(r.updatedAt),
    })),
    nextCursor: page.nextCursor,
  });
}
