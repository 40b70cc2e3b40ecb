import { and, eq, inArray, ne } from "drizzle-orm";
import { activityPath, decideCancel, decideFinish, decidePublish, ok, must } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { activities, shifts, signups } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { notifyEach } from "../notify";
import { loadForOrganiser } from "./load";

type Verb = "publish" | "cancel" | "finish";

/** draft → published → (cancelled | finished), decided by core, written with the audit entry. */
async function transition({ deps, actor, requestId }: Call, activityId: number, verb: Verb, reason?: string) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loaded = await loadForOrganiser(tx, actor, activityId);
    if (!loaded.ok) return loaded;
    const { activity } = loaded;
    const decided =
      verb === "publish"
        ? decidePublish(activity)
        : verb === "cancel"
          ? decideCancel(activity, now)
          : decideFinish(activity, now);
    if (!decided.ok) return decided;
    const stamp =
      verb === "publish"
        ? { publishedAt: now }
        : { endedAt: now, ...(verb === "cancel" ? { cancelReason: reason ?? null } : {}) };
    await tx
      .update(activities)
      .set({ status: decided.status, version: activity.version + 1, ...stamp })
      .where(eq(activities.id, activityId));
    if (verb === "cancel") await releaseSignups(tx, activityId, activity.title, reason ?? "", now);
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: `activity.${verb}`,
        entity: "activity",
        entityId: activityId,
        scope: activity.scope,
        before: { status: activity.status },
        after: { status: decided.status, ...(reason ? { reason } : {}) },
      },
      { requestId, now },
    );
    return ok({ id: activityId, status: decided.status });
  });
}

/** Everyone signed up is released and told why, with the time of their own (earliest) shift; the database triggers empty the shift counters. */
async function releaseSignups(tx: Tx, activityId: number, title: string, reason: string, now: number) {
  const ofActivity = inArray(
    signups.shiftId,
    tx.select({ id: shifts.id }).from(shifts).where(eq(shifts.activityId, activityId)),
  );
  const released = await tx
    .update(signups)
    .set({ status: "cancelled", cancelledAt: now })
    .where(and(ofActivity, ne(signups.status, "cancelled")))
    .returning({ userId: signups.userId, shiftId: signups.shiftId });
  const starts = new Map(
    (
      await tx
        .select({ id: shifts.id, startsAt: shifts.startsAt })
        .from(shifts)
        .where(eq(shifts.activityId, activityId))
    ).map((s) => [s.id, s.startsAt]),
  );
  const earliest = new Map<number, number>();
  for (const { userId, shiftId } of released)
    earliest.set(userId, Math.min(earliest.get(userId) ?? Infinity, starts.get(shiftId) ?? Infinity));
  const messages = [...earliest].map(([userId, startsAt]) => ({
    userId,
    payload: {
      activityId,
      title,
      reason,
      startsAt: Number.isFinite(startsAt) ? startsAt : null,
      path: activityPath(activityId),
    },
  }));
  await notifyEach(tx, "activity_cancelled", messages, now);
}

export const publishActivity = (call: Call, activityId: number) => transition(call, activityId, "publish");
export const cancelActivity = (call: Call, activityId: number, reason: string) =>
  transition(call, activityId, "cancel", reason);
export const finishActivity = (call: Call, activityId: number) => transition(call, activityId, "finish");
