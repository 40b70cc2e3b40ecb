import { and, eq, inArray, isNull } from "drizzle-orm";
import {
  authorize,
  fail,
  ok,
  planShifts,
  type ActivityCategory,
  type ShiftInput,
  type Visibility,
  must,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import { activities, activityGrids, grids, shiftSkills, shifts, skills, teams } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { communityScope, teamScope } from "../scope";
import { toIso } from "../../time";

export type CreateActivityInput = {
  communityId: number;
  teamId: number | null;
  title: string;
  description: string;
  category: ActivityCategory;
  place: string;
  visibility: Visibility;
  targetGridIds: number[];
  shifts: (ShiftInput & { waitlistEnabled: boolean })[];
  repeatWeeks: number;
};

/** Target grids must be live grids of the community; required skills must exist. */
async function checkReferences(tx: Tx, input: CreateActivityInput) {
  if (input.teamId !== null) {
    const [team] = await tx
      .select({ communityId: teams.communityId })
      .from(teams)
      .where(and(eq(teams.id, input.teamId), isNull(teams.archivedAt)));
    if (!team) return fail("not_found");
    if (team.communityId !== input.communityId) return fail("wrong_community");
  } else if (input.visibility === "team") {
    return fail("team_required");
  }
  const gridIds = [...new Set(input.targetGridIds)];
  if (gridIds.length) {
    const found = await tx
      .select({ id: grids.id })
      .from(grids)
      .where(and(inArray(grids.id, gridIds), eq(grids.communityId, input.communityId), isNull(grids.archivedAt)));
    if (found.length !== gridIds.length) return fail("wrong_community");
  }
  const skillIds = [...new Set(input.shifts.flatMap((s) => s.requiredSkillIds))];
  const found = skillIds.length
    ? await tx.select({ id: skills.id }).from(skills).where(inArray(skills.id, skillIds))
    : [];
  if (found.length !== skillIds.length) return fail("not_found");
  return ok({ gridIds });
}

/** A draft activity with its shifts (repeated weekly when asked); published separately. */
export async function createActivity({ deps, actor, requestId }: Call, input: CreateActivityInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const scope =
      input.teamId === null ? await communityScope(tx, input.communityId) : await teamScope(tx, input.teamId);
    if (!scope) return fail("not_found");
    const allowed = authorize(actor, "activity.organise", { ...scope, communityId: input.communityId });
    if (!allowed.ok) return allowed;
    const refs = await checkReferences(tx, input);
    if (!refs.ok) return refs;
    const planned = planShifts(input.shifts, input.repeatWeeks, now);
    if (!planned.ok) return planned;
    const { shifts: _, targetGridIds: __, repeatWeeks: ___, ...fields } = input;
    const [activity] = await tx
      .insert(activities)
      .values({ ...fields, organiserUserId: must(actor).userId, status: "draft", createdAt: now })
      .returning({ id: activities.id });
    const activityId = must(activity).id;
    if (refs.gridIds.length)
      await tx.insert(activityGrids).values(refs.gridIds.map((gridId) => ({ activityId, gridId })));
    const created = [];
    for (const plan of planned.shifts) {
      const [row] = await tx
        .insert(shifts)
        .values({
          activityId,
          communityId: input.communityId,
          startsAt: plan.startsAt,
          endsAt: plan.endsAt,
          capacity: plan.capacity,
          waitlistEnabled: plan.waitlistEnabled,
          signupDeadline: plan.signupDeadline,
          cancelDeadline: plan.cancelDeadline,
        })
        .returning({ id: shifts.id });
      if (plan.requiredSkillIds.length)
        await tx
          .insert(shiftSkills)
          .values([...new Set(plan.requiredSkillIds)].map((skillId) => ({ shiftId: must(row).id, skillId })));
      created.push({
        id: must(row).id,
        startsAt: toIso(plan.startsAt),
        endsAt: toIso(plan.endsAt),
        capacity: plan.capacity,
      });
    }
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "activity.create",
        entity: "activity",
        entityId: activityId,
        scope,
        after: { title: input.title, shifts: created.length },
      },
      { requestId, now },
    );
    return ok({ id: activityId, status: "draft" as const, shifts: created });
  });
}
