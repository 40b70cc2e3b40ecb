import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "../../db/client";
import {
  authorize,
  decideNewRequest,
  fail,
  inPerson,
  ok,
  proxyNote,
  requestPath,
  summaryOf,
  type Role,
  type RequestCategory,
  type RequestKind,
  type Urgency,
  must,
} from "@tongxin/core";
import { buildings, requestEvents, requests, roleGrants, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { notify } from "../notify";
import { communityScope, gridScope } from "../scope";

export type NewRequestInput = {
  kind: RequestKind;
  category: RequestCategory;
  description: string;
  urgency: Urgency;
  window: { startsAt: number; endsAt: number } | null;
  /** Set when staff (a grid worker, community staff, the street admin) post for a resident (代发); the resident stays the owner. */
  ownerUserId?: number | undefined;
};

/**
 * Staff in scope hear of every new request, in staff words ("新需求"): the
 * community's staff and the workers of its grid (and the grids above it).
 * Not the one who posted it for the resident.
 */
async function tellStaff(
  tx: Tx,
  request: {
    id: number;
    communityId: number;
    gridIds: readonly number[];
    kind: RequestKind;
    category: RequestCategory;
    description: string;
  },
  actorId: number,
  now: number,
) {
  const staff = or(
    and(
      eq(roleGrants.role, "communityStaff"),
      eq(roleGrants.scopeKind, "community"),
      eq(roleGrants.scopeId, request.communityId),
    ),
    request.gridIds.length > 0
      ? and(
          eq(roleGrants.role, "gridWorker"),
          eq(roleGrants.scopeKind, "grid"),
          inArray(roleGrants.scopeId, [...request.gridIds]),
        )
      : undefined,
  );
  const readers = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(staff, isNull(roleGrants.revokedAt)));
  const userIds = [...new Set(readers.map((r) => r.userId))].filter((id) => id !== actorId);
  await notify(
    tx,
    userIds,
    "request_new",
    {
      requestId: request.id,
      kind: request.kind,
      category: request.category,
      summary: summaryOf(request.description),
      path: requestPath(request.id),
    },
    now,
  );
}

/** The resident hears that someone posted in her name, and who: nobody acts for her unknown to her. */
async function tellOwner(
  tx: Tx,
  request: { id: number; ownerId: number; kind: RequestKind; category: RequestCategory; description: string },
  poster: { userId: number; role: Role },
  now: number,
) {
  const [who] = await tx.select({ name: users.name }).from(users).where(eq(users.id, poster.userId));
  const subject = {
    requestId: request.id,
    kind: request.kind,
    category: request.category,
    summary: summaryOf(request.description),
    path: requestPath(request.id),
  };
  await notify(
    tx,
    [request.ownerId],
    "request_posted_for_you",
    { ...subject, postedBy: poster.role, posterName: who?.name ?? "" },
    now,
  );
}

/** A resident asks; the place defaults to their building and its grid. */
export async function createRequest(call: Call, input: NewRequestInput) {
  if (!call.actor) return fail("unauthenticated");
  const decided = decideNewRequest(input);
  if (!decided.ok) return decided;
  return call.deps.database.db.transaction((tx) => insertRequest(tx, call, input));
}

/**
 * Where a request comes from besides the resident's own hand: a need found on a care visit (decision 0016) is posted
 * for the household's resident by whoever visited; a paired visitor holds no staff grant, the care verb has read the
 * pairing, so they post as the volunteer they are.
 */
export type RequestOrigin = { fromVisit: true; pairedVisitor: boolean };

/** Writes a checked request inside the caller's transaction (a decided topic dispatches one too). */
export async function insertRequest(
  tx: Tx,
  { deps, actor, requestId }: Call,
  input: NewRequestInput,
  origin?: RequestOrigin,
) {
  if (!actor) return fail("unauthenticated");
  // A system posts for a resident it names; without one the request would be its issuer's own (decision 0020).
  if (!inPerson(actor) && input.ownerUserId === undefined) return fail("token_not_allowed");
  const now = deps.now();
  const ownerId = input.ownerUserId ?? actor.userId;
  const [owner] = await tx
    .select({ communityId: users.communityId, buildingId: users.buildingId, gridId: buildings.gridId })
    .from(users)
    .leftJoin(buildings, eq(buildings.id, users.buildingId))
    .where(eq(users.id, ownerId));
  if (!owner) return fail("not_found");
  if (!owner.communityId) return fail("wrong_community");
  const scope = owner.gridId ? await gridScope(tx, owner.gridId) : await communityScope(tx, owner.communityId);
  const proxy = ownerId !== actor.userId;
  // The grant that lets staff post for the resident names their role in the timeline.
  let postedAs: Role | null = null;
  if (proxy && origin?.pairedVisitor) postedAs = "volunteer";
  else if (proxy) {
    const allowed = authorize(actor, "request.manage", must(scope));
    if (!allowed.ok) return allowed;
    postedAs = allowed.grant.role;
  }
  const [row] = await tx
    .insert(requests)
    .values({
      communityId: owner.communityId,
      gridId: owner.gridId,
      buildingId: owner.buildingId,
      ownerUserId: ownerId,
      createdBy: proxy ? actor.userId : null,
      fromVisit: origin?.fromVisit ?? false,
      kind: input.kind,
      category: input.category,
      description: input.description,
      urgency: input.urgency,
      windowStart: input.window?.startsAt ?? null,
      windowEnd: input.window?.endsAt ?? null,
      status: "submitted",
      createdAt: now,
    })
    .returning({ id: requests.id });
  await tx.insert(requestEvents).values({
    requestId: must(row).id,
    action: "create",
    actorUserId: actor.userId,
    toStatus: "submitted",
    note: postedAs ? proxyNote(postedAs) : null,
    createdAt: now,
  });
  await tellStaff(
    tx,
    { id: must(row).id, communityId: owner.communityId, gridIds: scope?.gridIds ?? [], ...input },
    actor.userId,
    now,
  );
  if (postedAs)
    await tellOwner(tx, { id: must(row).id, ownerId, ...input }, { userId: actor.userId, role: postedAs }, now);
  if (proxy)
    await writeAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: "request.proxyCreate",
        entity: "request",
        entityId: must(row).id,
        scope: must(scope),
        after: { ownerUserId: ownerId, kind: input.kind, category: input.category },
      },
      { requestId, now },
    );
  return ok({ id: must(row).id, status: "submitted" as const });
}
