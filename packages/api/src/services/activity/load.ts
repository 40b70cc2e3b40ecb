import { count, eq, max } from "drizzle-orm";
import { authorize, canSee, fail, ok, type Actor, type ResourceScope } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { activities, communities, shifts } from "../../db/schema";
import { volunteerFacts } from "../signup/context";

/** An activity with the scope its organisers are authorised over (community, and team when it has one). */
export async function loadActivity(db: Db | Tx, activityId: number) {
  const [row] = await db
    .select({ activity: activities, streetId: communities.streetId })
    .from(activities)
    .innerJoin(communities, eq(communities.id, activities.communityId))
    .where(eq(activities.id, activityId));
  if (!row) return null;
  const [summary] = await db
    .select({ shiftCount: count(), lastShiftEndsAt: max(shifts.endsAt) })
    .from(shifts)
    .where(eq(shifts.activityId, activityId));
  const scope: ResourceScope = {
    streetId: row.streetId,
    communityId: row.activity.communityId,
    ...(row.activity.teamId ? { teamId: row.activity.teamId } : {}),
  };
  return {
    ...row.activity,
    scope,
    shiftCount: summary?.shiftCount ?? 0,
    lastShiftEndsAt: summary?.lastShiftEndsAt ?? null,
  };
}

type LoadedActivity = NonNullable<Awaited<ReturnType<typeof loadActivity>>>;

/**
 * The activity page's rule, for every answer about an activity: organisers and staff in scope see it in any
 * state; anyone else once it is published, and only if its visibility (team, Party members) admits them.
 */
export async function viewOf(db: Db | Tx, actor: Actor | null, activity: LoadedActivity) {
  const canOrganise = authorize(actor, "activity.organise", activity.scope).ok;
  const isStaff = authorize(actor, "volunteer.read", activity.scope).ok;
  if (canOrganise || isStaff) return { canOrganise, isStaff, visible: true };
  const facts = actor ? await volunteerFacts(db, actor.userId) : null;
  return { canOrganise, isStaff, visible: activity.status !== "draft" && canSee(activity, facts) };
}

/** Loads the activity and checks the actor organises it. */
export async function loadForOrganiser(tx: Tx, actor: Actor | null, activityId: number) {
  const activity = await loadActivity(tx, activityId);
  if (!activity) return fail("not_found");
  const allowed = authorize(actor, "activity.organise", activity.scope);
  if (!allowed.ok) return allowed;
  return ok({ activity });
}

/** Loads a shift with its activity, checking the actor organises it. */
export async function loadShiftForOrganiser(tx: Tx, actor: Actor | null, shiftId: number) {
  const [shift] = await tx.select().from(shifts).where(eq(shifts.id, shiftId));
  if (!shift) return fail("not_found");
  const loaded = await loadForOrganiser(tx, actor, shift.activityId);
  return loaded.ok ? ok({ shift, activity: loaded.activity }) : loaded;
}
