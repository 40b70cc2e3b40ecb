import { and, eq, inArray, isNull, sum } from "drizzle-orm";
import { decideConfirm, earnForHours, fail, ok, shanghaiDate, must } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { serviceHours, signups } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { loadShiftForOrganiser } from "../activity/load";
import { earn, rulesOf } from "../points/earning";
import { markWarningsStale } from "../warning/refresh";

export type ConfirmEntry = { userId: number; minutes?: number | undefined; reason?: string | undefined };
type Outcome =
  | { userId: number; ok: true; hoursId: number; minutes: number; capped: boolean }
  | { userId: number; ok: false; reason: string };

/** Confirmed, unvoided minutes of the person on the day: the 12-hours-a-day cap counts shifts and care visits alike. */
export async function minutesOn(tx: Tx, userId: number, serviceDate: string): Promise<number> {
  const [row] = await tx
    .select({ total: sum(serviceHours.minutes) })
    .from(serviceHours)
    .where(
      and(eq(serviceHours.userId, userId), eq(serviceHours.serviceDate, serviceDate), isNull(serviceHours.voidedAt)),
    );
  return Number(row?.total ?? 0);
}

/**
 * Bulk confirmation after the shift: each present volunteer gets the default
 * (checked-in time, capped by the shift and by 12 hours a day) or a corrected
 * figure with a reason, and earns its points (paid from the community fund, or waiting for it).
 * Each entry answers on its own; one refusal does not block the rest.
 */
export async function confirmHours({ deps, actor, requestId }: Call, shiftId: number, entries: ConfirmEntry[]) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loaded = await loadShiftForOrganiser(tx, actor, shiftId);
    if (!loaded.ok) return loaded;
    const { shift, activity } = loaded;
    if (now < shift.endsAt) return fail("shift_not_over");
    const serviceDate = shanghaiDate(shift.startsAt);
    const rows = await tx
      .select()
      .from(signups)
      .where(
        and(
          eq(signups.shiftId, shiftId),
          eq(signups.status, "confirmed"),
          inArray(
            signups.userId,
            entries.map((e) => e.userId),
          ),
        ),
      );
    const confirmed = await tx
      .select({ signupId: serviceHours.signupId })
      .from(serviceHours)
      .where(and(eq(serviceHours.shiftId, shiftId), isNull(serviceHours.voidedAt)));
    const outcomes: Outcome[] = [];
    for (const entry of entries) {
      const signup = rows.find((r) => r.userId === entry.userId);
      if (!signup) {
        outcomes.push({ userId: entry.userId, ok: false, reason: "not_signed_up" });
        continue;
      }
      const decided = decideConfirm({
        record: signup,
        shift,
        alreadyConfirmed: confirmed.some((c) => c.signupId === signup.id),
        confirmedMinutesThatDay: await minutesOn(tx, entry.userId, serviceDate),
        minutes: entry.minutes,
        reason: entry.reason,
        actorUserId: must(actor).userId,
        volunteerUserId: entry.userId,
      });
      if (!decided.ok) {
        outcomes.push({ userId: entry.userId, ok: false, reason: decided.reason });
        continue;
      }
      const [row] = await tx
        .insert(serviceHours)
        .values({
          signupId: signup.id,
          userId: entry.userId,
          shiftId,
          activityId: activity.id,
          teamId: activity.teamId,
          serviceDate,
          minutes: decided.minutes,
          defaultMinutes: decided.defaultMinutes,
          correctionReason: entry.reason?.trim() || null,
          confirmedBy: must(actor).userId,
          confirmedAt: now,
        })
        .returning({ id: serviceHours.id });
      await writeAudit(
        tx,
        {
          actorUserId: must(actor).userId,
          action: "hours.confirm",
          entity: "serviceHours",
          entityId: must(row).id,
          scope: activity.scope,
          after: {
            userId: entry.userId,
            minutes: decided.minutes,
            defaultMinutes: decided.defaultMinutes,
            reason: entry.reason ?? null,
          },
        },
        { requestId, now },
      );
      const rules = await rulesOf(tx, activity.communityId);
      await earn(
        tx,
        {
          communityId: activity.communityId,
          userId: entry.userId,
          cause: `hours:${must(row).id}`,
          earnedOn: serviceDate,
          compute: (today) => earnForHours(decided.minutes, rules, today),
        },
        now,
      );
      confirmed.push({ signupId: signup.id }); // a repeated entry in the same request is "already confirmed"
      outcomes.push({
        userId: entry.userId,
        ok: true,
        hoursId: must(row).id,
        minutes: decided.minutes,
        capped: decided.capped,
      });
    }
    if (outcomes.some((o) => o.ok)) await markWarningsStale(tx, activity.communityId);
    return ok({ outcomes });
  });
}
