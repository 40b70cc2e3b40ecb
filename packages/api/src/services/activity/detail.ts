import { and, asc, count, eq, inArray, ne } from "drizzle-orm";
import { fail, ok } from "@tongxin/core";
import { activityGrids, grids, shiftSkills, shifts, signups, skills, teams } from "../../db/schema";
import type { Call } from "../call";
import { waitlistPosition } from "../signup/sign-up";
import { toIso } from "../../time";
import { loadActivity, viewOf } from "./load";
import { peopleNames } from "../people";

/** An activity page: shifts with places left, waitlist length, and the caller's own place. Hidden from those who may not see it. */
export async function activityDetail({ deps, actor }: Call, activityId: number) {
  const db = deps.database.db;
  const activity = await loadActivity(db, activityId);
  if (!activity) return fail("not_found");
  const { canOrganise, isStaff, visible } = await viewOf(db, actor, activity);
  if (!visible) return fail("not_found");
  const shiftRows = await db
    .select()
    .from(shifts)
    .where(eq(shifts.activityId, activityId))
    .orderBy(asc(shifts.startsAt));
  const ids = shiftRows.map((s) => s.id);
  const required = ids.length
    ? await db
        .select({ shiftId: shiftSkills.shiftId, id: skills.id, name: skills.name })
        .from(shiftSkills)
        .innerJoin(skills, eq(skills.id, shiftSkills.skillId))
        .where(inArray(shiftSkills.shiftId, ids))
    : [];
  const waiting = ids.length
    ? await db
        .select({ shiftId: signups.shiftId, n: count() })
        .from(signups)
        .where(and(inArray(signups.shiftId, ids), eq(signups.status, "waitlisted")))
        .groupBy(signups.shiftId)
    : [];
  const mine =
    actor && ids.length
      ? await db
          .select()
          .from(signups)
          .where(and(inArray(signups.shiftId, ids), eq(signups.userId, actor.userId), ne(signups.status, "cancelled")))
      : [];
  const positions = new Map<number, number>();
  for (const m of mine.filter((s) => s.status === "waitlisted"))
    positions.set(m.shiftId, await waitlistPosition(db, m.shiftId, m.id));
  const [team] = activity.teamId
    ? await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, activity.teamId))
    : [];
  const organiser = await peopleNames(db, [activity.organiserUserId], canOrganise || isStaff);
  const targetGrids = await db
    .select({ id: grids.id, name: grids.name })
    .from(activityGrids)
    .innerJoin(grids, eq(grids.id, activityGrids.gridId))
    .where(eq(activityGrids.activityId, activityId));
  return ok({
    id: activity.id,
    communityId: activity.communityId,
    title: activity.title,
    description: activity.description,
    category: activity.category,
    place: activity.place,
    visibility: activity.visibility,
    status: activity.status,
    cancelReason: activity.cancelReason,
    team: team ?? null,
    organiserName: organiser.get(activity.organiserUserId) ?? "",
    targetGrids,
    canOrganise,
    shifts: shiftRows.map((s) => {
      const my = mine.find((m) => m.shiftId === s.id);
      return {
        id: s.id,
        startsAt: toIso(s.startsAt),
        endsAt: toIso(s.endsAt),
        capacity: s.capacity,
        taken: s.taken,
        placesLeft: s.capacity - s.taken,
        waitlistEnabled: s.waitlistEnabled,
        waitlistCount: waiting.find((w) => w.shiftId === s.id)?.n ?? 0,
        signupDeadline: toIso(s.signupDeadline),
        cancelDeadline: toIso(s.cancelDeadline),
        requiredSkills: required.filter((r) => r.shiftId === s.id).map(({ id, name }) => ({ id, name })),
        mine: my ? { status: my.status, position: positions.get(s.id) ?? null, attendance: my.attendance } : null,
      };
    }),
  });
}
