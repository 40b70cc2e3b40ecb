import { and, asc, eq, inArray } from "drizzle-orm";
import {
  availableActions,
  contactView,
  fail,
  limitsOf,
  maskName,
  ok,
  overdue,
  proxyRoleOf,
  publicName,
  revealedFields,
  topicSource,
  type RequestAction,
  type ContactView,
  type RequestCategory,
  type RequestRole,
  must,
} from "@tongxin/core";
import type { Db } from "../../db/client";
import { buildings, households, requestEvents, users, volunteers } from "../../db/schema";
import { namesOf } from "../holders";
import type { Call } from "../call";
import { recordAccess } from "../access-log/record";
import { toIso } from "../../time";
import { claimKeyOf, loadRequest, rolesOf, type LoadedRequest } from "./load";
import { topicsRaisedFrom } from "../topic/load";

/** The owner as this reader may see them: core's contact view decides what is shown. */
async function ownerFor(db: Db, ownerUserId: number, view: ContactView) {
  const [owner] = await db
    .select({
      name: users.name,
      phone: users.phone,
      building: buildings.name,
      estate: buildings.estate,
      door: households.name,
    })
    .from(users)
    .leftJoin(buildings, eq(buildings.id, users.buildingId))
    .leftJoin(households, eq(households.id, users.householdId))
    .where(eq(users.id, ownerUserId));
  const building = must(owner).building ? `${must(owner).estate ?? ""} ${must(owner).building}`.trim() : null;
  return {
    name: view.fullName ? must(owner).name : maskName(must(owner).name),
    phone: view.phone ? must(owner).phone : null,
    address: view.address === "none" ? null : building,
    door: view.address === "door" ? must(owner).door : null,
  };
}

/** Staff see everyone's name; others see in full only themselves, the owner when entrusted with them, and volunteers who consented. */
async function timelineOf(
  db: Db,
  requestId: number,
  viewer: { userId: number; roles: RequestRole[]; ownerUserId: number; ownerInFull: boolean },
) {
  const events = await db
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.id));
  const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is number => id !== null))];
  const actors = actorIds.length
    ? await db
        .select({ id: users.id, name: users.name, consent: volunteers.publicNameConsent })
        .from(users)
        .leftJoin(volunteers, eq(volunteers.userId, users.id))
        .where(inArray(users.id, actorIds))
    : [];
  const shown = (id: number | null) => {
    const actor = actors.find((a) => a.id === id);
    if (!actor) return null;
    const full =
      viewer.roles.includes("staff") ||
      actor.id === viewer.userId ||
      (actor.id === viewer.ownerUserId && viewer.ownerInFull);
    return full ? actor.name : publicName(actor.name, actor.consent ?? false);
  };
  return events.map((e) => ({
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    note: INTERNAL_NOTES.includes(e.action) ? null : e.note,
    proxyRole: e.action === "create" ? proxyRoleOf(e.note) : null,
    actorName: shown(e.actorUserId),
    at: toIso(e.createdAt),
  }));
}

/** Notes these events keep for the system (the holder's key, the offer booked, who posted for the resident); the others are people's reasons and comments. */
const INTERNAL_NOTES: readonly string[] = ["create", "claim", "assign"];

/** The moves the page offers: a claim needs someone to hold it as (a volunteer profile or a team led), so staff without one are shown how to become a volunteer instead. */
function movesFor(request: LoadedRequest["request"], roles: RequestRole[], holderKeys: string[]) {
  const moves = availableActions(request.status, roles, request.holderKey !== null);
  const canHold = claimKeyOf(holderKeys) !== undefined;
  return {
    moves: canHold ? moves : moves.filter((m: RequestAction) => m !== "claim"),
    becomeVolunteer: !canHold && moves.includes("claim") && !roles.includes("owner"),
  };
}

/** Who posted it for the resident, by role (代发), as the create event noted it. */
async function proxyRoleFor(db: Db, requestId: number) {
  const [created] = await db
    .select({ note: requestEvents.note })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.action, "create")));
  return proxyRoleOf(created?.note ?? null) ?? "staff";
}

/** The holder's name: in full for staff and for the holder themself, else masked unless they consented. */
async function holderNameFor(db: Db, request: LoadedRequest["request"], roles: RequestRole[]) {
  const full = roles.includes("staff") || roles.includes("holder");
  return (await namesOf(db, [request.holderKey], { publicOnly: !full })).get(request.holderKey ?? "") ?? null;
}

/**
 * A request with its timeline. The owner, the holder and staff in scope see
 * it; the owner's contact details follow core's need-to-know view, and every
 * read of them by someone other than the owner is written to the access log.
 */
export async function requestDetail(call: Call, requestId: number) {
  const db = call.deps.database.db;
  const loaded = await loadRequest(db, requestId);
  if (!loaded) return fail("not_found");
  const { roles, holderKeys } = await rolesOf(db, call.actor, loaded);
  const sees = roles.includes("owner") || roles.includes("holder") || roles.includes("staff");
  if (!call.actor) return fail("unauthenticated");
  if (!sees) return fail("not_found");
  const { request } = loaded;
  const category = request.category as RequestCategory;
  const view = contactView(roles, category);
  const owner = await ownerFor(db, request.ownerUserId, view);
  const fields = revealedFields({
    ...view,
    phone: owner.phone !== null,
    address: owner.address === null ? "none" : view.address,
  });
  if (fields)
    await recordAccess(
      db,
      {
        communityId: request.communityId,
        actorUserId: call.actor.userId,
        subjectUserId: request.ownerUserId,
        fields,
        entity: "request",
        entityId: request.id,
      },
      call.deps.now(),
    );
  return ok({
    id: request.id,
    kind: request.kind,
    category: request.category,
    description: request.description,
    urgency: request.urgency,
    window:
      request.windowStart !== null && request.windowEnd !== null
        ? { startsAt: toIso(request.windowStart), endsAt: toIso(request.windowEnd) }
        : null,
    status: request.status,
    level: request.level,
    closure: request.closure,
    rating: request.rating,
    ratingComment: request.ratingComment,
    holderKey: request.holderKey,
    holderName: await holderNameFor(db, request, roles),
    overdue: overdue(request, limitsOf(category), call.deps.now()),
    owner,
    proxyRole: request.createdBy === null ? null : await proxyRoleFor(db, request.id),
    myRoles: roles,
    ...movesFor(request, roles, holderKeys),
    createdAt: toIso(request.createdAt),
    /** The topic staff raised from it (议题), if any. */
    topicId: (await topicsRaisedFrom(db, [topicSource("request", request.id)])).values().next().value ?? null,
    timeline: await timelineOf(db, requestId, {
      userId: call.actor.userId,
      roles,
      ownerUserId: request.ownerUserId,
      ownerInFull: view.fullName,
    }),
  });
}
