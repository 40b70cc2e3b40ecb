import { and, desc, eq, sql } from "drizzle-orm";
import { authorize, CARE_VISIT_SERVICE_TITLE, fail, ok, starLevel } from "@tongxin/core";
import { activities, serviceHours, users } from "../../db/schema";
import type { Call } from "../call";
import { communityScope } from "../scope";
import { toIso } from "../../time";
import { awardsOfPerson } from "../rating/honor";

/** 志愿服务记录: every confirmed entry (voided ones shown as such), totals per year and overall, the star level and published honours. */
export async function volunteerRecord({ deps, actor }: Call, userId: number) {
  const db = deps.database.db;
  if (!actor) return fail("unauthenticated");
  const [user] = await db
    .select({ id: users.id, name: users.name, communityId: users.communityId })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return fail("not_found");
  if (actor.userId !== userId) {
    const scope = user.communityId ? await communityScope(db, user.communityId) : null;
    if (!scope) return fail("forbidden");
    const allowed = authorize(actor, "volunteer.read", scope);
    if (!allowed.ok) return allowed;
  }
  const rows = await db
    .select({ entry: serviceHours, title: sql<string>`coalesce(${activities.title}, ${CARE_VISIT_SERVICE_TITLE})` })
    .from(serviceHours)
    .leftJoin(activities, eq(activities.id, serviceHours.activityId))
    .where(and(eq(serviceHours.userId, userId)))
    .orderBy(desc(serviceHours.serviceDate), desc(serviceHours.id));
  const live = rows.filter((r) => r.entry.voidedAt === null);
  const totalMinutes = live.reduce((sum, r) => sum + r.entry.minutes, 0);
  const years = new Map<string, number>();
  for (const r of live)
    years.set(r.entry.serviceDate.slice(0, 4), (years.get(r.entry.serviceDate.slice(0, 4)) ?? 0) + r.entry.minutes);
  return ok({
    volunteer: { id: user.id, name: user.name },
    totalMinutes,
    totalHours: Math.round((totalMinutes / 60) * 10) / 10,
    starLevel: starLevel(totalMinutes),
    // Published honours (五星党员, 五星家庭…) are part of the record, revoked ones marked.
    awards: await awardsOfPerson(db, userId),
    years: [...years].map(([year, minutes]) => ({ year: Number(year), minutes })).sort((a, b) => b.year - a.year),
    entries: rows.map(({ entry, title }) => ({
      id: entry.id,
      activityId: entry.activityId,
      title,
      serviceDate: entry.serviceDate,
      minutes: entry.minutes,
      correctionReason: entry.correctionReason,
      confirmedAt: toIso(entry.confirmedAt),
      voidedAt: toIso(entry.voidedAt),
      voidReason: entry.voidReason,
    })),
  });
}
