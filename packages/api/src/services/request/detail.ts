import { asc, eq, inArray } from "drizzle-orm";
import { availableActions, fail, limitsOf, maskName, ok, overdue, type RequestCategory } from "@tongxin/core";
import { buildings, requestEvents, users } from "../../db/schema";
import { namesOf } from "../holders";
import type { Call } from "../call";
import { toIso } from "../../time";
import { loadRequest, rolesOf } from "./load";


/**
 * A request with its timeline. The owner, the holder and staff in scope see
 * it; contact data (phone, door) only the holder and staff, who need to come round.
 */
export async function requestDetail(call: Call, requestId: number) {
  const db = call.deps.database.db;
  const loaded = await loadRequest(db, requestId);
  if (!loaded) return fail("not_found");
  const { roles } = await rolesOf(db, call.actor, loaded);
  const sees = roles.includes("owner") || roles.includes("holder") || roles.includes("staff");
  if (!call.actor) return fail("unauthenticated");
  if (!sees) return fail("not_found");
  const { request } = loaded;
  const [owner] = await db.select({ name: users.name, phone: users.phone, building: buildings.name, estate: buildings.estate }).from(users).leftJoin(buildings, eq(buildings.id, users.buildingId)).where(eq(users.id, request.ownerUserId));
  const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId)).orderBy(asc(requestEvents.id));
  const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is number => id !== null))];
  const actors = actorIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)) : [];
  const contact = roles.includes("holder") || roles.includes("staff");
  return ok({
    id: request.id,
    kind: request.kind,
    category: request.category,
    description: request.description,
    urgency: request.urgency,
    window: request.windowStart !== null && request.windowEnd !== null ? { startsAt: toIso(request.windowStart), endsAt: toIso(request.windowEnd) } : null,
    status: request.status,
    level: request.level,
    closure: request.closure,
    rating: request.rating,
    ratingComment: request.ratingComment,
    holderKey: request.holderKey,
    holderName: (await namesOf(db, [request.holderKey])).get(request.holderKey ?? "") ?? null,
    overdue: overdue(request, limitsOf(request.category as RequestCategory), call.deps.now()),
    owner: { name: contact || roles.includes("owner") ? owner!.name : maskName(owner!.name), phone: contact ? owner!.phone : null, address: contact && owner!.building ? `${owner!.estate ?? ""} ${owner!.building}`.trim() : null },
    proxy: request.createdBy !== null,
    myRoles: roles,
    moves: availableActions(request.status, roles, request.holderKey !== null),
    createdAt: toIso(request.createdAt),
    timeline: events.map((e) => ({ action: e.action, from: e.fromStatus, to: e.toStatus, note: e.note, actorName: actors.find((a) => a.id === e.actorUserId)?.name ?? null, at: toIso(e.createdAt) })),
  });
}
