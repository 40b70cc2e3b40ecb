import { and, asc, count, eq, exists, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { authorize, ok, suitability, type ActivityCategory, type Actor, must } from "@tongxin/core";
import type { Db } from "../../db/client";
import { activities, activityGrids, shiftSkills, shifts, teams } from "../../db/schema";
import type { Call } from "../call";
import { afterTimeCursor, encodeTimeCursor, limitOf, type PageInput } from "../page";
import { communityScope } from "../scope";
import { volunteerFacts } from "../signup/context";
import { loadProfile } from "../volunteer/profile";
import { toIso } from "../../time";

export type ListActivitiesInput = PageInput & {
  communityId: number;
  from?: number | undefined;
  to?: number | undefined;
  category?: ActivityCategory | undefined;
  skillId?: number | undefined;
};

/** Staff and organisers of the community see every visibility; others what core's visibility rule allows. */
async function visibilityClause(db: Db, actor: Actor | null, communityId: number): Promise<SQL | undefined> {
  const scope = await communityScope(db, communityId);
  if (scope && authorize(actor, "volunteer.read", scope).ok) return undefined;
  const facts = actor ? await volunteerFacts(db, actor.userId) : null;
  const clauses = [eq(activities.visibility, "public")];
  if (facts?.teamIds.length)
    clauses.push(must(and(eq(activities.visibility, "team"), inArray(activities.teamId, facts.teamIds))));
  if (facts?.partyStatus) clauses.push(eq(activities.visibility, "party"));
  return or(...clauses);
}

/**
 * Upcoming published activities of a community, soonest first, with places left
 * and — for a volunteer — why one suits them. The scan walks shifts in start
 * order (index on community and start) and keeps a shift only when it is its
 * activity's next one, so it stops after one page whatever the community's size.
 */
export async function listActivities({ deps, actor }: Call, input: ListActivitiesInput) {
  const db = deps.database.db;
  const limit = limitOf(input);
  const after = afterTimeCursor(shifts.startsAt, shifts.id, input.cursor);
  if (!after.ok) return after;
  const from = input.from ?? deps.now();
  // The cursor is the (next shift start, shift id) of the last item: the list's stable order.
  const next = alias(shifts, "next");
  const nextShiftId = db
    .select({ id: next.id })
    .from(next)
    .where(and(eq(next.activityId, shifts.activityId), gte(next.startsAt, from)))
    .orderBy(asc(next.startsAt), asc(next.id))
    .limit(1);
  const rows = await db
    .select({
      id: activities.id,
      title: activities.title,
      category: activities.category,
      place: activities.place,
      visibility: activities.visibility,
      teamId: activities.teamId,
      teamName: teams.name,
      nextStart: shifts.startsAt,
      shiftId: shifts.id,
    })
    .from(shifts)
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .leftJoin(teams, eq(teams.id, activities.teamId))
    .where(
      and(
        eq(shifts.communityId, input.communityId),
        gte(shifts.startsAt, from),
        input.to ? lt(shifts.startsAt, input.to) : undefined,
        eq(shifts.id, sql`(${nextShiftId})`),
        eq(activities.status, "published"),
        await visibilityClause(db, actor, input.communityId),
        input.category ? eq(activities.category, input.category) : undefined,
        input.skillId
          ? exists(
              db
                .select({ one: sql`1` })
                .from(shiftSkills)
                .innerJoin(next, eq(next.id, shiftSkills.shiftId))
                .where(and(eq(next.activityId, activities.id), eq(shiftSkills.skillId, input.skillId))),
            )
          : undefined,
        after.where,
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const ids = page.map((r) => r.id);
  const totals = ids.length
    ? await db
        .select({
          activityId: shifts.activityId,
          placesLeft: sql<number>`sum(${shifts.capacity} - ${shifts.taken})`,
          shiftCount: count(),
        })
        .from(shifts)
        .where(and(inArray(shifts.activityId, ids), gte(shifts.startsAt, from)))
        .groupBy(shifts.activityId)
    : [];
  const reasons = actor
    ? await suitabilityFor(db, actor.userId, ids, from)
    : new Map<number, ReturnType<typeof suitability>>();
  return ok({
    items: page.map(({ shiftId: _, ...r }) => {
      const total = totals.find((t) => t.activityId === r.id);
      return {
        ...r,
        nextStart: toIso(r.nextStart),
        placesLeft: Number(total?.placesLeft ?? 0),
        shiftCount: total?.shiftCount ?? 0,
        suitability: reasons.get(r.id) ?? null,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeTimeCursor(last.nextStart, last.shiftId) : null,
  });
}

/** Scores the page's activities against the volunteer's skills, weekly availability and home grid. */
async function suitabilityFor(db: Db, userId: number, activityIds: number[], from: number) {
  const scores = new Map<number, ReturnType<typeof suitability>>();
  const profile = activityIds.length ? await loadProfile(db, userId) : null;
  if (!profile) return scores;
  const shiftRows = await db
    .select({ id: shifts.id, activityId: shifts.activityId, startsAt: shifts.startsAt, endsAt: shifts.endsAt })
    .from(shifts)
    .where(and(inArray(shifts.activityId, activityIds), gte(shifts.startsAt, from)));
  const skillRows = shiftRows.length
    ? await db
        .select()
        .from(shiftSkills)
        .where(
          inArray(
            shiftSkills.shiftId,
            shiftRows.map((s) => s.id),
          ),
        )
    : [];
  const gridRows = await db.select().from(activityGrids).where(inArray(activityGrids.activityId, activityIds));
  const volunteer = {
    skillIds: profile.skills.map((s) => s.id),
    windows: profile.availability,
    homeGridId: profile.homeGridId,
  };
  for (const id of activityIds) {
    const activityShifts = shiftRows
      .filter((s) => s.activityId === id)
      .map((s) => ({ ...s, requiredSkillIds: skillRows.filter((k) => k.shiftId === s.id).map((k) => k.skillId) }));
    scores.set(
      id,
      suitability(
        { shifts: activityShifts, targetGridIds: gridRows.filter((g) => g.activityId === id).map((g) => g.gridId) },
        volunteer,
      ),
    );
  }
  return scores;
}
