import { and, eq, notInArray } from "drizzle-orm";
import {
  authorize,
  decideProposal,
  fail,
  must,
  ok,
  topicSource,
  type ResourceScope,
  type TopicSourceKind,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import { requests, topicPhotos, topics, warnings } from "../../db/schema";
import { writeAudit } from "../audit";
import type { Call } from "../call";
import { buildingScope, communityScope, gridScope } from "../scope";
import { takesPart } from "./load";

export type ProposeInput = {
  communityId: number;
  title: string;
  description: string;
  photos?: string[] | undefined;
  gridId?: number | undefined;
  buildingId?: number | undefined;
};

/** The communities of the grid and building named (a missing one is not found). */
async function placesOf(tx: Tx, input: Pick<ProposeInput, "gridId" | "buildingId">) {
  const scopes = [
    input.gridId === undefined ? undefined : await gridScope(tx, input.gridId),
    input.buildingId === undefined ? undefined : await buildingScope(tx, input.buildingId),
  ].filter((s): s is ResourceScope | null => s !== undefined);
  if (scopes.some((s) => s === null)) return null;
  return (scopes as ResourceScope[]).map((s) => must(s.communityId));
}

async function insertTopic(
  tx: Tx,
  input: ProposeInput & { proposerUserId: number; source: string | null },
  now: number,
) {
  const [topic] = await tx
    .insert(topics)
    .values({
      communityId: input.communityId,
      gridId: input.gridId ?? null,
      buildingId: input.buildingId ?? null,
      proposerUserId: input.proposerUserId,
      title: input.title,
      description: input.description,
      status: "proposed",
      source: input.source,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const photos = input.photos ?? [];
  if (photos.length)
    await tx.insert(topicPhotos).values(photos.map((photo) => ({ topicId: must(topic).id, photo, createdAt: now })));
  return must(topic);
}

/** Anyone of the community proposes a topic: about a grid or building of it, with up to four photos. */
export async function proposeTopic(call: Call, input: ProposeInput) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const allowed = await takesPart(tx, call.actor, input.communityId);
    if (!allowed.ok) return allowed;
    const places = await placesOf(tx, input);
    if (!places) return fail("not_found");
    const decided = decideProposal({
      communityId: input.communityId,
      photos: input.photos?.length ?? 0,
      placeCommunityIds: places,
    });
    if (!decided.ok) return decided;
    const topic = await insertTopic(tx, { ...input, proposerUserId: must(call.actor).userId, source: null }, now);
    return ok({ id: topic.id, status: topic.status });
  });
}

/** What staff raise a topic from: its community and place, read from the request or warning. */
async function sourceOf(tx: Tx, kind: TopicSourceKind, id: number) {
  if (kind === "request") {
    const [row] = await tx
      .select({ communityId: requests.communityId, gridId: requests.gridId, buildingId: requests.buildingId })
      .from(requests)
      .where(eq(requests.id, id));
    return row ?? null;
  }
  const [row] = await tx
    .select({ communityId: warnings.communityId, gridId: warnings.gridId })
    .from(warnings)
    .where(eq(warnings.id, id));
  return row ? { ...row, buildingId: null } : null;
}

export type RaiseInput = { kind: TopicSourceKind; id: number; title: string; description: string };

/**
 * Staff raise a topic from a request or a warning (a matter one household's request shows is the community's):
 * the topic keeps its source, and one live topic per source is enough.
 */
export async function raiseTopic(call: Call, input: RaiseInput) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const origin = await sourceOf(tx, input.kind, input.id);
    const scope = origin && (await communityScope(tx, origin.communityId));
    if (!origin || !scope) return fail("not_found");
    const allowed = authorize(call.actor, "topic.manage", scope);
    if (!allowed.ok) return allowed;
    const source = topicSource(input.kind, input.id);
    const [existing] = await tx
      .select({ id: topics.id })
      .from(topics)
      .where(and(eq(topics.source, source), notInArray(topics.status, ["declined", "merged", "rejected"])));
    if (existing) return fail("already_raised");
    const actorUserId = must(call.actor).userId;
    const topic = await insertTopic(
      tx,
      {
        communityId: origin.communityId,
        gridId: origin.gridId ?? undefined,
        buildingId: origin.buildingId ?? undefined,
        title: input.title,
        description: input.description,
        proposerUserId: actorUserId,
        source,
      },
      now,
    );
    await writeAudit(
      tx,
      { actorUserId, action: "topic.raise", entity: "topic", entityId: topic.id, scope, after: { source } },
      { requestId: call.requestId, now },
    );
    return ok({ id: topic.id, status: topic.status, source });
  });
}
