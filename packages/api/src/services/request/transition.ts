import { and, eq, isNull } from "drizzle-orm";
import {
  confirmPath,
  decideTransition,
  earnForRequest,
  fail,
  ok,
  parseHolderKey,
  requestPath,
  requestReaders,
  rolesFor,
  summaryOf,
  shanghaiDate,
  type RequestAction,
  type RequestCategory,
  type RequestRole,
  type RequestState,
  must,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import { partnerUnits, requestEvents, requestHolds, requests, teams, volunteers } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { notify } from "../notify";
import { earn, rulesOf } from "../points/earning";
import { claimKeyOf, loadRequest, rolesOf, type LoadedRequest } from "./load";
import { communitiesOfHolder, decideInCommunity } from "../belonging";
import { checkClaimLimits } from "./claim-limits";
import { withdrawQuickClaim } from "./quiet-release";
import { markWarningsStale } from "../warning/refresh";

export type TransitionRequestInput = {
  action: RequestAction;
  reason?: string | undefined;
  rating?: number | undefined;
  comment?: string | undefined;
  holderKey?: string | undefined;
};

const OPENS_HOLD: Partial<Record<RequestAction, "claimed" | "assigned">> = { claim: "claimed", assign: "assigned" };
const ENDS_HOLD: readonly RequestAction[] = ["declineAssignment", "release", "cancel", "confirm", "autoClose"];

/** Opens or closes the hold history with the change; the partial unique index keeps one open hold per request. */
async function recordHold(tx: Tx, requestId: number, action: RequestAction, holderKey: string | null, now: number) {
  if (ENDS_HOLD.includes(action))
    await tx
      .update(requestHolds)
      .set({ endedAt: now, endReason: action })
      .where(and(eq(requestHolds.requestId, requestId), isNull(requestHolds.endedAt)));
  const how = OPENS_HOLD[action];
  if (how && holderKey) await tx.insert(requestHolds).values({ requestId, holderKey, how, startedAt: now });
}

/** Which holder key a claim or an assignment names: a claimer acts as one of their own keys. */
function chooseHolder(action: RequestAction, input: TransitionRequestInput, holderKeys: string[]): string | undefined {
  if (action === "claim")
    return input.holderKey && holderKeys.includes(input.holderKey) ? input.holderKey : claimKeyOf(holderKeys);
  if (action === "assign") return input.holderKey;
  return undefined;
}

/** An assignee must be a volunteer with a profile, a live team or a live partner unit. */
async function holderExists(tx: Tx, key: string): Promise<boolean> {
  const holder = parseHolderKey(key);
  if (!holder) return false;
  const { kind, id } = holder;
  if (kind === "volunteer")
    return (await tx.select({ id: volunteers.userId }).from(volunteers).where(eq(volunteers.userId, id))).length === 1;
  if (kind === "team")
    return (
      (
        await tx
          .select({ id: teams.id })
          .from(teams)
          .where(and(eq(teams.id, id), isNull(teams.archivedAt)))
      ).length === 1
    );
  return (
    (
      await tx
        .select({ id: partnerUnits.id })
        .from(partnerUnits)
        .where(and(eq(partnerUnits.id, id), isNull(partnerUnits.archivedAt)))
    ).length === 1
  );
}

/** The people a change concerns, each told in their own role's words (core decides who); never the one who acted. */
async function tellPeople(
  tx: Tx,
  request: LoadedRequest["request"],
  newHolder: string | null,
  action: RequestAction,
  status: RequestState["status"],
  actorId: number | null,
  now: number,
  quiet = false,
) {
  const volunteerOf = (key: string | null) => (key?.startsWith("volunteer:") ? Number(key.split(":")[1]) : null);
  const readers = requestReaders(action, {
    ownerUserId: request.ownerUserId,
    oldHolderUserId: volunteerOf(request.holderKey),
    newHolderUserId: volunteerOf(newHolder),
    actorUserId: actorId,
    quiet,
  });
  const subject = {
    requestId: request.id,
    kind: request.kind,
    category: request.category as RequestCategory,
    summary: summaryOf(request.description),
    action,
    status,
  };
  for (const reader of readers)
    await notify(
      tx,
      [reader.userId],
      reader.kind,
      { ...subject, path: reader.kind === "request_confirm" ? confirmPath(request.id) : requestPath(request.id) },
      now,
    );
}

/** The volunteer who held a request the resident confirmed earns its points; teams and partner units earn none (points are personal). */
async function earnForConfirmed(tx: Tx, request: LoadedRequest["request"], rating: number, now: number) {
  if (!request.holderKey?.startsWith("volunteer:")) return;
  const rules = await rulesOf(tx, request.communityId);
  const category = request.category as RequestCategory;
  await earn(
    tx,
    {
      communityId: request.communityId,
      userId: Number(request.holderKey.split(":")[1]),
      cause: `request:${request.id}`,
      earnedOn: shanghaiDate(now),
      compute: (today) => earnForRequest(category, rating, rules, today),
    },
    now,
  );
}

export async function apply(
  call: Call,
  tx: Tx,
  loaded: LoadedRequest,
  input: TransitionRequestInput,
  now: number,
  asRole?: RequestRole,
) {
  const { request } = loaded;
  const { roles, holderKeys } = await rolesOf(tx, call.actor, loaded);
  const role = asRole ?? rolesFor(input.action).find((r) => roles.includes(r)) ?? roles[0] ?? "volunteer";
  const holderId = chooseHolder(input.action, input, holderKeys);
  if (input.action === "claim" && !holderId) return fail("not_volunteer");
  if (input.action === "assign" && !(holderId && (await holderExists(tx, holderId)))) return fail("not_found");
  if (holderId && (input.action === "claim" || input.action === "assign")) {
    const inScope = await decideInCommunity(
      tx,
      must(call.actor),
      `request.${input.action}`,
      request.communityId,
      await communitiesOfHolder(tx, holderId),
    );
    if (!inScope.ok) return inScope;
  }
  if (input.action === "claim") {
    const limited = await checkClaimLimits(tx, must(holderId), now);
    if (!limited.ok) return limited;
  }
  const state: RequestState = {
    status: request.status,
    level: request.level,
    holderId: request.holderKey,
    doneAt: request.doneAt,
    closedAt: request.closedAt,
    acceptedAt: request.acceptedAt,
  };
  const decided = decideTransition(
    state,
    { action: input.action, role, holderId, reason: input.reason, rating: input.rating },
    now,
  );
  if (!decided.ok) return decided;
  const { next } = decided;
  const changed = await tx
    .update(requests)
    .set({
      status: next.status,
      level: next.level ?? request.level,
      holderKey: next.holderId === undefined ? request.holderKey : next.holderId,
      doneAt: next.doneAt === undefined ? request.doneAt : next.doneAt,
      closedAt: next.closedAt === undefined ? request.closedAt : next.closedAt,
      acceptedAt: next.acceptedAt === undefined ? request.acceptedAt : next.acceptedAt,
      ...(next.closure
        ? { closure: next.closure }
        : input.action === "reopen"
          ? { closure: null, rating: null, ratingComment: null }
          : {}),
      ...(next.rating ? { rating: next.rating, ratingComment: input.comment ?? null } : {}),
      version: request.version + 1,
    })
    // The version read above: a concurrent change (another claim) makes this match nothing.
    .where(and(eq(requests.id, request.id), eq(requests.version, request.version)));
  if (changed.rowsAffected !== 1) return fail(input.action === "claim" ? "already_held" : "stale_version");
  const quiet = input.action === "release" && (await withdrawQuickClaim(tx, request, now));
  await recordHold(tx, request.id, input.action, next.holderId ?? null, now);
  const note = input.reason ?? input.comment ?? (next.holderId ? next.holderId : null);
  await tx.insert(requestEvents).values({
    requestId: request.id,
    action: input.action,
    actorUserId: call.actor?.userId ?? null,
    fromStatus: request.status,
    toStatus: next.status,
    note,
    createdAt: now,
  });
  if (input.action === "confirm" && next.rating) await earnForConfirmed(tx, request, next.rating, now);
  await markWarningsStale(tx, request.communityId);
  await tellPeople(
    tx,
    request,
    next.holderId ?? null,
    input.action,
    next.status,
    call.actor?.userId ?? null,
    now,
    quiet,
  );
  if (role === "staff" && call.actor) {
    const entry = {
      actorUserId: call.actor.userId,
      action: `request.${input.action}`,
      entity: "request",
      entityId: request.id,
      scope: loaded.scope,
      before: { status: request.status, holder: request.holderKey },
      after: { status: next.status, holder: next.holderId ?? request.holderKey, note },
    };
    await writeAudit(tx, entry, { requestId: call.requestId, now });
  }
  return ok({
    id: request.id,
    status: next.status,
    level: next.level ?? request.level,
    holderKey: next.holderId === undefined ? request.holderKey : next.holderId,
  });
}

/** Every move of the loop — accept, claim, assign, respond, start, complete, release, confirm, reopen, reject, escalate, cancel. */
export async function transitionRequest(call: Call, requestId: number, input: TransitionRequestInput) {
  if (!call.actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await loadRequest(tx, requestId);
    if (!loaded) return fail("not_found");
    return apply(call, tx, loaded, input, now);
  });
}
