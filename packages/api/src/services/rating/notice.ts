import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import {
  decideAnswer,
  decideObjection,
  fail,
  noticeEndsAt,
  ok,
  type ObjectionOutcome,
  type StarSpec,
  must,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import {
  communities,
  ratingCycles,
  ratingDecisions,
  ratingNominations,
  ratingObjections,
  ratingSchemes,
  roleGrants,
} from "../../db/schema";
import { notify } from "../notify";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { markWarningsStale } from "../warning/refresh";
import { toIso } from "../../time";
import { loadCycle, managedCycle, starsOf } from "./cycles";
import { loadSubject, type Subject } from "./subjects";

/**
 * The committee of the community hears of an objection (to answer it) and the
 * nominee that there is one (to expect the answer) — never who objected nor
 * what they wrote. The objector is not told of their own objection.
 */
async function tellOfObjection(
  tx: Tx,
  cycle: { id: number; communityId: number; title: string; nominationId: number },
  subject: Subject | null,
  objectorId: number,
  now: number,
) {
  const committee = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.role, "committeeMember"),
        eq(roleGrants.scopeKind, "community"),
        eq(roleGrants.scopeId, cycle.communityId),
        isNull(roleGrants.revokedAt),
      ),
    );
  const members = [...new Set(committee.map((c) => c.userId))].filter((id) => id !== objectorId);
  await notify(
    tx,
    members,
    "rating_objection",
    {
      cycleId: cycle.id,
      nominationId: cycle.nominationId,
      cycleTitle: cycle.title,
      entryName: subject?.name ?? "",
      path: `/ratings/cycles/${cycle.id}`,
    },
    now,
  );
  const nominees = (subject?.userIds ?? []).filter((id) => id !== objectorId && !members.includes(id));
  await notify(
    tx,
    nominees,
    "rating_objection_nominee",
    { cycleId: cycle.id, cycleTitle: cycle.title, path: `/notices/${cycle.communityId}` },
    now,
  );
}

/** Anyone signed in may object to an entry on a notice, once, with a reason; the objector is never published. A unique key keeps a race to one. */
export async function object(call: Call, nominationId: number, reason: string) {
  if (!call.actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ nomination: ratingNominations, decision: ratingDecisions })
      .from(ratingNominations)
      .leftJoin(ratingDecisions, eq(ratingDecisions.nominationId, ratingNominations.id))
      .where(eq(ratingNominations.id, nominationId));
    if (!row) return fail("not_found");
    const loaded = must(await loadCycle(tx, row.nomination.cycleId));
    const onNotice = Boolean(row.decision && row.decision.stars !== "[]");
    const [earlier] = await tx
      .select({ id: ratingObjections.id })
      .from(ratingObjections)
      .where(
        and(
          eq(ratingObjections.nominationId, nominationId),
          eq(ratingObjections.objectorUserId, must(call.actor).userId),
        ),
      );
    const subject = await loadSubject(tx, row.nomination.subjectKey);
    const ownEntry = subject?.userIds.includes(must(call.actor).userId) ?? false;
    const decided = decideObjection({
      status: loaded.cycle.status,
      onNotice,
      entryNoticeEndsAt: row.decision?.noticeEndsAt ?? null,
      now,
      ownEntry,
      alreadyObjected: earlier !== undefined,
    });
    if (!decided.ok) return decided;
    const [saved] = await tx
      .insert(ratingObjections)
      .values({
        nominationId,
        cycleId: loaded.cycle.id,
        objectorUserId: must(call.actor).userId,
        reason: reason.trim(),
        createdAt: now,
      })
      .returning({ id: ratingObjections.id });
    await tellOfObjection(tx, { ...loaded.cycle, nominationId }, subject, must(call.actor).userId, now);
    return ok({ id: must(saved).id });
  });
}

/**
 * The committee answers an objection, in public: dismissed, or upheld by
 * removing the entry or changing its stars; a change that adds a star restarts
 * that entry's notice. Audited.
 */
export async function answer(
  call: Call,
  objectionId: number,
  input: { answer: string; outcome: ObjectionOutcome; stars?: string[] | undefined },
) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [objection] = await tx.select().from(ratingObjections).where(eq(ratingObjections.id, objectionId));
    if (!objection) return fail("not_found");
    const managed = await managedCycle(tx, call, objection.cycleId);
    if (!managed.ok) return managed;
    const { cycle, stars, scope } = managed.loaded;
    const [decision] = await tx
      .select()
      .from(ratingDecisions)
      .where(eq(ratingDecisions.nominationId, objection.nominationId));
    const current = decision ? (JSON.parse(decision.stars) as string[]) : [];
    const decided = decideAnswer({
      answered: objection.answer !== null,
      status: cycle.status,
      outcome: input.outcome,
      current,
      proposed: input.stars ?? null,
      starKeys: stars.map((s) => s.key),
    });
    if (!decided.ok) return decided;
    await tx
      .update(ratingObjections)
      .set({
        answer: input.answer.trim(),
        outcome: input.outcome,
        answeredBy: must(call.actor).userId,
        answeredAt: now,
      })
      .where(eq(ratingObjections.id, objectionId));
    if (input.outcome !== "dismissed") {
      await tx
        .update(ratingDecisions)
        .set({
          stars: JSON.stringify(decided.stars),
          reason: `${decision?.reason ?? ""}（异议处理：${input.answer.trim()}）`,
          ...(decided.restartNotice ? { noticeEndsAt: noticeEndsAt(now, cycle.noticeWorkingDays) } : {}),
        })
        .where(eq(ratingDecisions.nominationId, objection.nominationId));
    }
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "rating.objection.answer",
        entity: "ratingObjection",
        entityId: objectionId,
        scope,
        before: { stars: current },
        after: { outcome: input.outcome, stars: decided.stars, restartNotice: decided.restartNotice },
      },
      { requestId: call.requestId, now },
    );
    await markWarningsStale(tx, cycle.communityId);
    return ok({
      id: objectionId,
      outcome: input.outcome,
      stars: decided.stars,
      noticeRestarted: decided.restartNotice,
    });
  });
}

const starNames = (stars: StarSpec[], keys: string[]) => keys.map((k) => stars.find((s) => s.key === k)?.name ?? k);

type NoticeEntry = { nominationId: number; name: string; stars: string[]; noticeEndsAt: string | null };

/**
 * 公示: the community's cycles in public notice — entries with masked names and
 * their notice ends, and the committee's answers (never who objected, nor what
 * they wrote) — with the community's name and 监督电话. No sign-in.
 */
export async function publicNotices(call: Call, communityId: number) {
  const db = call.deps.database.db;
  const cycles = await db
    .select({ cycle: ratingCycles, scheme: ratingSchemes })
    .from(ratingCycles)
    .innerJoin(ratingSchemes, eq(ratingSchemes.id, ratingCycles.schemeId))
    .where(and(eq(ratingCycles.communityId, communityId), eq(ratingCycles.status, "notice")))
    .orderBy(asc(ratingCycles.id));
  const items = [];
  for (const { cycle, scheme } of cycles) {
    const stars = starsOf(scheme);
    const rows = await db
      .select({ nomination: ratingNominations, decision: ratingDecisions })
      .from(ratingNominations)
      .innerJoin(ratingDecisions, eq(ratingDecisions.nominationId, ratingNominations.id))
      .where(eq(ratingNominations.cycleId, cycle.id))
      .orderBy(asc(ratingNominations.id));
    const names = new Map<number, string>();
    for (const { nomination } of rows)
      names.set(nomination.id, (await loadSubject(db, nomination.subjectKey))?.publicName ?? "");
    const onNotice = rows.filter((r) => r.decision.stars !== "[]");
    const entries: NoticeEntry[] = onNotice.map(({ nomination, decision }) => ({
      nominationId: nomination.id,
      name: names.get(nomination.id) ?? "",
      stars: starNames(stars, JSON.parse(decision.stars) as string[]),
      noticeEndsAt: toIso(decision.noticeEndsAt),
    }));
    const answered = await db
      .select({
        nominationId: ratingObjections.nominationId,
        answer: ratingObjections.answer,
        outcome: ratingObjections.outcome,
        answeredAt: ratingObjections.answeredAt,
      })
      .from(ratingObjections)
      .where(and(eq(ratingObjections.cycleId, cycle.id), isNotNull(ratingObjections.answer)))
      .orderBy(asc(ratingObjections.id));
    const endsAt = onNotice.reduce((max, r) => Math.max(max, r.decision.noticeEndsAt ?? 0), 0);
    items.push({
      cycleId: cycle.id,
      title: `${cycle.title}公示`,
      scheme: scheme.name,
      periodLabel: cycle.periodLabel,
      noticeStartedAt: toIso(cycle.noticeStartedAt),
      noticeEndsAt: toIso(endsAt || null),
      workingDays: cycle.noticeWorkingDays,
      entries,
      answers: answered.map((a) => ({
        entry: names.get(a.nominationId) ?? "",
        answer: a.answer,
        outcome: a.outcome,
        answeredAt: toIso(a.answeredAt),
      })),
    });
  }
  const [community] = await db
    .select({ name: communities.name, supervisionPhone: communities.supervisionPhone })
    .from(communities)
    .where(eq(communities.id, communityId));
  return ok({ community: community ?? null, items });
}
