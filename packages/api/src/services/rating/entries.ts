import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { ok, type NominationRoute } from "@tongxin/core";
import type { Db } from "../../db/client";
import { ratingConflicts, ratingDecisions, ratingNominations, ratingObjections, ratingVotes } from "../../db/schema";
import type { Call } from "../call";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { toIso } from "../../time";
import { managedCycle } from "./cycles";
import { loadSubject } from "./subjects";

/** Votes of a page's nominations, without those of members who declared a conflict (their votes do not count). */
async function countedVotes(db: Db, ids: number[]) {
  const votes = await db.select().from(ratingVotes).where(inArray(ratingVotes.nominationId, ids));
  const conflicts = await db.select().from(ratingConflicts).where(inArray(ratingConflicts.nominationId, ids));
  const excluded = new Set(conflicts.map((c) => `${c.nominationId}:${c.memberUserId}`));
  return votes.filter((v) => !excluded.has(`${v.nominationId}:${v.memberUserId}`));
}

/**
 * 评星台账: a cycle's nominees in the order nominated, each with the votes counted (for and against, over its
 * stars), the committee's decision and the objections with their answers. For those who run the cycle.
 */
export async function cycleEntries(call: Call, cycleId: number, input: PageInput) {
  const db = call.deps.database.db;
  const managed = await managedCycle(db, call, cycleId);
  if (!managed.ok) return managed;
  const { cycle, stars } = managed.loaded;
  const decoded = decodeCursor(input.cursor);
  if (!decoded.ok) return decoded;
  const limit = limitOf(input);
  const rows = await db
    .select()
    .from(ratingNominations)
    .where(and(eq(ratingNominations.cycleId, cycleId), gt(ratingNominations.id, decoded.after)))
    .orderBy(asc(ratingNominations.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const ids = page.items.map((n) => n.id);
  const [votes, decisions, objections] = ids.length
    ? [
        await countedVotes(db, ids),
        await db.select().from(ratingDecisions).where(inArray(ratingDecisions.nominationId, ids)),
        await db.select().from(ratingObjections).where(inArray(ratingObjections.nominationId, ids)),
      ]
    : [[], [], []];
  const starName = (key: string) => stars.find((s) => s.key === key)?.name ?? key;
  const items = [];
  // A cycle's nominees are tens; each subject is named as the committee's desk names it (the full name).
  for (const n of page.items) {
    const decision = decisions.find((d) => d.nominationId === n.id);
    const mine = objections.filter((o) => o.nominationId === n.id);
    const cast = votes.filter((v) => v.nominationId === n.id);
    items.push({
      id: n.id,
      cycle: cycle.title,
      period: cycle.periodLabel,
      cycleStatus: cycle.status,
      subject: (await loadSubject(db, n.subjectKey))?.name ?? null,
      route: n.route as NominationRoute,
      starsApplied: Object.keys(JSON.parse(n.statements) as Record<string, string>).map(starName),
      votesFor: cast.filter((v) => v.award).length,
      votesAgainst: cast.filter((v) => !v.award).length,
      starsDecided: decision ? (JSON.parse(decision.stars) as string[]).map(starName) : null,
      decisionReason: decision?.reason ?? null,
      decidedAt: decision ? toIso(decision.decidedAt) : null,
      objections: mine.length,
      objectionsOpen: mine.filter((o) => o.answeredAt === null).length,
      answers: mine.filter((o) => o.answer !== null).map((o) => o.answer as string),
    });
  }
  return ok({ items, nextCursor: page.nextCursor });
}
