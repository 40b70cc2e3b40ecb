import { and, desc, eq, inArray, isNull, like, or } from "drizzle-orm";
import { decideNomination, fail, ok, type NominationRoute, must } from "@tongxin/core";
import {
  households,
  partnerUnits,
  ratingCycles,
  ratingEvidencePhotos,
  ratingNominations,
  ratingSchemes,
  users,
  volunteers,
} from "../../db/schema";
import type { Call } from "../call";
import { toIso } from "../../time";
import { loadCycle } from "./cycles";
import { fitsScheme, gatherEvidence, loadSubject, routesFor } from "./subjects";

export type NominationInput = {
  subjectKey: string;
  route: NominationRoute;
  statements: Record<string, string>;
  evidenceText: string;
};

/**
 * A candidate enters by self-application or nomination (grid worker, team
 * leader, Party branch, committee). Tongxin's own evidence for the period is
 * gathered now and kept with the nomination, beside what the nominator wrote.
 */
export async function nominate(call: Call, cycleId: number, input: NominationInput) {
  const { actor } = call;
  if (!actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await loadCycle(tx, cycleId);
    if (!loaded) return fail("not_found");
    const subject = await loadSubject(tx, input.subjectKey);
    if (
      !subject ||
      subject.communityId !== loaded.cycle.communityId ||
      !(await fitsScheme(tx, subject, loaded.scheme.subjectKind))
    )
      return fail("not_eligible");
    const [already] = await tx
      .select({ id: ratingNominations.id })
      .from(ratingNominations)
      .where(and(eq(ratingNominations.cycleId, cycleId), eq(ratingNominations.subjectKey, subject.key)));
    const decided = decideNomination({
      status: loaded.cycle.status,
      now,
      nominationEndsAt: loaded.cycle.nominationEndsAt,
      route: input.route,
      allowedRoutes: await routesFor(tx, actor, subject),
      starKeys: loaded.stars.map((s) => s.key),
      statements: input.statements,
      alreadyNominated: Boolean(already),
    });
    if (!decided.ok) return decided;
    const evidence = await gatherEvidence(tx, subject, loaded.cycle.periodStart, loaded.cycle.periodEnd);
    const [row] = await tx
      .insert(ratingNominations)
      .values({
        cycleId,
        subjectKey: subject.key,
        route: input.route,
        nominatorUserId: actor.userId,
        statements: JSON.stringify(decided.statements),
        evidenceText: input.evidenceText.trim(),
        evidenceAuto: JSON.stringify(evidence),
        createdAt: now,
      })
      .returning({ id: ratingNominations.id });
    return ok({ id: must(row).id, subject: subject.name, evidence });
  });
}

const PHOTOS_PER_NOMINATION_MAX = 6;

/** A photo of evidence, added by whoever made the nomination while nominations are open. */
export async function addPhoto(call: Call, nominationId: number, photo: string) {
  if (!call.actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ nomination: ratingNominations, status: ratingCycles.status })
      .from(ratingNominations)
      .innerJoin(ratingCycles, eq(ratingCycles.id, ratingNominations.cycleId))
      .where(eq(ratingNominations.id, nominationId));
    if (!row) return fail("not_found");
    if (row.nomination.nominatorUserId !== must(call.actor).userId) return fail("forbidden");
    if (row.status !== "nominating") return fail("nominations_closed");
    const existing = await tx
      .select({ id: ratingEvidencePhotos.id })
      .from(ratingEvidencePhotos)
      .where(eq(ratingEvidencePhotos.nominationId, nominationId));
    if (existing.length >= PHOTOS_PER_NOMINATION_MAX) return fail("too_many_photos");
    const [saved] = await tx
      .insert(ratingEvidencePhotos)
      .values({ nominationId, photo, createdBy: must(call.actor).userId, createdAt: now })
      .returning({ id: ratingEvidencePhotos.id });
    return ok({ id: must(saved).id });
  });
}

/** Whom this person could put forward in a cycle (name search), each with the routes open to them, and the scheme's stars with their criteria. */
export async function candidatesFor(call: Call, cycleId: number, q: string) {
  const { actor } = call;
  if (!actor) return fail("unauthenticated");
  const db = call.deps.database.db;
  const loaded = await loadCycle(db, cycleId);
  if (!loaded) return fail("not_found");
  const communityId = loaded.cycle.communityId;
  const pattern = `%${q.trim()}%`;
  let keys: string[];
  if (loaded.scheme.subjectKind === "household") {
    const rows = await db
      .selectDistinct({ id: users.householdId })
      .from(users)
      .innerJoin(households, eq(households.id, users.householdId))
      .where(
        and(
          eq(users.communityId, communityId),
          isNull(households.archivedAt),
          or(eq(users.id, actor.userId), like(users.name, pattern)),
        ),
      )
      .limit(20);
    keys = rows.map((r) => `household:${r.id}`);
  } else if (loaded.scheme.subjectKind === "partnerUnit") {
    keys = (
      await db
        .select({ id: partnerUnits.id })
        .from(partnerUnits)
        .where(and(eq(partnerUnits.communityId, communityId), like(partnerUnits.name, pattern)))
        .limit(20)
    ).map((r) => `partner:${r.id}`);
  } else {
    keys = (
      await db
        .select({ id: users.id })
        .from(users)
        .innerJoin(volunteers, eq(volunteers.userId, users.id))
        .where(and(eq(users.communityId, communityId), or(eq(users.id, actor.userId), like(users.name, pattern))))
        .limit(20)
    ).map((r) => `user:${r.id}`);
  }
  const items = [];
  for (const key of keys) {
    const subject = await loadSubject(db, key);
    if (!subject || !(await fitsScheme(db, subject, loaded.scheme.subjectKind))) continue;
    const routes = await routesFor(db, actor, subject);
    if (routes.length > 0) items.push({ key, name: subject.name, routes });
  }
  return ok({
    cycle: { title: loaded.cycle.title, status: loaded.cycle.status },
    scheme: { name: loaded.scheme.name, stars: loaded.stars },
    items,
  });
}

/** My applications and the nominations I made, with where each stands. */
export async function myNominations(call: Call) {
  const { actor } = call;
  if (!actor) return fail("unauthenticated");
  const db = call.deps.database.db;
  const [me] = await db.select({ householdId: users.householdId }).from(users).where(eq(users.id, actor.userId));
  const mine = [`user:${actor.userId}`, ...(me?.householdId ? [`household:${me.householdId}`] : [])];
  const rows = await db
    .select({ nomination: ratingNominations, cycle: ratingCycles, scheme: ratingSchemes.name })
    .from(ratingNominations)
    .innerJoin(ratingCycles, eq(ratingCycles.id, ratingNominations.cycleId))
    .innerJoin(ratingSchemes, eq(ratingSchemes.id, ratingCycles.schemeId))
    .where(or(eq(ratingNominations.nominatorUserId, actor.userId), inArray(ratingNominations.subjectKey, mine)))
    .orderBy(desc(ratingNominations.id))
    .limit(50);
  const items = [];
  for (const r of rows) {
    const subject = await loadSubject(db, r.nomination.subjectKey);
    items.push({
      id: r.nomination.id,
      cycleId: r.cycle.id,
      title: r.cycle.title,
      scheme: r.scheme,
      status: r.cycle.status,
      subject: subject?.name ?? "",
      route: r.nomination.route,
      createdAt: toIso(r.nomination.createdAt),
    });
  }
  return ok({ items });
}
