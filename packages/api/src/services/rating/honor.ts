import { and, desc, eq, gte, inArray } from "drizzle-orm";
import { fail, isFullHonour, ok, publicName, starLevel, type StarSpec, must } from "@tongxin/core";
import type { Db } from "../../db/client";
import {
  communities,
  hourTotals,
  ratingAwards,
  ratingRevocations,
  ratingSchemes,
  users,
  volunteers,
} from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { toIso } from "../../time";
import { managedCycle, starsOf } from "./cycles";
import { loadSubject } from "./subjects";

/** 100 hours, the first star; the roll shows the 50 with most hours. */
const STAR_MINUTES_MIN = 6000;
const STAR_VOLUNTEERS_MAX = 50;

type AwardRow = {
  award: typeof ratingAwards.$inferSelect;
  scheme: typeof ratingSchemes.$inferSelect;
  revocation: typeof ratingRevocations.$inferSelect | null;
};

async function awardView(db: Db, r: AwardRow) {
  const stars = starsOf(r.scheme);
  const keys = JSON.parse(r.award.stars) as string[];
  const subject = await loadSubject(db, r.award.subjectKey);
  return {
    awardId: r.award.id,
    scheme: r.scheme.name,
    periodLabel: r.award.periodLabel,
    name: subject?.publicName ?? "",
    stars: keys.map((k) => stars.find((s: StarSpec) => s.key === k)?.name ?? k),
    full: isFullHonour(
      keys,
      stars.map((s) => s.key),
    ),
    publishedAt: toIso(r.award.publishedAt),
    revoked: r.revocation ? { reason: r.revocation.reason, at: toIso(r.revocation.revokedAt) } : null,
  };
}

const awardsQuery = (db: Db) =>
  db
    .select({ award: ratingAwards, scheme: ratingSchemes, revocation: ratingRevocations })
    .from(ratingAwards)
    .innerJoin(ratingSchemes, eq(ratingSchemes.id, ratingAwards.schemeId))
    .leftJoin(ratingRevocations, eq(ratingRevocations.awardId, ratingAwards.id));

/**
 * 光荣榜: per scheme, the awardees of the latest published period and the
 * earlier years; revocations stay listed with their reasons; 星级志愿者 from
 * confirmed hours. Names masked without consent. No sign-in.
 */
export async function honorRoll(call: Call, communityId: number) {
  const db = call.deps.database.db;
  const [community] = await db
    .select({ name: communities.name })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!community) return fail("not_found");
  const rows = await awardsQuery(db)
    .where(eq(ratingAwards.communityId, communityId))
    .orderBy(desc(ratingAwards.periodLabel), ratingAwards.id);
  const views = await Promise.all(rows.map((r) => awardView(db, r)));
  const schemes = [...new Map(rows.map((r) => [r.scheme.id, r.scheme.name])).entries()].map(([schemeId, name]) => {
    const mine = views.filter((_, i) => must(rows[i]).scheme.id === schemeId);
    const periods = [...new Set(mine.map((v) => v.periodLabel))];
    return {
      schemeId,
      name,
      periods: periods.map((periodLabel) => ({
        periodLabel,
        awardees: mine.filter((v) => v.periodLabel === periodLabel && !v.revoked),
      })),
      revoked: mine.filter((v) => v.revoked),
    };
  });
  const hours = await db
    .select({ name: users.name, consent: volunteers.publicNameConsent, minutes: hourTotals.minutes })
    .from(hourTotals)
    .innerJoin(users, eq(users.id, hourTotals.userId))
    .innerJoin(volunteers, eq(volunteers.userId, users.id))
    .where(and(eq(hourTotals.communityId, communityId), gte(hourTotals.minutes, STAR_MINUTES_MIN)))
    .orderBy(desc(hourTotals.minutes))
    .limit(STAR_VOLUNTEERS_MAX);
  const starVolunteers = hours.map((h) => ({
    name: publicName(h.name, h.consent),
    level: starLevel(Number(h.minutes)),
    hours: Math.floor(Number(h.minutes) / 60),
  }));
  return ok({ community: community.name, schemes, starVolunteers });
}

/** The awards of a person and of their household: their record and the badges on their profile. */
export async function awardsOfPerson(db: Db, userId: number) {
  const [me] = await db.select({ householdId: users.householdId }).from(users).where(eq(users.id, userId));
  const keys = [`user:${userId}`, ...(me?.householdId ? [`household:${me.householdId}`] : [])];
  const rows = await awardsQuery(db)
    .where(inArray(ratingAwards.subjectKey, keys))
    .orderBy(desc(ratingAwards.publishedAt));
  return Promise.all(
    rows.map(async (r) => ({ ...(await awardView(db, r)), household: r.award.subjectKey.startsWith("household:") })),
  );
}

export async function myAwards(call: Call) {
  if (!call.actor) return fail("unauthenticated");
  return ok({ items: await awardsOfPerson(call.deps.database.db, call.actor.userId) });
}

/** A published award is never changed: a revocation is its own public record, with the reason. Audited. */
export async function revokeAward(call: Call, awardId: number, reason: string) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [award] = await tx.select().from(ratingAwards).where(eq(ratingAwards.id, awardId));
    if (!award) return fail("not_found");
    const managed = await managedCycle(tx, call, award.cycleId);
    if (!managed.ok) return managed;
    const [already] = await tx.select().from(ratingRevocations).where(eq(ratingRevocations.awardId, awardId));
    if (already) return fail("already_revoked");
    await tx
      .insert(ratingRevocations)
      .values({ awardId, reason: reason.trim(), revokedBy: must(call.actor).userId, revokedAt: now });
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "rating.award.revoke",
        entity: "ratingAward",
        entityId: awardId,
        scope: managed.loaded.scope,
        after: { reason: reason.trim() },
      },
      { requestId: call.requestId, now },
    );
    return ok({ awardId, revoked: true });
  });
}
