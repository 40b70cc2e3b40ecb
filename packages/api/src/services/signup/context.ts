import { and, eq, gt, lt, ne } from "drizzle-orm";
import type { SignupContext } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { activities, shiftSkills, shifts, signups, teamMembers, volunteerSkills, volunteers } from "../../db/schema";

type Reader = Db | Tx;

/** What the sign-up rules need to know about a volunteer (null without a profile). */
export async function volunteerFacts(db: Reader, userId: number): Promise<SignupContext["volunteer"]> {
  const [profile] = await db
    .select({ partyStatus: volunteers.partyStatus })
    .from(volunteers)
    .where(eq(volunteers.userId, userId));
  if (!profile) return null;
  const skillRows = await db
    .select({ id: volunteerSkills.skillId })
    .from(volunteerSkills)
    .where(eq(volunteerSkills.userId, userId));
  const teamRows = await db
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.status, "active")));
  return { partyStatus: profile.partyStatus, skillIds: skillRows.map((r) => r.id), teamIds: teamRows.map((r) => r.id) };
}

export async function shiftWithActivity(db: Reader, shiftId: number) {
  const [row] = await db
    .select({
      shift: shifts,
      activity: {
        id: activities.id,
        title: activities.title,
        status: activities.status,
        visibility: activities.visibility,
        teamId: activities.teamId,
      },
    })
    .from(shifts)
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .where(eq(shifts.id, shiftId));
  if (!row) return null;
  const required = await db
    .select({ id: shiftSkills.skillId })
    .from(shiftSkills)
    .where(eq(shiftSkills.shiftId, shiftId));
  return { ...row, requiredSkillIds: required.map((r) => r.id) };
}

/** Whether the user holds a confirmed place on another shift that overlaps this time range. */
export async function overlapsConfirmed(
  db: Reader,
  userId: number,
  range: { id: number; startsAt: number; endsAt: number },
): Promise<boolean> {
  const [clash] = await db
    .select({ id: signups.id })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .where(
      and(
        eq(signups.userId, userId),
        eq(signups.status, "confirmed"),
        ne(shifts.id, range.id),
        lt(shifts.startsAt, range.endsAt),
        gt(shifts.endsAt, range.startsAt),
      ),
    )
    .limit(1);
  return clash !== undefined;
}

export async function liveSignup(db: Reader, shiftId: number, userId: number) {
  const [row] = await db
    .select()
    .from(signups)
    .where(and(eq(signups.shiftId, shiftId), eq(signups.userId, userId), ne(signups.status, "cancelled")));
  return row ?? null;
}
