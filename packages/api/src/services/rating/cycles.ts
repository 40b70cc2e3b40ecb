import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import {
  DECISION_RULES,
  NOTICE_DAYS_DEFAULT,
  authorize,
  checkCyclePlan,
  checkScheme,
  decideCycleTransition,
  decisionHolds,
  fail,
  noticeEndsAt,
  ok,
  type CycleAction,
  type DecisionRule,
  type StarSpec,
  type SubjectKind,
  must,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import {
  communities,
  ratingAwards,
  ratingCycles,
  ratingDecisions,
  ratingNominations,
  ratingObjections,
  ratingSchemes,
} from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { authorizeInCommunity, communityScope } from "../scope";
import { toIso } from "../../time";
import { reviewsOf, type Review } from "./standing";

type Reader = Db | Tx;
export type SchemeRow = typeof ratingSchemes.$inferSelect;
export const starsOf = (scheme: SchemeRow): StarSpec[] => JSON.parse(scheme.stars) as StarSpec[];
const schemeView = (s: SchemeRow) => ({
  id: s.id,
  name: s.name,
  subjectKind: s.subjectKind,
  builtIn: s.communityId === null,
  stars: starsOf(s),
});

/** Built-in schemes and the community's own. */
export async function listSchemes(call: Call, communityId: number) {
  if (!call.actor) return fail("unauthenticated");
  const rows = await call.deps.database.db
    .select()
    .from(ratingSchemes)
    .where(or(isNull(ratingSchemes.communityId), eq(ratingSchemes.communityId, communityId)))
    .orderBy(ratingSchemes.id);
  return ok({ items: rows.map(schemeView) });
}

/** Community staff add their own honour (服务之星…) with its stars. Audited. */
export async function createScheme(
  call: Call,
  communityId: number,
  input: { name: string; subjectKind: SubjectKind; stars: StarSpec[] },
) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const allowed = await authorizeInCommunity(tx, call.actor, "rating.scheme", communityId);
    if (!allowed.ok) return allowed;
    const { scope } = allowed;
    const checked = checkScheme(input);
    if (!checked.ok) return checked;
    const [row] = await tx
      .insert(ratingSchemes)
      .values({
        communityId,
        name: input.name.trim(),
        subjectKind: input.subjectKind,
        stars: JSON.stringify(checked.stars),
        createdBy: must(call.actor).userId,
        createdAt: now,
      })
      .returning();
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "rating.scheme.create",
        entity: "ratingScheme",
        entityId: must(row).id,
        scope,
        after: { name: must(row).name, stars: checked.stars.map((s) => s.name) },
      },
      { requestId: call.requestId, now },
    );
    return ok(schemeView(must(row)));
  });
}

export async function loadCycle(db: Reader, cycleId: number) {
  const [row] = await db
    .select({ cycle: ratingCycles, scheme: ratingSchemes })
    .from(ratingCycles)
    .innerJoin(ratingSchemes, eq(ratingSchemes.id, ratingCycles.schemeId))
    .where(eq(ratingCycles.id, cycleId));
  if (!row) return null;
  const scope = must(await communityScope(db, row.cycle.communityId));
  return { ...row, stars: starsOf(row.scheme), scope };
}
export type LoadedCycle = NonNullable<Awaited<ReturnType<typeof loadCycle>>>;

/** Loads a cycle the actor runs (committee, community staff, street admin). */
export async function managedCycle(db: Reader, call: Call, cycleId: number) {
  const loaded = await loadCycle(db, cycleId);
  if (!loaded) return fail("not_found");
  const allowed = authorize(call.actor, "rating.manage", loaded.scope);
  return allowed.ok ? ok({ loaded }) : allowed;
}

export type CycleInput = {
  schemeId: number;
  periodLabel: string;
  nominationEndsAt: number;
  reviewEndsAt: number;
  noticeWorkingDays?: number | undefined;
  publishOn?: number | undefined;
  decisionRule?: DecisionRule | undefined;
};

/** A committee opens the paperwork for a scheme and a period: the windows, the notice length in working days, the decision rule. */
export async function createCycle(call: Call, communityId: number, input: CycleInput) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const allowed = await authorizeInCommunity(tx, call.actor, "rating.manage", communityId);
    if (!allowed.ok) return allowed;
    const { scope } = allowed;
    const [scheme] = await tx
      .select()
      .from(ratingSchemes)
      .where(
        and(
          eq(ratingSchemes.id, input.schemeId),
          or(isNull(ratingSchemes.communityId), eq(ratingSchemes.communityId, communityId)),
        ),
      );
    if (!scheme) return fail("not_found");
    const plan = {
      periodLabel: input.periodLabel,
      nominationEndsAt: input.nominationEndsAt,
      reviewEndsAt: input.reviewEndsAt,
      noticeWorkingDays: input.noticeWorkingDays ?? NOTICE_DAYS_DEFAULT,
      publishOn: input.publishOn ?? null,
    };
    const checked = checkCyclePlan(plan, now);
    if (!checked.ok) return checked;
    const [community] = await tx
      .select({ name: communities.name })
      .from(communities)
      .where(eq(communities.id, communityId));
    const title = `${community?.name ?? ""}${input.periodLabel.replace("-Q", "年第")}${input.periodLabel.includes("-Q") ? "季度" : "年度"}${scheme.name}评选`;
    const [row] = await tx
      .insert(ratingCycles)
      .values({
        schemeId: scheme.id,
        communityId,
        title,
        ...plan,
        periodStart: checked.periodStart,
        periodEnd: checked.periodEnd,
        decisionRule: input.decisionRule ?? DECISION_RULES[0],
        status: "draft",
        createdBy: must(call.actor).userId,
        createdAt: now,
      })
      .returning();
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "rating.cycle.create",
        entity: "ratingCycle",
        entityId: must(row).id,
        scope,
        after: { title, ...plan },
      },
      { requestId: call.requestId, now },
    );
    return ok({ id: must(row).id, title, status: must(row).status });
  });
}

/** Candidates without a decision that follows the vote, and entries proposed for the notice. */
export function factsFrom(reviews: Map<number, Review>, decisions: readonly { nominationId: number; stars: string }[]) {
  const decided = new Map(decisions.map((d) => [d.nominationId, JSON.parse(d.stars) as string[]]));
  const undecided = [...reviews].filter(([id, review]) => !decisionHolds(review, decided.get(id) ?? null)).length;
  return { undecided, entries: [...decided.values()].filter((stars) => stars.length > 0).length };
}

/** What the state machine needs to know about a cycle's candidates, entries and objections. */
async function factsOf(tx: Tx, loaded: LoadedCycle) {
  const cycleId = loaded.cycle.id;
  const { reviews } = await reviewsOf(
    tx,
    loaded.cycle,
    loaded.stars.map((s) => s.key),
  );
  const decisions = await tx
    .select({
      nominationId: ratingDecisions.nominationId,
      stars: ratingDecisions.stars,
      noticeEndsAt: ratingDecisions.noticeEndsAt,
    })
    .from(ratingDecisions)
    .innerJoin(ratingNominations, eq(ratingNominations.id, ratingDecisions.nominationId))
    .where(eq(ratingNominations.cycleId, cycleId));
  const ends = decisions.filter((d) => d.stars !== "[]" && d.noticeEndsAt !== null).map((d) => must(d.noticeEndsAt));
  const [open] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(ratingObjections)
    .where(and(eq(ratingObjections.cycleId, cycleId), isNull(ratingObjections.answer)));
  return {
    ...factsFrom(reviews, decisions),
    noticeEndsAt: ends.length ? Math.max(...ends) : null,
    openObjections: Number(open?.n ?? 0),
  };
}

/**
 * Moves a cycle on. Starting the notice fixes each entry's notice end (working
 * days); publishing turns every entry into an immutable award. Audited.
 */
export async function transitionCycle(call: Call, cycleId: number, action: CycleAction) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const managed = await managedCycle(tx, call, cycleId);
    if (!managed.ok) return managed;
    const { cycle, scope } = managed.loaded;
    const decided = decideCycleTransition(
      cycle.status,
      action,
      { ...(await factsOf(tx, managed.loaded)), publishOn: cycle.publishOn },
      now,
    );
    if (!decided.ok) return decided;
    const changed = await tx
      .update(ratingCycles)
      .set({
        status: decided.status,
        version: cycle.version + 1,
        ...(action === "startNotice" ? { noticeStartedAt: now } : {}),
        ...(action === "publish" ? { publishedAt: now } : {}),
      })
      .where(and(eq(ratingCycles.id, cycleId), eq(ratingCycles.version, cycle.version)));
    if (changed.rowsAffected !== 1) return fail("stale_version");
    if (action === "startNotice")
      await tx
        .update(ratingDecisions)
        .set({ noticeEndsAt: noticeEndsAt(now, cycle.noticeWorkingDays) })
        .where(sql`${ratingDecisions.nominationId} in (select id from rating_nominations where cycle_id = ${cycleId})`);
    if (action === "publish") await publishAwards(tx, managed.loaded, now);
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: `rating.cycle.${action}`,
        entity: "ratingCycle",
        entityId: cycleId,
        scope,
        before: { status: cycle.status },
        after: { status: decided.status },
      },
      { requestId: call.requestId, now },
    );
    return ok({ id: cycleId, status: decided.status });
  });
}

async function publishAwards(tx: Tx, loaded: LoadedCycle, now: number) {
  const entries = await tx
    .select({ nomination: ratingNominations, stars: ratingDecisions.stars })
    .from(ratingNominations)
    .innerJoin(ratingDecisions, eq(ratingDecisions.nominationId, ratingNominations.id))
    .where(and(eq(ratingNominations.cycleId, loaded.cycle.id), sql`${ratingDecisions.stars} <> '[]'`));
  if (entries.length === 0) return;
  await tx.insert(ratingAwards).values(
    entries.map((e) => ({
      cycleId: loaded.cycle.id,
      nominationId: e.nomination.id,
      schemeId: loaded.scheme.id,
      communityId: loaded.cycle.communityId,
      subjectKey: e.nomination.subjectKey,
      stars: e.stars,
      starCount: (JSON.parse(e.stars) as string[]).length,
      periodLabel: loaded.cycle.periodLabel,
      publishedAt: now,
    })),
  );
}

/** A community's cycles, newest first. */
export async function listCycles(call: Call, communityId: number) {
  if (!call.actor) return fail("unauthenticated");
  const rows = await call.deps.database.db
    .select({ cycle: ratingCycles, scheme: ratingSchemes.name })
    .from(ratingCycles)
    .innerJoin(ratingSchemes, eq(ratingSchemes.id, ratingCycles.schemeId))
    .where(eq(ratingCycles.communityId, communityId))
    .orderBy(desc(ratingCycles.id));
  return ok({
    items: rows.map(({ cycle, scheme }) => ({
      id: cycle.id,
      title: cycle.title,
      scheme,
      periodLabel: cycle.periodLabel,
      status: cycle.status,
      nominationEndsAt: toIso(cycle.nominationEndsAt),
      reviewEndsAt: toIso(cycle.reviewEndsAt),
      publishOn: toIso(cycle.publishOn),
    })),
  });
}
