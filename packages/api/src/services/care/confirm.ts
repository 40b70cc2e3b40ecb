import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import {
  authorize,
  decideVisitConfirm,
  earnForHours,
  fail,
  grantsFor,
  ok,
  VISIT_MINUTES_DEFAULT,
  type Actor,
  must,
  listDenial,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import { careVisits, grids, serviceHours, users } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { recordCareAccesses } from "../access-log/record";
import { minutesOn } from "../hours/confirm";
import { earn, rulesOf } from "../points/earning";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { communityScope, gridSubtree } from "../scope";
import { markWarningsStale } from "../warning/refresh";
import { loadHousehold } from "./load";

/** The grids whose visits the actor confirms in the community: all for its staff, their grids' subtrees for a grid worker. */
async function confirmableGrids(tx: Tx, actor: Actor, communityId: number): Promise<number[] | "all"> {
  const grants = grantsFor(actor, "care.manage");
  if (grants.some((g) => g.scopeKind === "community" && g.scopeId === communityId)) return "all";
  const own = await tx
    .select({ id: grids.id })
    .from(grids)
    .where(
      and(
        eq(grids.communityId, communityId),
        inArray(
          grids.id,
          grants
            .filter((g) => g.scopeKind === "grid")
            .map((g) => g.scopeId)
            .concat(-1),
        ),
      ),
    );
  return (await Promise.all(own.map((g) => gridSubtree(tx, g.id)))).flat();
}

/** Volunteers' visits waiting for confirmation as service, oldest first, in the actor's grids of the community. */
export async function listUnconfirmed({ deps, actor }: Call, communityId: number, input: PageInput) {
  const db = deps.database.db;
  return db.transaction(async (tx) => {
    const scope = await communityScope(tx, communityId);
    if (!scope) return fail("not_found");
    if (!actor) return fail("unauthenticated");
    const grids = await confirmableGrids(tx, actor, communityId);
    if (grids !== "all" && grids.length === 0) return fail(listDenial(actor, "care.manage"));
    const cursor = decodeCursor(input.cursor);
    if (!cursor.ok) return cursor;
    const limit = limitOf(input);
    const rows = await tx
      .select({
        id: careVisits.id,
        householdId: careVisits.householdId,
        visitedOn: careVisits.visitedOn,
        mode: careVisits.mode,
        visitorUserId: careVisits.visitorUserId,
        visitorName: users.name,
      })
      .from(careVisits)
      .innerJoin(users, eq(users.id, careVisits.visitorUserId))
      .where(
        and(
          eq(careVisits.communityId, communityId),
          // Literal, so the partial index (by_volunteer = 1 and confirmed_at is null) serves it.
          sql`${careVisits.byVolunteer} = 1`,
          isNull(careVisits.confirmedAt),
          grids === "all" ? undefined : inArray(careVisits.gridId, grids),
          cursor.after ? gt(careVisits.id, cursor.after) : undefined,
        ),
      )
      .orderBy(asc(careVisits.id))
      .limit(limit + 1);
    const page = toPage(rows, limit);
    // Each visit names its household: the list is a read of their care, logged as one (decision 0016).
    await recordCareAccesses(
      tx,
      [...new Set(page.items.map((v) => v.householdId))].map((householdId) => ({
        communityId,
        actorUserId: actor.userId,
        subjectHouseholdId: householdId,
        entity: "care" as const,
      })),
      deps.now(),
    );
    return ok(page);
  });
}

/**
 * The grid's worker confirms a volunteer's visit as service: hours in the service record (named by the visit), points
 * by the community's earning rules, evidence for 帮扶星 / 关爱星 — as a shift's confirmed hours, once.
 */
export async function confirmVisit(
  { deps, actor, requestId }: Call,
  visitId: number,
  input: { minutes?: number | undefined; reason?: string | undefined },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [visit] = await tx.select().from(careVisits).where(eq(careVisits.id, visitId));
    if (!visit) return fail("not_found");
    const household = await loadHousehold(tx, visit.householdId);
    if (!household) return fail("not_found");
    const allowed = authorize(actor, "care.manage", household.scope);
    if (!allowed.ok) return allowed;
    const decided = decideVisitConfirm({
      visit,
      actorUserId: must(actor).userId,
      minutes: input.minutes,
      reason: input.reason,
      confirmedMinutesThatDay: await minutesOn(tx, visit.visitorUserId, visit.visitedOn),
    });
    if (!decided.ok) return decided;
    const [hours] = await tx
      .insert(serviceHours)
      .values({
        visitId,
        userId: visit.visitorUserId,
        serviceDate: visit.visitedOn,
        minutes: decided.minutes,
        defaultMinutes: VISIT_MINUTES_DEFAULT[visit.mode],
        correctionReason: input.reason?.trim() || null,
        confirmedBy: must(actor).userId,
        confirmedAt: now,
      })
      .returning({ id: serviceHours.id });
    const hoursId = must(hours).id;
    await tx
      .update(careVisits)
      .set({
        confirmedAt: now,
        confirmedBy: must(actor).userId,
        hoursMinutes: decided.minutes,
        hoursReason: input.reason?.trim() || null,
      })
      .where(eq(careVisits.id, visitId));
    const rules = await rulesOf(tx, household.communityId);
    await earn(
      tx,
      {
        communityId: household.communityId,
        userId: visit.visitorUserId,
        cause: `hours:${hoursId}`,
        earnedOn: visit.visitedOn,
        compute: (today) => earnForHours(decided.minutes, rules, today),
      },
      now,
    );
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "care.confirmVisit",
        entity: "careVisit",
        entityId: visitId,
        scope: household.scope,
        after: { hoursId, minutes: decided.minutes, reason: input.reason ?? null },
      },
      { requestId, now },
    );
    await markWarningsStale(tx, household.communityId);
    return ok({ hoursId, minutes: decided.minutes, capped: decided.capped });
  });
}
