import { eq, inArray } from "drizzle-orm";
import { reviewStanding, tally, type DecisionRule, type ReviewStanding, type StarTally } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { ratingConflicts, ratingNominations, ratingVotes } from "../../db/schema";
import { committeeOf, isOwnSubject, loadSubject } from "./subjects";

type Reader = Db | Tx;
export type Review = ReviewStanding & {
  votes: (typeof ratingVotes.$inferSelect)[];
  excluded: number[];
  tally: StarTally[];
};

/**
 * Where the committee's scoring of each candidate of a cycle stands: the votes,
 * who is excluded (declared conflicts, a member's own person or household), the
 * tally and the standing by the cycle's rule. One reading for the desk, the
 * decision and the notice guard, so the three cannot disagree.
 */
export async function reviewsOf(
  db: Reader,
  cycle: { id: number; communityId: number; decisionRule: DecisionRule },
  starKeys: readonly string[],
): Promise<{ members: number[]; reviews: Map<number, Review> }> {
  const members = await committeeOf(db, cycle.communityId);
  const nominations = await db
    .select({ id: ratingNominations.id, subjectKey: ratingNominations.subjectKey })
    .from(ratingNominations)
    .where(eq(ratingNominations.cycleId, cycle.id));
  const ids = nominations.map((n) => n.id).concat(-1);
  const votes = await db.select().from(ratingVotes).where(inArray(ratingVotes.nominationId, ids));
  const conflicts = await db.select().from(ratingConflicts).where(inArray(ratingConflicts.nominationId, ids));
  const reviews = new Map<number, Review>();
  for (const n of nominations) {
    const subject = await loadSubject(db, n.subjectKey);
    const excluded = new Set(conflicts.filter((c) => c.nominationId === n.id).map((c) => c.memberUserId));
    for (const m of members) if (subject && (await isOwnSubject(db, m, subject))) excluded.add(m);
    const mine = votes.filter((v) => v.nominationId === n.id);
    const counted = mine.map((v) => ({ memberId: v.memberUserId, starKey: v.starKey, award: v.award }));
    reviews.set(n.id, {
      votes: mine,
      excluded: [...excluded],
      tally: tally(counted, members, excluded, starKeys, cycle.decisionRule),
      ...reviewStanding(counted, members, excluded, starKeys, cycle.decisionRule),
    });
  }
  return { members, reviews };
}
