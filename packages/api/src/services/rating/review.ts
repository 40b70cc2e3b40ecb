import { asc, eq, inArray } from "drizzle-orm";
import {
  authorize,
  cycleActions,
  decideDecision,
  decideVote,
  decisionHolds,
  fail,
  meetsRule,
  ok,
  type Evidence,
  must,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import {
  ratingConflicts,
  ratingDecisions,
  ratingEvidencePhotos,
  ratingNominations,
  ratingObjections,
  ratingVotes,
  users,
} from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { toIso } from "../../time";
import { factsFrom, loadCycle, managedCycle } from "./cycles";
import { reviewsOf } from "./standing";
import { committeeOf, isOwnSubject, loadSubject } from "./subjects";

async function nominationWithCycle(tx: Tx, nominationId: number) {
  const [nomination] = await tx.select().from(ratingNominations).where(eq(ratingNominations.id, nominationId));
  if (!nomination) return null;
  const loaded = await loadCycle(tx, nomination.cycleId);
  return loaded && { nomination, loaded };
}

export type VoteInput = { starKey: string; award: boolean; comment: string };

/** A committee member scores each star of a candidate (awarded or not, with a comment); changeable until the review ends. Audited. */
export async function vote(call: Call, nominationId: number, votes: VoteInput[]) {
  const { actor } = call;
  if (!actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const found = await nominationWithCycle(tx, nominationId);
    if (!found) return fail("not_found");
    const { nomination, loaded } = found;
    const subject = await loadSubject(tx, nomination.subjectKey);
    const isMember =
      authorize(actor, "rating.vote", loaded.scope).ok &&
      (await committeeOf(tx, loaded.cycle.communityId)).includes(actor.userId);
    const decided = decideVote({
      status: loaded.cycle.status,
      isMember,
      ownSubject: subject ? await isOwnSubject(tx, actor.userId, subject) : false,
      starKeys: loaded.stars.map((s) => s.key),
      votedStars: votes.map((v) => v.starKey),
    });
    if (!decided.ok) return decided.reason === "not_committee" ? fail("forbidden") : decided;
    for (const v of votes) {
      const row = {
        nominationId,
        starKey: v.starKey,
        memberUserId: actor.userId,
        award: v.award,
        comment: v.comment.trim(),
        updatedAt: now,
      };
      await tx
        .insert(ratingVotes)
        .values(row)
        .onConflictDoUpdate({
          target: [ratingVotes.nominationId, ratingVotes.starKey, ratingVotes.memberUserId],
          set: { award: row.award, comment: row.comment, updatedAt: now },
        });
    }
    await writeAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: "rating.vote",
        entity: "ratingNomination",
        entityId: nominationId,
        scope: loaded.scope,
        after: { votes: votes.map((v) => ({ star: v.starKey, award: v.award })) },
      },
      { requestId: call.requestId, now },
    );
    return ok({ nominationId, votes: votes.length });
  });
}

/** A member declares a conflict of interest: their votes on this candidate no longer count. */
export async function declareConflict(call: Call, nominationId: number, reason: string) {
  const { actor } = call;
  if (!actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const found = await nominationWithCycle(tx, nominationId);
    if (!found) return fail("not_found");
    if (!(await committeeOf(tx, found.loaded.cycle.communityId)).includes(actor.userId)) return fail("forbidden");
    await tx
      .insert(ratingConflicts)
      .values({ nominationId, memberUserId: actor.userId, reason: reason.trim(), createdAt: now })
      .onConflictDoNothing();
    await writeAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: "rating.conflict",
        entity: "ratingNomination",
        entityId: nominationId,
        scope: found.loaded.scope,
        after: { reason: reason.trim() },
      },
      { requestId: call.requestId, now },
    );
    return ok({ nominationId, excluded: true });
  });
}

/**
 * The committee records its decision on a candidate — the stars and why — once
 * it has scored the candidate by the cycle's rule, and only with stars the vote
 * carried; before the notice only. Audited.
 */
export async function decide(call: Call, nominationId: number, input: { stars: string[]; reason: string }) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [nomination] = await tx.select().from(ratingNominations).where(eq(ratingNominations.id, nominationId));
    if (!nomination) return fail("not_found");
    const managed = await managedCycle(tx, call, nomination.cycleId);
    if (!managed.ok) return managed;
    const { cycle, stars, scope } = managed.loaded;
    const starKeys = stars.map((s) => s.key);
    const review = must((await reviewsOf(tx, cycle, starKeys)).reviews.get(nominationId));
    const decided = decideDecision({ status: cycle.status, standing: review, proposed: input.stars, starKeys });
    if (!decided.ok) return decided;
    const row = {
      stars: JSON.stringify(decided.stars),
      reason: input.reason.trim(),
      decidedBy: must(call.actor).userId,
      decidedAt: now,
    };
    await tx
      .insert(ratingDecisions)
      .values({ nominationId, ...row })
      .onConflictDoUpdate({ target: ratingDecisions.nominationId, set: row });
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "rating.decide",
        entity: "ratingNomination",
        entityId: nominationId,
        scope,
        after: {
          stars: decided.stars,
          reason: row.reason,
          tally: review.tally.map((s) => ({ star: s.starKey, yes: s.yes, no: s.no, eligible: s.eligible })),
        },
      },
      { requestId: call.requestId, now },
    );
    return ok({ nominationId, stars: decided.stars });
  });
}

/** The committee's desk: each candidate with statements, evidence (and whether each star's rule is met), votes, exclusions, the tally, the decision and objections. */
export async function cycleForCommittee(call: Call, cycleId: number) {
  // Read-only: one snapshot of the whole desk, queried per candidate, without holding the write lock.
  return call.deps.database.read(async (tx) => {
    const managed = await managedCycle(tx, call, cycleId);
    if (!managed.ok) return managed;
    const { cycle, scheme, stars } = managed.loaded;
    const starKeys = stars.map((s) => s.key);
    const { members, reviews } = await reviewsOf(tx, cycle, starKeys);
    const memberNames = members.length
      ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, members))
      : [];
    const nominations = await tx
      .select()
      .from(ratingNominations)
      .where(eq(ratingNominations.cycleId, cycleId))
      .orderBy(asc(ratingNominations.id));
    const ids = nominations.map((n) => n.id).concat(-1);
    const decisions = await tx.select().from(ratingDecisions).where(inArray(ratingDecisions.nominationId, ids));
    const objections = await tx
      .select()
      .from(ratingObjections)
      .where(eq(ratingObjections.cycleId, cycleId))
      .orderBy(asc(ratingObjections.id));
    const photos = await tx
      .select({ nominationId: ratingEvidencePhotos.nominationId, photo: ratingEvidencePhotos.photo })
      .from(ratingEvidencePhotos)
      .where(inArray(ratingEvidencePhotos.nominationId, ids));
    const candidates = [];
    for (const n of nominations) {
      const subject = await loadSubject(tx, n.subjectKey);
      const review = must(reviews.get(n.id));
      const evidence = JSON.parse(n.evidenceAuto) as Evidence;
      const decision = decisions.find((d) => d.nominationId === n.id);
      candidates.push({
        id: n.id,
        subjectKey: n.subjectKey,
        name: subject?.name ?? "",
        route: n.route,
        statements: JSON.parse(n.statements) as Record<string, string>,
        evidenceText: n.evidenceText,
        evidence,
        rules: Object.fromEntries(stars.map((s) => [s.key, meetsRule(evidence, s.evidence)])),
        photos: photos.filter((p) => p.nominationId === n.id).map((p) => p.photo),
        votes: review.votes.map((v) => ({
          memberId: v.memberUserId,
          starKey: v.starKey,
          award: v.award,
          comment: v.comment,
        })),
        excluded: review.excluded,
        tally: review.tally,
        standing: { scored: review.scored, carried: review.carried, waitingFor: review.waitingFor },
        decision: decision
          ? {
              stars: JSON.parse(decision.stars) as string[],
              reason: decision.reason,
              noticeEndsAt: toIso(decision.noticeEndsAt),
              holds: decisionHolds(review, JSON.parse(decision.stars) as string[]),
            }
          : null,
        objections: objections
          .filter((o) => o.nominationId === n.id)
          .map((o) => ({
            id: o.id,
            reason: o.reason,
            createdAt: toIso(o.createdAt),
            answer: o.answer,
            outcome: o.outcome,
          })),
      });
    }
    return ok({
      cycle: {
        id: cycle.id,
        title: cycle.title,
        communityId: cycle.communityId,
        status: cycle.status,
        actions: cycleActions(cycle.status, factsFrom(reviews, decisions)),
        periodLabel: cycle.periodLabel,
        decisionRule: cycle.decisionRule,
        noticeWorkingDays: cycle.noticeWorkingDays,
        nominationEndsAt: toIso(cycle.nominationEndsAt),
        reviewEndsAt: toIso(cycle.reviewEndsAt),
        publishOn: toIso(cycle.publishOn),
        noticeStartedAt: toIso(cycle.noticeStartedAt),
        publishedAt: toIso(cycle.publishedAt),
      },
      scheme: { id: scheme.id, name: scheme.name, subjectKind: scheme.subjectKind, stars },
      members: memberNames,
      me: must(call.actor).userId,
      candidates,
    });
  });
}
